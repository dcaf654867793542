// The reporters: plain functions from an Analysis to text, listed here. NDJSON streams lines.
import type { Analysis } from '../analyze.js';
import { toEcs } from './ecs.js';
import { jsonSafe } from './sanitize.js';
import { summary } from './summary.js';
import { type TextOptions, text } from './text.js';

export type ReportFormat = 'text' | 'json' | 'ndjson';

export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'ndjson'];

export type ReportOptions = TextOptions;

export function json(a: Analysis): string {
  return `${jsonSafe(JSON.stringify(summary(a), null, 2))}\n`;
}

/** NDJSON lines, one event each, in time order. */
export function* ndjsonLines(a: Analysis): Generator<Record<string, unknown>> {
  for (const e of a.events) yield toEcs(e, a.clock);
}

export const REPORTERS: Record<Exclude<ReportFormat, 'ndjson'>, (a: Analysis, o: ReportOptions) => string> = {
  text,
  json,
};
