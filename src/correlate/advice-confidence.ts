// How much to trust advice sized from worker RSS: a handful of samples, or tables taken long after
// the failure (when the pool had been restarted or was idle), say little about the peak the
// setting must hold; as MySQLTuner warns about short uptimes, the advice says so and what would
// firm it up. Adds `confidence` and `evidence_note` to advice that has none.
import type { Event } from '../event.js';
import { groupOf } from './processes.js';
import type { SeriesPoint } from './series.js';
import type { Advice } from './types.js';
import { humanDuration } from './verdict.js';

const FIRM_UP = 'a watcher (date; top -b -n1; free -m every minute) through a busy hour, or the tables just before the next failure, would firm it up';

export function rateAdvice(advice: readonly Advice[], points: readonly SeriesPoint[], failures: readonly Event[]): Advice[] {
  const tables = points.filter((p) => p.rows?.some((r) => groupOf(r.command) === 'php-fpm'));
  const samples = tables.reduce((n, p) => n + (p.rows ?? []).filter((r) => groupOf(r.command) === 'php-fpm').length, 0);
  const times = failures.map((f) => f.time.ms).filter(Number.isFinite);
  const lastFailure = times.length > 0 ? times.reduce((m, t) => Math.max(m, t), -Infinity) : null; // no spread: unbounded
  const firstTable = tables.length > 0 ? tables.reduce((m, p) => Math.min(m, p.earliest), Infinity) : null;
  const late = lastFailure !== null && firstTable !== null && firstTable - lastFailure > 3600_000 ? firstTable - lastFailure : null;
  const thin = samples < 10 || tables.length < 3;
  const confidence = thin || late !== null ? 'low' : 'medium';
  const parts: string[] = [];
  if (thin) parts.push(`sized from ${samples} php-fpm worker RSS ${samples === 1 ? 'sample' : 'samples'} in ${tables.length} ${tables.length === 1 ? 'table' : 'tables'}`);
  if (late !== null) parts.push(`${thin ? 'taken' : 'tables taken'} ${humanDuration(late / 1000)} after the last failure, not during it`);
  const note = parts.length > 0 ? `Thin evidence: ${parts.join(', ')}; ${FIRM_UP}.` : null;
  return advice.map((a) => (a.confidence ? a : { ...a, confidence, evidence_note: note }));
}
