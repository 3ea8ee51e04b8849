// The sandbox's limits per call (issue 15): memory, CPU time, output and code size. Fixed, not configurable:
// they are part of the tool contract tenants write code against.

export const MEMORY_LIMIT_BYTES = 32 * 1024 * 1024
/**
 * QuickJS's setMemoryLimit is not enough in this WebAssembly build: without malloc_usable_size it adds 8
 * bytes per allocation to its total whatever the size, so it bounds one allocation or the number of
 * allocations, not the bytes held (quickjs-emscripten issues #255, #271; measured: 60 arrays of 1 MB pass a
 * 32 MB limit). So each worker's WebAssembly memory is fixed instead: QuickJS's heap cannot grow past it,
 * and an allocation beyond it is QuickJS's ordinary "out of memory". The extra 4 MB is what the module
 * itself holds (static data, the C stack, the allocator) before any call: measured, a call gets ~32 MB.
 */
export const WASM_MEMORY_BYTES = MEMORY_LIMIT_BYTES + 4 * 1024 * 1024
export const DEFAULT_TIMEOUT_MS = 500
export const MAX_TIMEOUT_MS = 5000
export const MAX_OUTPUT_BYTES = 64 * 1024
export const MAX_CODE_BYTES = 64 * 1024
/** A thrown message is cut to this many characters before it reaches the caller (or the model). */
export const MAX_MESSAGE_CHARS = 1000

/**
 * QuickJS's own stack limit. QuickJS running as WebAssembly also uses the worker's V8 stack for every C
 * frame, at a much higher rate than it accounts for (measured: parsing "((((...))))" needs over 16 times
 * more V8 stack than QuickJS counts). With the V8 stack 64 times larger, QuickJS always stops first, with
 * a catchable "stack overflow", and the host never sees a RangeError (which would poison the WASM module).
 */
export const VM_STACK_BYTES = 512 * 1024
export const WORKER_STACK_MB = 32
/** The worker's own JavaScript heap (the WASM memory is outside it, bounded by MEMORY_LIMIT_BYTES). */
export const WORKER_HEAP_MB = 64
/** After its deadline (or a cancel) a worker that has not answered this long is terminated. */
export const HARD_KILL_GRACE_MS = 1000
