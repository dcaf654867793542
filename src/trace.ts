// Phase timings for performance work: with OOMTRAIL_TRACE=1 in the environment, each call writes
// "trace <label> <ms since the process started> [thread]" to stderr. Off, it costs one check.
import { performance } from 'node:perf_hooks';
import { isMainThread, threadId } from 'node:worker_threads';

let on: boolean | undefined;

/** Read once, at the first trace (not at import): tests and embedders may set it before. */
function enabled(): boolean {
  if (on === undefined) {
    on = process.env.OOMTRAIL_TRACE === '1';
    if (on && isMainThread) process.stderr.write(`trace start ${performance.timeOrigin.toFixed(0).slice(-6)}\n`);
  }
  return on;
}

export function trace(label: string): void {
  if (enabled()) process.stderr.write(`trace ${label} ${(performance.timeOrigin + performance.now()).toFixed(0).slice(-6)}${isMainThread ? '' : ` [thread ${threadId}]`}\n`);
}
