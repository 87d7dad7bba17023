/**
 * Loaded into a server process by a benchmark only (spawnServer `imports`, with --expose-gc): on
 * SIGUSR2 the server runs a full garbage collection, so that the heap a benchmark reads afterwards is
 * what stays alive, not garbage not yet collected. Never part of the server itself.
 */
process.on('SIGUSR2', () => (globalThis as { gc?: () => void }).gc?.());
// BENCH_HEAP_SNAPSHOT: SIGUSR1 writes a heap snapshot into the working folder (to find where it goes).
if (process.env.BENCH_HEAP_SNAPSHOT)
  process.on('SIGUSR1', () => void import('node:v8').then((v8) => v8.writeHeapSnapshot()));
