// Advice for a leak: php-fpm workers whose own RSS grows while they live (the same pids, table
// after table) are recycled by `pm.max_requests`; a pool that never recycles them (0, the default)
// lets each one grow until memory runs out. Sized by a rule of thumb, said as such.
import type { Event } from '../event.js';
import { fpmPools } from './config-settings.js';
import type { Trend } from './trends.js';
import type { Advice } from './types.js';
import { humanBytes } from './verdict.js';

const RECOMMENDED = 500;
const MiB = 1024 ** 2;

export function leakAdvice(trends: readonly Trend[], timeline: readonly Event[]): Advice[] {
  const leak = trends.filter((t) => t.group === 'php-fpm' && t.per_worker && t.per_worker.rate_bytes_per_hour >= MiB).sort((a, b) => (b.per_worker?.rate_bytes_per_hour ?? 0) - (a.per_worker?.rate_bytes_per_hour ?? 0))[0];
  const w = leak?.per_worker;
  if (!w) return [];
  const pool = fpmPools(timeline).find((p) => p.settings['pm.max_requests'] !== undefined);
  const raw = pool?.settings['pm.max_requests'];
  const current = raw === undefined ? null : Number(raw);
  if (current !== null && Number.isFinite(current) && current > 0 && current <= RECOMMENDED) return [];
  const where = pool && raw !== undefined ? `currently ${raw} (${pool.where['pm.max_requests']})` : 'not set, so 0: workers are never recycled';
  return [
    {
      setting: 'pm.max_requests',
      current: raw ?? null,
      recommended: String(RECOMMENDED),
      reason:
        `${w.workers} php-fpm workers seen in ${leak.samples} tables each grew about ${humanBytes(w.rate_bytes_per_hour)}/h (median per worker, ${humanBytes(w.first_rss_bytes)} → ${humanBytes(w.last_rss_bytes)}): a leak that recycling bounds; ` +
        `${where}; ${RECOMMENDED} is a common starting point, lower it if workers still grow past the size pm.max_children was sized for.`,
      confidence: 'medium',
      evidence_note: null,
    },
  ];
}
