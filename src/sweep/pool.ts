// Runs a sweep (--each): every bundle analysed on this thread and a pool of worker threads, one
// per core in all (os.availableParallelism, never more than there are bundles), Reports returned in
// input order, NDJSON written in input order as it is made (ordered.ts).
// Without a built worker (running from TypeScript sources) or with one bundle, runs in-process.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Report } from '../report/model.js';
import { type BundleJob, failedReport, runJob } from './job.js';
import { OrderedOutput } from './ordered.js';
import { workerBudget } from './threads.js';
import type { FromWorker, ToWorker } from './worker.js';

export interface SweepOptions {
  /** Threads to use (default: one per core). */
  threads?: number;
  onBytes?: (n: number) => void;
  /** Where jobs with `ndjson` write their NDJSON: each bundle's in turn, in input order. */
  ndjson?: (text: string) => Promise<void>;
}

const WORKER = new URL('./worker.js', import.meta.url);

/** Can this build start workers? (Not when running from the .ts sources under a test runner.) */
export function workersAvailable(): boolean {
  return WORKER.protocol === 'file:' && existsSync(fileURLToPath(WORKER));
}

/** The parent's node flags, less those for evaluating a string (`node --input-type=module -e ...`). */
function workerExecArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-e' || a === '--eval' || a === '-p' || a === '--print') i++;
    else if (!a.startsWith('--input-type') && !a.startsWith('--eval=') && !a.startsWith('--print=')) out.push(a);
  }
  return out;
}

export async function sweep(jobs: readonly BundleJob[], opts: SweepOptions = {}): Promise<Report[]> {
  // this thread counts as one; under `ulimit -v` only the worker threads that fit start (threads.ts)
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), jobs.length, 1 + workerBudget()));
  const reports: Report[] = new Array(jobs.length);
  const out = new OrderedOutput(opts.ndjson ?? (async () => {}));
  const inProcess = async (id: number) => {
    reports[id] = await runJob(jobs[id], opts.onBytes, (text) => out.chunk(id, text));
    await out.end(id);
  };
  if (jobs.length <= 1 || !workersAvailable()) {
    for (let i = 0; i < jobs.length; i++) await inProcess(i);
    if (out.error) throw out.error;
    return reports;
  }
  let next = 0;
  const runOne = (worker: Worker) =>
    new Promise<void>((resolve) => {
      let dead = false;
      const feed = () => {
        if (dead) return; // gone while its last bundle waited for its turn: takes no other
        if (next >= jobs.length) {
          resolve();
          return;
        }
        const id = next++;
        current = id;
        worker.postMessage({ type: 'job', id, job: jobs[id] } satisfies ToWorker);
      };
      let current = -1;
      let heard = false;
      worker.on('message', (m: FromWorker) => {
        heard = true;
        if (m.type === 'bytes') opts.onBytes?.(m.n);
        else if (m.type === 'ndjson') void out.chunk(m.id, m.text).then(() => worker.postMessage({ type: 'taken' } satisfies ToWorker));
        else {
          reports[m.id] = m.report;
          current = -1;
          void out.end(m.id).then(feed);
        }
      });
      const fail = (reason: string) => {
        dead = true;
        // a worker that could not start leaves its bundle to be read here (below), not failed
        if (current >= 0 && !reports[current] && heard) {
          reports[current] = failedReport(jobs[current], reason);
          void out.end(current);
        }
        // this worker is gone: the remaining jobs go to the others (or run in-process below)
        resolve();
      };
      worker.on('error', (err) => fail(`internal error: ${err.message}`));
      worker.on('exit', (code) => fail(`worker stopped (exit code ${code})`));
      feed();
    });
  // this thread takes bundles from the same queue: one worker thread fewer to start
  const here = async () => {
    while (next < jobs.length) await inProcess(next++);
  };
  const workers = Array.from({ length: threads - 1 }, () => new Worker(WORKER, { execArgv: workerExecArgv(process.execArgv) }));
  try {
    await Promise.all([...workers.map(runOne), here()]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  // jobs left when every worker died
  for (let i = 0; i < jobs.length; i++) if (!reports[i]) await inProcess(i);
  if (out.error) throw out.error;
  return reports;
}
