// A lower pm.max_children can stop php-fpm from starting: with `pm = dynamic` it refuses a
// pm.min/max_spare_servers above pm.max_children, and a pm.start_servers outside the spare range
// (sapi/fpm/fpm/fpm_conf.c; an unset or 0 pm.start_servers is derived from the spares it loads, so
// it always fits). So when pm.max_children is advised down, the spare settings of the
// pool's own config follow it, each with the rule it must meet. One pool only (sections of one
// name merged, as php-fpm merges them): with several, the advised total does not say how each
// pool's share is cut.
import type { Event } from '../event.js';
import { fpmPools } from './config-settings.js';
import type { Advice } from './types.js';

interface PoolSpares {
  /** Where each setting was read. */
  where: Record<string, string>;
  min: number;
  max: number;
  /** pm.start_servers when set (> 0); unset or 0, php-fpm takes min + (max − min) / 2 of the spares it loads, which always fits. */
  start: number | null;
}

function int(v: string | undefined): number | null {
  if (v === undefined) return null;
  const n = Number(v.trim());
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** The one configured pool's spare settings, when it runs `pm = dynamic` and has them. */
function poolSpares(timeline: readonly Event[]): PoolSpares | null {
  const pools = fpmPools(timeline).filter((p) => p.settings['pm.max_children'] !== undefined);
  if (pools.length !== 1) return null;
  const s = pools[0].settings;
  const min = int(s['pm.min_spare_servers']);
  const max = int(s['pm.max_spare_servers']);
  // php-fpm compares the pm value without case; static and ondemand pools have no spares to check
  if ((s.pm ?? '').trim().toLowerCase() !== 'dynamic' || min === null || max === null) return null;
  const start = int(s['pm.start_servers']);
  return { where: pools[0].where, min, max, start: start !== null && start > 0 ? start : null };
}

/** The spare settings that must change for php-fpm to start with pm.max_children = `children`. */
export function spareAdvice(timeline: readonly Event[], children: number): Advice[] {
  const p = poolSpares(timeline);
  if (!p) return [];
  const out: Advice[] = [];
  const max = Math.min(p.max, children);
  const min = Math.min(p.min, max);
  if (max < p.max) {
    out.push({
      setting: 'pm.max_spare_servers',
      current: String(p.max),
      recommended: String(max),
      reason: `with pm.max_children ${children}, php-fpm would refuse to start ("pm.min_spare_servers(${p.min}) and pm.max_spare_servers(${p.max}) cannot be greater than pm.max_children(${children})"); currently ${p.max} (${p.where['pm.max_spare_servers']}).`,
    });
  }
  if (min < p.min) {
    out.push({
      setting: 'pm.min_spare_servers',
      current: String(p.min),
      recommended: String(min),
      reason: `pm.min_spare_servers may be neither above pm.max_children (${children}) nor above pm.max_spare_servers (${max}), or php-fpm refuses to start; currently ${p.min} (${p.where['pm.min_spare_servers']}).`,
    });
  }
  if (p.start !== null && (p.start < min || p.start > max)) {
    const start = Math.max(min, Math.min(p.start, max));
    out.push({
      setting: 'pm.start_servers',
      current: String(p.start),
      recommended: String(start),
      reason: `php-fpm refuses to start when pm.start_servers is below pm.min_spare_servers (${min}) or above pm.max_spare_servers (${max}); currently ${p.start} (${p.where['pm.start_servers']}).`,
    });
  }
  return out;
}
