// The one-line verdict of a comparison, from its numbers: still failing, better (no failures and
// more memory left; a short span says so), better but still growing toward exhaustion, unchanged,
// or unclear (nothing captured after). Says each side's peak php-fpm workers / RSS, the least
// memory available and its failures.
import { humanBytes, humanDuration } from '../correlate/verdict.js';
import type { Comparison } from './compare.js';
import type { Period } from './period.js';

/** A week: growth that would exhaust memory within it makes "better" provisional. */
const SOON_MS = 7 * 24 * 3600_000;
/** Spans shorter than this say little about a server's daily peak. */
const SHORT_MS = 6 * 3600_000;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function side(p: Period): string {
  const parts: string[] = [];
  const fpm = p.groups['php-fpm'];
  if (fpm) parts.push(`php-fpm peaked at ${plural(fpm.peak_workers, 'worker')} / ${humanBytes(fpm.peak_rss_bytes)}`);
  if (p.min_available_bytes !== null) parts.push(`at least ${humanBytes(p.min_available_bytes)} stayed available`);
  else parts.push('no memory snapshot');
  parts.push(p.failures.length === 0 ? 'no failures' : plural(p.failures.length, 'failure'));
  return parts.join(', ');
}

export function verdictOf(before: Period, after: Period, spanMs: number): Pick<Comparison, 'outcome' | 'verdict'> {
  const span = humanDuration(spanMs / 1000);
  const sides = `after: ${side(after)} in ${span}; before: ${side(before)}`;
  if (after.failures.length > 0) return { outcome: 'still_failing', verdict: `Still failing: ${sides}.` };
  if (after.snapshots === 0) return { outcome: 'unclear', verdict: `Unclear: no failures after, but no memory snapshot after either to show why (${sides}).` };
  const t = after.trend;
  if (t && t.rate_bytes_per_hour > 0 && t.exhausted_at !== null && t.exhausted_at - after.to < SOON_MS) {
    const left = humanDuration((t.exhausted_at - after.to) / 1000);
    return {
      outcome: 'better_but_growing',
      verdict: `Better for now, not fixed: ${sides}; but memory in use grows about ${humanBytes(t.rate_bytes_per_hour)}/h after, so it runs out again about ${left} after the compared span.`,
    };
  }
  const more = before.min_available_bytes !== null && after.min_available_bytes !== null && after.min_available_bytes > before.min_available_bytes;
  const short = spanMs < SHORT_MS ? `; only ${span} on each side: compare over a busy day to be sure` : '';
  if (before.failures.length > 0 || more) return { outcome: 'better', verdict: `Better: ${sides}${short}.` };
  return { outcome: 'unchanged', verdict: `No clear change: ${sides}.` };
}
