// A sweep worker thread: takes bundle jobs from the pool one at a time, analyses each, and posts
// back its Report (plain data: the Analysis, with its Clock and Events, never leaves the thread)
// and, while reading, how many bytes it has read, batched so progress costs little. NDJSON goes
// back in chunks, each sent when the pool has taken the one before (so the events are not held).
import { parentPort } from 'node:worker_threads';
import { type BundleJob, runJob } from './job.js';

export type ToWorker = { type: 'job'; id: number; job: BundleJob } | { type: 'taken' };
export type FromWorker =
  | { type: 'bytes'; n: number }
  | { type: 'ndjson'; id: number; text: string }
  | { type: 'done'; id: number; report: import('../report/model.js').Report };

const port = parentPort;
if (port) {
  let taken: (() => void) | null = null;
  port.on('message', async (m: ToWorker) => {
    if (m.type === 'taken') {
      taken?.();
      taken = null;
      return;
    }
    const { id, job } = m;
    let pending = 0;
    let last = Date.now();
    const onBytes = (n: number) => {
      pending += n;
      const now = Date.now();
      if (now - last >= 100) {
        port.postMessage({ type: 'bytes', n: pending } satisfies FromWorker);
        pending = 0;
        last = now;
      }
    };
    const onNdjson = (text: string) =>
      new Promise<void>((resolve) => {
        taken = resolve;
        port.postMessage({ type: 'ndjson', id, text } satisfies FromWorker);
      });
    const report = await runJob(job, onBytes, onNdjson);
    if (pending > 0) port.postMessage({ type: 'bytes', n: pending } satisfies FromWorker);
    port.postMessage({ type: 'done', id, report } satisfies FromWorker);
  });
}
