// Phase timings for performance work: with OOMTRAIL_TRACE=1 in the environment, each call writes
// "trace <label> <ms since the process started> [thread]" to stderr. Off, it costs one check.
import { performance } from 'node:perf_hooks';
import { isMainThread, threadId } from 'node:worker_threads';

const ON = process.env.OOMTRAIL_TRACE === '1';
if (ON && isMainThread) process.stderr.write(`trace start ${performance.timeOrigin.toFixed(0).slice(-6)}\n`);

export function trace(label: string): void {
  if (ON) process.stderr.write(`trace ${label} ${(performance.timeOrigin + performance.now()).toFixed(0).slice(-6)}${isMainThread ? '' : ` [thread ${threadId}]`}\n`);
}
