// What the model is told about the agent, and the snapshot the execution keeps of it.
import type { AgentSnapshot } from './execution.js'

interface AgentLike {
  id: string
  name: string
  role: string
  description: string
  tools: { id: string; name: string; description: string }[]
}

export const snapshotOf = (agent: AgentLike): AgentSnapshot => ({
  id: agent.id,
  name: agent.name,
  role: agent.role,
  description: agent.description,
  tools: agent.tools.map(({ id, name, description }) => ({ id, name, description })),
})

export function systemPrompt(agent: AgentSnapshot): string {
  const tools =
    agent.tools.length > 0
      ? `Tools you can use:\n${agent.tools.map((tool) => `- ${tool.name}: ${tool.description}`).join('\n')}`
      : 'You have no tools; answer from your own knowledge.'
  return `You are ${agent.name}, an AI agent. Your role: ${agent.role}.\n${agent.description}\n${tools}`
}
