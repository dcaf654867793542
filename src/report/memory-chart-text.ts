// The memory chart in words and as a table, for people who cannot see it (and for anyone without
// script): the span, the extremes of each figure with their times, the failures and incidents, and
// the snapshots themselves (or, past MAX_TABLE_ROWS, one row per time slice with its extremes).
import { humanBytes, humanDuration } from '../correlate/verdict.js';
import type { ChartSpec } from './chart.js';
import type { MemoryPoint, Report } from './model.js';

export const MAX_TABLE_ROWS = 48;

type Figure = 'total' | 'used' | 'available' | 'php_fpm' | 'mysqld' | 'other';

function extreme(points: readonly MemoryPoint[], key: Figure, pick: 'min' | 'max'): MemoryPoint | null {
  let best: MemoryPoint | null = null;
  for (const p of points) {
    const v = p[key];
    if (v === null) continue;
    if (best === null || (pick === 'max' ? v > (best[key] as number) : v < (best[key] as number))) best = p;
  }
  return best;
}

const at = (p: MemoryPoint, key: Figure) => `${humanBytes(p[key] as number)} at ${p.wall}`;

export function chartSummary(r: Report): string[] {
  const out: string[] = [];
  const m = r.memory;
  if (m.length === 0) out.push('No memory snapshot in this bundle: the chart shows only failures and incidents.');
  else {
    const span = (m[m.length - 1].ms - m[0].ms) / 1000;
    out.push(`${m.length} memory snapshot${m.length === 1 ? '' : 's'} from ${m[0].wall} to ${m[m.length - 1].wall}${span > 0 ? ` (${humanDuration(span)})` : ''}.`);
    const total = extreme(m, 'total', 'max');
    const usedMax = extreme(m, 'used', 'max');
    const usedMin = extreme(m, 'used', 'min');
    const avail = extreme(m, 'available', 'min');
    const host: string[] = [];
    if (usedMax && usedMin) host.push(`used memory went from ${at(usedMin, 'used')} up to ${at(usedMax, 'used')}`);
    if (total) host.push(`of ${humanBytes(total.total as number)} in all`);
    if (avail) host.push(`the least available was ${at(avail, 'available')}`);
    if (host.length > 0) out.push(`Host: ${host.join(', ')}.`);
    const groups = (['php_fpm', 'mysqld', 'other'] as const)
      .map((k) => ({ k, p: extreme(m, k, 'max') }))
      .filter((g) => g.p !== null)
      .map((g) => `${g.k === 'php_fpm' ? 'php-fpm' : g.k === 'other' ? 'other listed processes' : 'mysqld'} ${at(g.p as MemoryPoint, g.k)}`);
    if (groups.length > 0) out.push(`Resident memory at its highest: ${groups.join('; ')}.`);
  }
  const f = r.marks.failures;
  const n = f.reduce((sum, m) => sum + m.count, 0);
  if (n > 0) out.push(`${n} memory failure${n === 1 ? '' : 's'} (red markers)${n === 1 ? ` at ${f[0].wall}` : `, the first at ${f[0].wall}, the last at ${f[f.length - 1].last_wall}`}.`);
  const inc = r.marks.incidents;
  if (inc.length > 0) {
    const down = inc.filter((i) => i.outcome !== 'recovered').length;
    out.push(`${inc.length} incident${inc.length === 1 ? '' : 's'} (shaded bands)${down > 0 ? `, ${down} not seen to recover` : ', all recovered'}.`);
  }
  return out;
}

const cell = (v: number | null) => (v === null ? '' : humanBytes(v));

/** One row per snapshot when few; else one per time slice (highest used, lowest available, highest RSS). */
export function chartTable(r: Report): ChartSpec['table'] {
  const m = r.memory;
  if (m.length === 0) return null;
  const head = ['time', 'used', 'available', 'total', 'php-fpm RSS', 'mysqld RSS', 'other RSS'];
  if (m.length <= MAX_TABLE_ROWS) {
    return {
      caption: `The chart's data: ${m.length} snapshot${m.length === 1 ? '' : 's'}`,
      head: [...head, 'from'],
      rows: m.map((p) => [p.wall, cell(p.used), cell(p.available), cell(p.total), cell(p.php_fpm), cell(p.mysqld), cell(p.other), `${p.kind} ${p.path}:${p.line}`]),
    };
  }
  const start = m[0].ms;
  const span = Math.max(1, m[m.length - 1].ms - start);
  const slices: MemoryPoint[][] = [];
  for (const p of m) {
    const k = Math.min(MAX_TABLE_ROWS - 1, Math.floor(((p.ms - start) / span) * MAX_TABLE_ROWS));
    (slices[k] ??= []).push(p);
  }
  const rows = slices
    .filter((s) => s !== undefined)
    .map((s) => {
      const v = (k: Figure, pick: 'min' | 'max') => extreme(s, k, pick)?.[k] ?? null;
      const when = s.length === 1 ? s[0].wall : `${s[0].wall} to ${s[s.length - 1].wall} (${s.length})`;
      return [when, cell(v('used', 'max')), cell(v('available', 'min')), cell(v('total', 'max')), cell(v('php_fpm', 'max')), cell(v('mysqld', 'max')), cell(v('other', 'max'))];
    });
  return {
    caption: `The chart's data: ${m.length} snapshots in ${rows.length} time slices (highest used and RSS, lowest available in each)`,
    head: ['time (snapshots)', 'used, highest', 'available, lowest', 'total', 'php-fpm RSS, highest', 'mysqld RSS, highest', 'other RSS, highest'],
    rows,
  };
}
