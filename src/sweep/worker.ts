// A sweep worker thread: takes bundle jobs from the pool one at a time, analyses each, and posts
// back its Report (plain data: the Analysis, with its Clock and Events, never leaves the thread)
// and, while reading, how many bytes it has read, batched so progress costs little.
import { parentPort } from 'node:worker_threads';
import { type BundleJob, runJob } from './job.js';

export type ToWorker = { id: number; job: BundleJob };
export type FromWorker = { type: 'bytes'; n: number } | { type: 'done'; id: number; report: import('../report/model.js').Report };

const port = parentPort;
if (port) {
  port.on('message', async ({ id, job }: ToWorker) => {
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
    const report = await runJob(job, onBytes);
    if (pending > 0) port.postMessage({ type: 'bytes', n: pending } satisfies FromWorker);
    port.postMessage({ type: 'done', id, report } satisfies FromWorker);
  });
}
