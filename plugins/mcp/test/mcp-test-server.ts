// A real MCP server for the tests, made with the same SDK the platform's client uses: the SDK's Server over
// its StreamableHTTPServerTransport (stateless: a fresh server and transport per request), on 127.0.0.1,
// which the test configuration's egress allows. Its tool list is a mutable array, so a test can add and
// drop tools between a registration and a refresh; every request's headers are recorded.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js'

export interface TestTool {
  name: string
  description?: string
  inputSchema: Record<string, unknown>
  call(args: Record<string, unknown>, headers: http.IncomingHttpHeaders): Record<string, unknown>
}

export interface McpTestServer {
  url: string
  tools: TestTool[]
  /** Headers of every HTTP request the server received. */
  requests: http.IncomingHttpHeaders[]
  /** Number of tools/call requests. */
  calls(): number
  close(): Promise<void>
}

const text = (value: string) => ({ content: [{ type: 'text', text: value }] })

/** echo, add (structured), fail (isError), whoami (echoes the Authorization header), picture (an image). */
export const defaultTools = (): TestTool[] => [
  {
    name: 'echo',
    description: 'Echoes its text',
    inputSchema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { text: { type: 'string', pattern: '^[^<]*$' } },
      required: ['text'],
    },
    call: (args) => text(`echo: ${String(args.text)}`),
  },
  {
    name: 'add',
    description: 'Adds two numbers',
    inputSchema: {
      type: 'object',
      properties: { a: { type: 'number' }, b: { type: 'number' } },
      required: ['a', 'b'],
    },
    call: (args) => {
      const sum = Number(args.a) + Number(args.b)
      return { ...text(String(sum)), structuredContent: { sum } }
    },
  },
  {
    name: 'fail',
    description: 'Always fails',
    inputSchema: { type: 'object' },
    call: () => ({ ...text('the weather service is down'), isError: true }),
  },
  {
    name: 'whoami',
    description: 'Says which credentials it was sent',
    inputSchema: { type: 'object' },
    call: (_args, headers) => text(`you sent ${String(headers.authorization)}`),
  },
  {
    name: 'picture',
    description: 'Returns an image',
    inputSchema: { type: 'object' },
    call: () => ({
      content: [
        { type: 'text', text: 'a red dot' },
        { type: 'image', mimeType: 'image/png', data: Buffer.from('not really a png').toString('base64') },
      ],
    }),
  },
]

export async function startMcpTestServer(tools: TestTool[] = defaultTools()): Promise<McpTestServer> {
  const requests: http.IncomingHttpHeaders[] = []
  let calls = 0
  const httpServer = http.createServer((req, res) => {
    requests.push(req.headers)
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end()
      return
    }
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      const server = new Server({ name: 'test-server', version: '1.0.0' }, { capabilities: { tools: {} } })
      server.setRequestHandler(ListToolsRequestSchema, () => ({
        tools: tools.map(({ name, description, inputSchema }) => ({ name, description, inputSchema })),
      }))
      server.setRequestHandler(CallToolRequestSchema, (request) => {
        calls++
        const tool = tools.find((t) => t.name === request.params.name)
        if (!tool) return { ...text(`no tool ${request.params.name}`), isError: true }
        return tool.call(request.params.arguments ?? {}, req.headers)
      })
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined })
      res.on('close', () => {
        void transport.close()
        void server.close()
      })
      server
        .connect(transport)
        .then(() => transport.handleRequest(req, res, JSON.parse(body)))
        .catch(() => res.writeHead(500).end())
    })
  })
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
  httpServer.unref()
  const { port } = httpServer.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    tools,
    requests,
    calls: () => calls,
    async close() {
      httpServer.closeAllConnections()
      await new Promise((resolve) => httpServer.close(resolve))
    },
  }
}

let fixtureServer: Promise<McpTestServer> | undefined

/** One server for every fixture of the test process; unref'd, so it never keeps the process alive. */
export async function fixtureMcpServerUrl(): Promise<string> {
  fixtureServer ??= startMcpTestServer()
  return (await fixtureServer).url
}

/**
 * The fixture server's URL, known when this module has loaded: for the generic tests that build valid bodies
 * synchronously from the spec (a `url` field is an MCP server's; test/helpers/spec-requests.ts).
 */
export const fixtureMcpUrl = await fixtureMcpServerUrl()
