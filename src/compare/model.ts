// The comparison as plain JSON-ready data, schema `oomtrail.compare/1` (CONTRACT.md "compare"):
// times in the report zone, sizes in bytes, snake_case. Every reporter (text, markdown, html,
// junit, json) is a function of this alone; the HTML chart also gets each side's memory points.
import type { Clock } from '../time/clock.js';
import type { Comparison } from './compare.js';
import type { Period } from './period.js';

function iso(clock: Clock, ms: number | null): string | null {
  return ms === null || !Number.isFinite(ms) ? null : clock.iso(ms);
}

function period(clock: Clock, bundle: string, p: Period) {
  return {
    bundle,
    from: iso(clock, p.from),
    to: iso(clock, p.to),
    snapshots: p.snapshots,
    failures: p.failures.map((f) => ({ time: iso(clock, f.time), action: f.action, culprit: f.culprit, path: f.path, line: f.line })),
    restarts: p.restarts,
    peak: {
      php_fpm_workers: p.groups['php-fpm']?.peak_workers ?? null,
      php_fpm_rss_bytes: p.groups['php-fpm']?.peak_rss_bytes ?? null,
      in_use_bytes: p.peak_in_use_bytes,
    },
    min_available_bytes: p.min_available_bytes,
    total_bytes: p.total_bytes,
    pressure_seconds: p.pressure_seconds,
    groups: p.groups,
    trend: p.trend ? { rate_bytes_per_hour: Math.round(p.trend.rate_bytes_per_hour), exhausted_at: iso(clock, p.trend.exhausted_at), basis: p.trend.basis } : null,
  };
}

export function compareSummary(c: Comparison, clock: Clock, bundles: { before: string; after: string }) {
  const e = c.split?.event ?? null;
  return {
    schema: 'oomtrail.compare/1' as const,
    timezone: clock.zone,
    split_at: c.split ? iso(clock, c.split.ms) : null,
    split_by: e ? { path: e.src.path, line: e.src.line, action: e.kind, message: e.message } : null,
    span_seconds: c.span_seconds,
    before: period(clock, bundles.before, c.before),
    after: period(clock, bundles.after, c.after),
    outcome: c.outcome,
    verdict: c.verdict,
  };
}

export type CompareSummary = ReturnType<typeof compareSummary>;
