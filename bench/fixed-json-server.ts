// A ceiling for the benchmarks, run as a child process: one fixed JSON body (a real `GET /tools?limit=100`
// answer, read from a file) served by bare node:http or by one Express 5 route. The object is serialized on
// every request, as the API's res.json does, so the ceiling includes that cost and nothing else.
//   node --import tsx bench/fixed-json-server.ts <node-http|express> <port> <body.json>
import { readFileSync } from 'node:fs'
import http from 'node:http'
import express from 'express'

const [kind, portText, bodyFile] = process.argv.slice(2)
if ((kind !== 'node-http' && kind !== 'express') || !portText || !bodyFile) {
  process.stderr.write('usage: fixed-json-server.ts <node-http|express> <port> <body.json>\n')
  process.exit(2)
}
const body = JSON.parse(readFileSync(bodyFile, 'utf8')) as unknown
const health = { status: 'ok' }

function nodeHttpServer(): http.Server {
  return http.createServer((req, res) => {
    const text = JSON.stringify(req.url === '/health' ? health : body)
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    })
    res.end(text)
  })
}

function expressServer(): http.Server {
  const app = express()
  // The API's settings: no X-Powered-By, no ETag (hashing every body would be a cost the API does not pay).
  app.disable('x-powered-by')
  app.set('etag', false)
  app.get('/health', (_req, res) => {
    res.json(health)
  })
  app.get('/api/v1/tools', (_req, res) => {
    res.json(body)
  })
  return http.createServer(app)
}

const server = kind === 'node-http' ? nodeHttpServer() : expressServer()
server.listen(Number(portText), '127.0.0.1')
process.on('SIGTERM', () => server.close(() => process.exit(0)))
