// One bundle of a sweep (--each) as plain data in, a Report out: what a worker thread runs, and
// what runs in-process when there is no worker to spare. A bundle that cannot be analysed still
// yields a Report, carrying the reason as an input error, so the other bundles are reported.
// With NDJSON asked for, the bundle's events stream out as text chunks while the Report waits.
import { type Analysis, type AnalyzeOptions, DEFAULT_LOOKBACK_SECONDS, analyze } from '../analyze.js';
import { type Report, type ReportOptions, buildReport } from '../report/model.js';
import { ndjsonText } from '../report/ndjson.js';
import { identityOf } from '../identity/identity.js';
import { Clock } from '../time/clock.js';

export interface BundleJob {
  /** The bundle's inputs (usually one: a folder or a file). */
  inputs: string[];
  /** Analysis options that are plain data (no streams, no callbacks). */
  analyze: Omit<AnalyzeOptions, 'inputs' | 'stdin' | 'onSource' | 'onBytes'>;
  report: ReportOptions;
  /** Produce the bundle's events as NDJSON text too (--format ndjson), handed to `onNdjson`. */
  ndjson?: boolean;
  /** With `ndjson`: dotted keys one level deep (--flat). */
  flat?: boolean;
  /** With `ndjson`: each event's absolute file path too (--absolute-paths). */
  absolutePaths?: boolean;
}

/** Takes a chunk of a bundle's NDJSON; the bundle goes on when the promise settles. */
export type NdjsonSink = (text: string) => Promise<void>;

export async function runJob(job: BundleJob, onBytes?: (n: number) => void, onNdjson?: NdjsonSink): Promise<Report> {
  try {
    const a = await analyze({ ...job.analyze, inputs: job.inputs, onBytes });
    if (job.ndjson && onNdjson) for await (const text of ndjsonText(a, { flat: job.flat, absolutePaths: job.absolutePaths })) await onNdjson(text);
    return buildReport(a, job.report);
  } catch (err) {
    return failedReport(job, `internal error: ${(err as Error).message}`);
  }
}

/** A Report for a bundle that could not be analysed at all. */
export function failedReport(job: BundleJob, reason: string): Report {
  const path = job.report.bundle ?? job.inputs.join(', ');
  const a: Analysis = {
    clock: new Clock(job.analyze.tz),
    identity: identityOf(job.inputs, job.analyze.host ? { name: job.analyze.host, source: 'option' } : null, job.analyze.bundleId),
    inputs: [{ path, formats: [], lines: 0, blank: 0, events: 0, unrecognized: 0, uninterpreted: 0, error: reason }],
    events: [],
    stats: { lines: 0, blank: 0, events: 0, unrecognized: 0, uninterpreted: 0 },
    errors: [{ path, reason }],
    failures: [],
    episodes: [],
    incidents: [],
    advice: [],
    accounting: [],
    releases: [],
    trends: [],
    lookbackSeconds: job.analyze.lookbackSeconds ?? DEFAULT_LOOKBACK_SECONDS,
  };
  return buildReport(a, job.report);
}
