// The reporters: plain functions from Reports (one per bundle; plain data, see model.ts) to the
// text of one output, listed here. NDJSON streams lines from an Analysis instead (ndjsonLines),
// or, for --each, concatenates the lines each worker rendered into its Report.
import type { Analysis } from '../analyze.js';
import { toEcs } from './ecs.js';
import { html } from './html.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import type { Report } from './model.js';
import { jsonSafe } from './sanitize.js';
import { type TextOptions, text } from './text.js';

export type ReportFormat = 'text' | 'markdown' | 'html' | 'json' | 'ndjson' | 'junit';

export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'markdown', 'html', 'json', 'ndjson', 'junit'];

export type ReportOptions = TextOptions;

/** One bundle: its summary (`oomtrail.summary/1`); several: `oomtrail.sweep/1` with one summary each. */
export function json(reports: readonly Report[]): string {
  const doc = reports.length === 1 ? reports[0].summary : { schema: 'oomtrail.sweep/1', bundles: reports.map((r) => ({ bundle: r.bundle, ...r.summary })) };
  return `${jsonSafe(JSON.stringify(doc, null, 2))}\n`;
}

/** The NDJSON lines each Report carries (built with `ndjson: true`), bundle after bundle. */
export function ndjson(reports: readonly Report[]): string {
  return reports.flatMap((r) => r.ndjson ?? []).join('');
}

/** NDJSON objects, one event each, in time order, straight from an Analysis (streams). */
export function* ndjsonLines(a: Analysis): Generator<Record<string, unknown>> {
  for (const e of a.events) yield toEcs(e, a.clock);
}

export const REPORTERS: Record<ReportFormat, (reports: readonly Report[], o: ReportOptions) => string> = {
  text,
  markdown,
  html,
  json,
  ndjson,
  junit,
};

export type { Report } from './model.js';
export { buildReport } from './model.js';
