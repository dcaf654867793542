// The summary's explaining parts (CONTRACT.md "Explaining memory"): accounting of the tables that
// leave memory out, releases, trends, as plain snake_case data; bounded (the first 50 of each) so
// a month of watcher rounds keeps the summary small. Times in the report zone, like the rest.
import type { Analysis } from '../analyze.js';
import { isTelling } from '../correlate/accounting.js';
import type { SeriesPoint } from '../correlate/series.js';

const MAX = 50;

function at(a: Analysis, ms: number | null): string | null {
  return ms === null || !Number.isFinite(ms) ? null : a.clock.iso(ms);
}

function point(a: Analysis, p: SeriesPoint) {
  return { time: at(a, p.earliest), time_latest: p.exact ? null : at(a, p.latest), path: p.event.src.path, line: p.event.src.line, action: p.event.kind };
}

export function explainSummary(a: Analysis) {
  return {
    accounting: a.accounting
      .filter(isTelling)
      .slice(0, MAX)
      .map((x) => ({
        ...point(a, x.point),
        listed_tasks: x.listed_tasks,
        total_tasks: x.total_tasks,
        listed_rss_bytes: x.listed_rss_bytes,
        used_bytes: x.used_bytes,
        unaccounted_bytes: x.unaccounted_bytes,
        complete: x.complete,
      })),
    releases: a.releases.slice(0, MAX).map((r) => ({
      from: point(a, r.from),
      to: point(a, r.to),
      released_bytes: r.released_bytes,
      tasks_gone: r.tasks_gone,
      group: r.group,
      evidence: {
        processes_gone: r.gone?.processes ?? null,
        listed_rss_gone_bytes: r.gone?.rss_bytes ?? null,
        restart: r.restart ? { path: r.restart.src.path, line: r.restart.src.line, action: r.restart.kind, message: r.restart.message } : null,
      },
    })),
    trends: a.trends.slice(0, MAX).map((t) => ({
      group: t.group,
      from: point(a, t.from),
      to: point(a, t.to),
      rate_bytes_per_hour: Math.round(t.rate_bytes_per_hour),
      basis: t.basis,
      samples: t.samples,
      available_bytes: t.available_bytes,
      exhausted_at: at(a, t.exhausted_at),
      per_worker: t.per_worker ? { ...t.per_worker, rate_bytes_per_hour: Math.round(t.per_worker.rate_bytes_per_hour) } : null,
      since: t.since ? { path: t.since.src.path, line: t.since.src.line, action: t.since.kind, message: t.since.message } : null,
    })),
  };
}
