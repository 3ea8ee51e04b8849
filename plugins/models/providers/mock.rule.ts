// The mock provider's tool rule: which tools it calls, read from the prompt, so every path of a run loop
// can be tested offline and deterministically.
//
// The prompt (the first user message) is split on ` then ` into groups. In a group, every phrase
// `use <tool-name> with <JSON object>` whose name is one of the request's tools is a call, in order; the
// JSON object is the balanced `{...}` after `with` (braces inside JSON strings do not count), or, when it
// never closes, the rest of the group as written. Its text is the call's arguments, valid or not. A
// ` then ` inside a phrase's object does not split. Groups without such a phrase are dropped. Step k+1 of a
// run (k = assistant messages with tool calls so far) answers with the calls of group k+1, ids
// `call_<k+1>_<i>` (i from 1); once every group has been answered, the model answers in text.
import type { Message, ToolCall, ToolSpec } from '../provider.js'

/** One phrase found: the tool's name and its arguments exactly as written. */
export interface MockCallPhrase {
  name: string
  arguments: string
}

const separator = ' then '

/**
 * The groups of calls the prompt asks for, in order, empty groups dropped. Only the names in `toolNames`
 * count; the longest name that fits wins when one is a prefix of another ("web" and "web search").
 */
export function parseMockCalls(prompt: string, toolNames: readonly string[]): MockCallPhrase[][] {
  const names = [...new Set(toolNames)].sort((a, b) => b.length - a.length)
  const groups: MockCallPhrase[][] = [[]]
  let i = 0
  while (i < prompt.length) {
    if (prompt.startsWith(separator, i)) {
      groups.push([])
      i += separator.length
      continue
    }
    const phrase = startsWordAt(prompt, i) ? phraseAt(prompt, i, names) : undefined
    if (!phrase) {
      i++
      continue
    }
    groups.at(-1)!.push({ name: phrase.name, arguments: prompt.slice(phrase.objectStart, phrase.end) })
    i = phrase.end
  }
  return groups.filter((group) => group.length > 0)
}

/** `use` must start a word: "reuse x with {}" is not a phrase. */
const startsWordAt = (text: string, i: number) => i === 0 || /\s/.test(text[i - 1]!)

function phraseAt(
  text: string,
  start: number,
  names: readonly string[],
): { name: string; objectStart: number; end: number } | undefined {
  const use = /use\s+/y
  use.lastIndex = start
  if (!use.exec(text)) return undefined
  for (const name of names) {
    if (!text.startsWith(name, use.lastIndex)) continue
    const withObject = /\s+with\s+\{/y
    withObject.lastIndex = use.lastIndex + name.length
    if (!withObject.exec(text)) continue
    const objectStart = withObject.lastIndex - 1
    return { name, objectStart, end: objectEnd(text, objectStart) }
  }
  return undefined
}

/**
 * Where the object that opens at `start` ends: after its matching `}`, counting only braces outside JSON
 * strings. An object that never closes runs to the next ` then ` or the end of the text.
 */
function objectEnd(text: string, start: number): number {
  let depth = 0
  let inString = false
  let escaped = false
  for (let i = start; i < text.length; i++) {
    const char = text[i]
    if (inString) {
      if (escaped) escaped = false
      else if (char === '\\') escaped = true
      else if (char === '"') inString = false
    } else if (char === '"') inString = true
    else if (char === '{') depth++
    else if (char === '}' && --depth === 0) return i + 1
  }
  const next = text.indexOf(separator, start)
  return next === -1 ? text.length : next
}

/** The calls the mock makes at this point of the conversation, or undefined when it answers in text. */
export function nextMockCalls(
  prompt: string,
  messages: readonly Message[],
  tools: readonly ToolSpec[],
): ToolCall[] | undefined {
  const groups = parseMockCalls(
    prompt,
    tools.map((tool) => tool.name),
  )
  const step = messages.filter((m) => m.role === 'assistant' && m.toolCalls.length > 0).length
  const group = groups[step]
  if (!group) return undefined
  return group.map((phrase, i) => ({ id: `call_${step + 1}_${i + 1}`, ...phrase }))
}

/** What follows the known answer once tools ran: ` Tool results: <name> -> <content>; ...`. */
export function toolResultsSuffix(messages: readonly Message[]): string {
  const results = messages.flatMap((m) => (m.role === 'tool' ? [`${m.name} -> ${m.content}`] : []))
  return results.length > 0 ? ` Tool results: ${results.join('; ')}` : ''
}
