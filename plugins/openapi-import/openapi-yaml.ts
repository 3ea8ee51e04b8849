// YAML is read in a worker thread, never on the event loop: the yaml package takes seconds for a 1 MiB
// document (which would stall every tenant's requests meanwhile), composes recursively (a few thousand
// levels of nesting exhaust the stack, after which V8 may abort the process) and takes exponential time on
// nested explicit keys (`? ? ? x`). So, in the worker: unclosed brackets are counted, then the nesting is
// measured on the syntax tree of yaml's tokenizer (iterative, no recursion), and a document nested deeper
// than maxDepth is refused before it is composed; aliases are expanded at most maxAliases times; the
// worker's heap is capped; and a document not read within YAML_TIMEOUT_MS is refused (the worker is
// terminated). At most MAX_CONCURRENT documents are read at once per process; others wait their turn.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

export const YAML_TIMEOUT_MS = 20_000
const MAX_CONCURRENT = 2
const WORKER_HEAP_MB = 128

export type YamlOutcome =
  { ok: true; value: unknown } | { ok: false; message: string; line?: number; column?: number }

// Plain JavaScript (the worker runs it as is, without the app's TypeScript loader).
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const { Parser, parseDocument } = require(workerData.yamlPath)
const { text, maxDepth, maxAliases } = workerData
const collections = new Set(['block-map', 'block-seq', 'flow-collection'])
function read() {
  // Flow collections first, by counting brackets (a quoted bracket counts too: 100 unclosed ones in strings
  // are no API description), so a bomb of them is refused before the tokenizer builds its tree.
  let open = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 91 || c === 123) {
      if (++open > maxDepth) return { ok: false, message: 'nests more than ' + maxDepth + ' levels deep' }
    } else if ((c === 93 || c === 125) && open > 0) open--
  }
  let documents = 0
  const pending = []
  for (const token of new Parser().parse(text)) {
    if (token.type === 'document' && ++documents > 1) return { ok: false, message: 'holds more than one YAML document' }
    pending.push([token, 0])
  }
  while (pending.length > 0) {
    const [node, depth] = pending.pop()
    const nested = collections.has(node.type) ? depth + 1 : depth
    if (nested > maxDepth) return { ok: false, message: 'nests more than ' + maxDepth + ' levels deep' }
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') pending.push([child, nested])
  }
  const doc = parseDocument(text, { uniqueKeys: true })
  const [error] = doc.errors
  if (error) {
    const at = error.linePos && error.linePos[0]
    const message = String(error.message).split('\\n')[0].replace(/ at line \\d+, column \\d+:?$/, '')
    return { ok: false, message, line: at && at.line, column: at && at.col }
  }
  return { ok: true, value: doc.toJS({ maxAliasCount: maxAliases }) }
}
let outcome
try {
  outcome = read()
} catch (error) {
  outcome = { ok: false, message: String((error && error.message) || error).split('\\n')[0] }
}
try {
  parentPort.postMessage(outcome)
} catch {
  // A value structured clone cannot copy (none in JSON-like YAML; a custom tag's object).
  parentPort.postMessage({ ok: false, message: 'holds a value JSON has no type for' })
}
`

const yamlPath = createRequire(import.meta.url).resolve('yaml')
let running = 0
const waiting: (() => void)[] = []

async function turn(): Promise<() => void> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve))
  running++
  return () => {
    running--
    waiting.shift()?.()
  }
}

/** Reads one YAML document in a worker thread; never throws for the document's own faults. */
export async function readYaml(
  text: string,
  limits: { maxDepth: number; maxAliases: number },
): Promise<YamlOutcome> {
  const done = await turn()
  try {
    return await new Promise<YamlOutcome>((resolve) => {
      const worker = new Worker(workerSource, {
        eval: true,
        workerData: { yamlPath, text, ...limits },
        execArgv: [],
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      })
      let settled = false
      const finish = (outcome: YamlOutcome) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve(outcome)
        void worker.terminate()
      }
      const timer = setTimeout(
        () => finish({ ok: false, message: `was not read within ${YAML_TIMEOUT_MS / 1000} s` }),
        YAML_TIMEOUT_MS,
      )
      worker.once('message', (outcome: YamlOutcome) => finish(outcome))
      worker.once('error', (error) =>
        finish({
          ok: false,
          message:
            (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? 'needs too much memory to read'
              : `cannot be read as YAML: ${error.message.split('\n')[0]}`,
        }),
      )
      worker.once('exit', () => finish({ ok: false, message: 'cannot be read as YAML' }))
    })
  } finally {
    done()
  }
}
