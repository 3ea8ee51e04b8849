// What a conversation and its tools amount to as text, for counting tokens: every message (text, each
// tool call's name and arguments, each tool result) and every tool definition (name, description, schema).
import type { Message, ToolSpec } from './provider.js'

export function textsOfMessage(message: Message): string[] {
  switch (message.role) {
    case 'user':
      return [message.content]
    case 'assistant':
      return [message.content, ...message.toolCalls.flatMap((call) => [call.name, call.arguments])]
    case 'tool':
      return [message.name, message.content]
  }
}

export const textsOfTool = (tool: ToolSpec): string[] => [
  tool.name,
  tool.description,
  JSON.stringify(tool.inputSchema),
]

/** The first user message: the prompt the run began with ('' when there is none). */
export const firstPrompt = (messages: readonly Message[]): string =>
  messages.find((message) => message.role === 'user')?.content ?? ''
