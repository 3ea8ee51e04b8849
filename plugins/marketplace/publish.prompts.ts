// Each example prompt runs against the mock model without error: the package's agent and tools as an
// installed agent would have them, model step after model step, until the model answers in text. Runs
// nothing through the runs plugin and writes nothing: no execution, no history, no usage for the publisher.
// A call must name a tool of the package with arguments its input schema accepts; builtin and javascript
// tools really run (in the sandbox); http and client tools are not called (validation sends nothing out
// and has no caller), their calls answered with a placeholder so the conversation goes on.
import type { TenantTransaction } from '../../app/plugin-kit.js'
import type { ModelsGateway } from '../models/models.gateway.js'
import type { Message, ModelEntry, ToolSpec } from '../models/provider.js'
import type { ToolKindsRegistry } from '../tool-kinds/tool-kinds.registry.js'
import { checkOf, kindFields, type Failure } from './publish.checks.js'
import type { AgentPackage, PackagedTool } from './marketplace.package.js'
import type { VersionCheck } from './publish.versions.repo.js'

/** The mock provider (deterministic, offline, free), whatever providers the platform has configured. */
const mockModel: ModelEntry = {
  id: 'marketplace-validation',
  provider: 'mock',
  providerModel: 'mock',
  contextWindow: 128_000,
  maxOutputTokens: 4_096,
  inputPricePerMillion: 0,
  outputPricePerMillion: 0,
}

/** As many model steps as a run takes by default. */
const maxSteps = 8
const ranHere = new Set(['builtin', 'javascript'])

export interface PromptDeps {
  modelsGateway: ModelsGateway
  toolKindsRegistry: ToolKindsRegistry
}

export interface PromptContext {
  signal: AbortSignal
  tenantId: string
  inTransaction: TenantTransaction
}

/** What the model is told, as the runs plugin tells it (run.prompt.ts). */
const systemPrompt = ({ agent, tools }: AgentPackage): string => {
  const list =
    tools.length > 0
      ? `Tools you can use:\n${tools.map((tool) => `- ${tool.name}: ${tool.description}`).join('\n')}`
      : 'You have no tools; answer from your own knowledge.'
  return `You are ${agent.name}, an AI agent. Your role: ${agent.role}.\n${agent.description}\n${list}`
}

/** Why one call went wrong, or its output for the model. */
async function callTool(
  tool: PackagedTool | undefined,
  name: string,
  args: string,
  { toolKindsRegistry: kinds }: PromptDeps,
  ctx: PromptContext,
): Promise<{ failure: string } | { output: unknown }> {
  if (!tool) return { failure: `the model called ${name}, which is not a tool of the package` }
  let input: unknown
  try {
    input = JSON.parse(args)
  } catch {
    return { failure: `the arguments of the call to ${name} are not JSON` }
  }
  const errors = kinds.validateInput(tool.input_schema, input)
  if (errors.length > 0) {
    const detail = errors.map((e) => `${e.pointer || '/'}: ${e.message}`).join('; ')
    return { failure: `the arguments of the call to ${name} do not match its input schema: ${detail}` }
  }
  if (!ranHere.has(tool.kind))
    return { output: { not_called: `validation does not call ${tool.kind} tools` } }
  const runnable = { id: `package:${tool.name}`, kind: tool.kind, input_schema: tool.input_schema }
  const result = await kinds.run({ ...runnable, config: kindFields(tool) }, input, ctx)
  if ('error' in result) return { failure: `${name} failed: ${result.error.code}: ${result.error.message}` }
  return { output: result.output }
}

/** One prompt's run: undefined when the model ends with a text answer, else why it did not. */
async function runPrompt(
  pkg: AgentPackage,
  prompt: string,
  deps: PromptDeps,
  ctx: PromptContext,
): Promise<string | undefined> {
  const byName = new Map(pkg.tools.map((tool) => [tool.name, tool]))
  const tools: ToolSpec[] = pkg.tools.map(({ name, description, input_schema }) => ({
    name,
    description,
    inputSchema: input_schema,
  }))
  const messages: Message[] = [{ role: 'user', content: prompt }]
  for (let step = 0; step < maxSteps; step++) {
    const planned = deps.modelsGateway.plan({
      model: mockModel,
      agent: { name: pkg.agent.name, role: pkg.agent.role },
      system: systemPrompt(pkg),
      messages,
      tools,
    })
    const result = await deps.modelsGateway.call(planned, { signal: ctx.signal })
    if (!result.completion) return `the model call failed (${result.failure?.reason ?? 'no answer'})`
    const { text, toolCalls } = result.completion
    if (toolCalls.length === 0) return undefined
    messages.push({ role: 'assistant', content: text, toolCalls })
    for (const call of toolCalls) {
      const outcome = await callTool(byName.get(call.name), call.name, call.arguments, deps, ctx)
      if ('failure' in outcome) return outcome.failure
      const content = JSON.stringify({ output: outcome.output ?? null })
      messages.push({ role: 'tool', toolCallId: call.id, name: call.name, content, isError: false })
    }
  }
  return `the model was still calling tools after ${maxSteps} steps`
}

export async function examplePromptsCheck(
  pkg: AgentPackage,
  prompts: readonly string[],
  deps: PromptDeps,
  ctx: PromptContext,
): Promise<VersionCheck> {
  const failures: Failure[] = []
  for (const [index, prompt] of prompts.entries()) {
    const failure = await runPrompt(pkg, prompt, deps, ctx)
    if (failure !== undefined) failures.push({ prompt: index, message: `prompt ${index + 1}: ${failure}` })
  }
  const passed =
    prompts.length === 0
      ? 'No example prompts'
      : `Every example prompt ran against the mock model without error (${prompts.length})`
  return checkOf('example_prompts', failures, passed, 'Example prompts that failed')
}
