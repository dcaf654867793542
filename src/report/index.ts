// The reporters: plain functions from Reports (one per bundle; plain data, see model.ts) to the
// text of one output, listed here. NDJSON is not one of them: it streams an Analysis's events as
// they are read again (ndjson.ts), bundle after bundle for --each (sweep/ordered.ts).
import type { Analysis } from '../analyze.js';
import { toEcs } from './ecs.js';
import { html } from './html.js';
import { type RunInfo, junit } from './junit.js';
import { markdown } from './markdown.js';
import type { Report } from './model.js';
import { jsonSafe } from './sanitize.js';
import { type TextOptions, text } from './text.js';

export type ReportFormat = 'text' | 'markdown' | 'html' | 'json' | 'ndjson' | 'junit';

export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'markdown', 'html', 'json', 'ndjson', 'junit'];

/** Options every reporter takes (each reads what it needs): colour, width, --verbose, the run. */
export type ReportOptions = TextOptions & RunInfo;

/** One bundle: its summary (`oomtrail.summary/1`); several: `oomtrail.sweep/1` with one summary each. */
export function json(reports: readonly Report[]): string {
  const doc = reports.length === 1 ? reports[0].summary : { schema: 'oomtrail.sweep/1', bundles: reports.map((r) => ({ input: r.bundle, ...r.summary })) };
  return `${jsonSafe(JSON.stringify(doc, null, 2))}\n`;
}

/** NDJSON objects, one event each, in time order, straight from an Analysis (streams). */
export function* ndjsonLines(a: Analysis): Generator<Record<string, unknown>> {
  for (const e of a.events) yield toEcs(e, a);
}

/** The formats rendered from Reports (all but NDJSON). */
export const REPORTERS: Record<Exclude<ReportFormat, 'ndjson'>, (reports: readonly Report[], o: ReportOptions) => string> = {
  text,
  markdown,
  html,
  json,
  junit,
};

export type { Report } from './model.js';
export { buildReport } from './model.js';
