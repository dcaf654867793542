// A worker thread reading one part of a big log file (src/parse/split.ts): the job comes in
// workerData, the result goes back as one message (its events keep their shared references).
import { parentPort, workerData } from 'node:worker_threads';
import { type PartJob, readPart } from './part.js';

parentPort?.postMessage(await readPart(workerData as PartJob));
