// Worker threads are optional. Each one reserves address space for its own V8 heap and code range;
// under `ulimit -v` (the memory-starved hosts this tool is for) a thread that cannot reserve it
// aborts the whole process ("Failed to reserve virtual memory for CodeRange"), which no handler can
// catch. So the limit is read first and threads are started only where they fit; else one thread.
import { readFileSync } from 'node:fs';

/** What the main thread needs, and each worker thread more (measured: 1.7 GB runs one worker, 1.6 GB aborts). */
const BASE_BYTES = 2 * 1024 ** 3;
const PER_WORKER_BYTES = 512 * 1024 ** 2;

/** The soft address-space limit (`ulimit -v`) in bytes, or null when unlimited or unknown. */
export function addressSpaceLimit(limits?: string): number | null {
  let text = limits;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return null; // not Linux: no way to tell, and no such abort seen
    }
  }
  const m = /^Max address space\s+(\S+)/m.exec(text);
  if (!m || m[1] === 'unlimited') return null;
  const n = Number(m[1]);
  return Number.isFinite(n) ? n : null;
}

let cached: number | undefined;

/** How many worker threads this process may start (Infinity when the address space is not limited). */
export function workerBudget(limits?: string): number {
  if (limits === undefined && cached !== undefined) return cached;
  const limit = addressSpaceLimit(limits);
  const budget = limit === null ? Infinity : Math.max(0, Math.floor((limit - BASE_BYTES) / PER_WORKER_BYTES) + (limit >= BASE_BYTES ? 1 : 0));
  if (limits === undefined) cached = budget;
  return budget;
}
