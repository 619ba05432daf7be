// The flags `node` runs the server with in production: `npm start` (package.json), the Docker image's CMD, this
// folder's `marginalia` command (its first line) and the benchmarks pass them, since a running process cannot
// change them. server/cli/node-flags.test.ts keeps those places equal to this list. What each costs and saves:
// docs/operations.md, "Memory".
//
// --max-semi-space-size=1    the young generation's two halves stop at 1 MB instead of 16 MB
// --v8-pool-size=1           one V8 helper thread (background compiling) instead of four
// --heap-growing-percent=20  after a full collection the old generation may grow by 20 % before the next one
//                            (V8 otherwise picks the factor from its collection speed: 10–15 MB ahead of what it held)
// --single-threaded-gc       collections run on the main thread, in steps, never on helper threads: with one core,
//                            a helper thread takes the core in scheduler slices of milliseconds while a message waits

/** The flags, as `node` takes them before the script. */
export const productionNodeFlags = [
  '--max-semi-space-size=1',
  '--v8-pool-size=1',
  '--heap-growing-percent=20',
  '--single-threaded-gc',
]
