// Advice on settings, from what was observed. No advice without evidence, and each entry shows
// its arithmetic in `reason`:
//   pm.max_children = (RAM − headroom − mysqld − other processes) ÷ p90 worker RSS
//   innodb_buffer_pool_size ≤ RAM − headroom − php-fpm at that limit − other − mysqld overhead
// and, when pm.max_children goes down, the spare settings php-fpm checks against it (spare-advice.ts).
// The worker size is a high percentile of every php-fpm worker RSS seen, not the mean: workers grow.
import type { Event, ProcessRow, SnapshotData } from '../event.js';
import { fpmPools, readByMysqld } from './config-settings.js';
import { snapshotData } from './link.js';
import { groupOf } from './processes.js';
import { spareAdvice } from './spare-advice.js';
import type { Advice, Failure } from './types.js';
import { scaledBytes } from '../formats/units.js';

const MiB = 1024 * 1024;
/** Kept free for the kernel, page cache and sshd & co: 15% of RAM, at least 64 MiB. */
const HEADROOM_SHARE = 0.15;
const HEADROOM_MIN = 64 * MiB;
/** mysqld beyond its buffer pool (threads, caches, dictionary), when not observed directly. */
const MYSQLD_OVERHEAD = 64 * MiB;
/** innodb_buffer_pool_size's default since MySQL 5.5, assumed when the bundle says nothing. */
const DEFAULT_POOL = 128 * MiB;

export function percentile(values: number[], p: number): number {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * v.length) - 1;
  return v[Math.min(v.length - 1, Math.max(0, rank))];
}

function mib(n: number): string {
  return `${Math.round(n / MiB)} MiB`;
}

/** `128M`, `1G`, `16777216` → bytes. */
export function parseSize(v: string | undefined): number | null {
  if (!v) return null;
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT])?i?B?$/i.exec(v.trim());
  if (!m) return null;
  return scaledBytes(m[1], m[2]);
}

interface Evidence {
  total: number | null;
  workerRss: number[];
  maxWorkers: number;
  mysqldRss: number | null;
  /** Largest sum of RSS of processes that are neither php-fpm nor mysqld, in one snapshot. */
  others: number;
  maxChildren: { value: number; where: string } | null;
  /** pm.max_children per pool, summed into maxChildren. */
  pools: Map<string, { value: number; where: string }>;
  /** Pools whose pm.max_children is no number (a template, `${ENV}`): the total is unknown. */
  unread: string[];
  pool: { value: number; where: string } | null;
  /** innodb_buffer_pool_size as written when it is no size (`${POOL}M`). */
  poolUnread: string | null;
}

function rowsOf(d: SnapshotData): ProcessRow[] {
  return d.rows && d.rows.length > 0 && (d as { rss_known?: boolean }).rss_known !== false ? d.rows : [];
}

function gather(timeline: readonly Event[]): Evidence {
  const ev: Evidence = { total: null, workerRss: [], maxWorkers: 0, mysqldRss: null, others: 0, maxChildren: null, pool: null, pools: new Map(), unread: [], poolUnread: null };
  const warned = new Map<string, { value: number; where: string }>();
  for (const e of timeline) {
    const d = snapshotData(e);
    if (d) {
      if (d.memory?.total_bytes) ev.total = d.memory.total_bytes;
      let workers = 0;
      let others = 0;
      let mysqld = 0;
      for (const r of rowsOf(d)) {
        const g = groupOf(r.command);
        if (g === 'php-fpm') {
          workers++;
          ev.workerRss.push(r.rss_bytes);
        } else if (g === 'mysqld') mysqld += r.rss_bytes;
        else if (g !== 'php-fpm master') others += r.rss_bytes;
      }
      ev.maxWorkers = Math.max(ev.maxWorkers, workers);
      if (mysqld > 0) ev.mysqldRss = Math.max(ev.mysqldRss ?? 0, mysqld);
      ev.others = Math.max(ev.others, others);
    } else if (e.kind === 'config.mysql' && readByMysqld(e) && e.data.settings.innodb_buffer_pool_size !== undefined) {
      const raw = e.data.settings.innodb_buffer_pool_size;
      const v = parseSize(raw);
      if (v) ev.pool = { value: v, where: `${e.src.path}` };
      else ev.poolUnread = `'${raw}' in ${e.src.path} is no size`;
    } else if (e.kind === 'mysql.buffer_pool_init') {
      ev.pool = { value: e.data.bytes, where: `the server's last start (${e.src.path}:${e.src.line})` };
    } else if (e.kind === 'phpfpm.max_children' && e.data.limit && !warned.has(e.data.pool ?? '')) {
      warned.set(e.data.pool ?? '', { value: e.data.limit, where: `php-fpm's own warning (${e.src.path}:${e.src.line})` });
    }
  }
  // pools from config files win over php-fpm's warnings (which fill in a pool whose config is a
  // template); several pools add up
  for (const p of fpmPools(timeline)) {
    const raw = p.settings['pm.max_children'];
    if (raw === undefined) continue;
    const v = Number(raw);
    const where = p.where['pm.max_children'];
    if (Number.isInteger(v) && v > 0) ev.pools.set(p.name, { value: v, where });
    else if (warned.has(p.name)) ev.pools.set(p.name, warned.get(p.name) as { value: number; where: string });
    else ev.unread.push(`pool ${p.name}: pm.max_children '${raw}' at ${where} is no number`);
  }
  const used = ev.pools.size > 0 || ev.unread.length > 0 ? [...ev.pools.entries()] : [...warned.entries()];
  if (used.length > 0 && ev.unread.length === 0) {
    ev.maxChildren = {
      value: used.reduce((n, [, p]) => n + p.value, 0),
      where: used.length === 1 ? used[0][1].where : `${used.length} pools: ${used.map(([, p]) => `${p.value} at ${p.where}`).join(', ')}`,
    };
  }
  return ev;
}

/** What the reason says when a pool's pm.max_children could not be read. */
function unknownTotal(ev: Evidence): string {
  return ev.unread.length > 0 ? `; the configured total is unknown (${ev.unread.join('; ')})` : '';
}

/** The fewest workers worth keeping php-fpm at, when memory cannot hold more. */
const MIN_WORKERS = 4;

const floor8 = (n: number) => Math.max(8 * MiB, Math.floor(n / (8 * MiB)) * 8 * MiB);

export function adviseSettings(timeline: readonly Event[], _failures: readonly Failure[]): Advice[] {
  const ev = gather(timeline);
  if (!ev.total || ev.workerRss.length === 0) return [];
  const total = ev.total;
  const headroom = Math.max(HEADROOM_MIN, Math.round(total * HEADROOM_SHARE));
  const headroomText = headroom === HEADROOM_MIN ? `${mib(headroom)} headroom (the minimum)` : `${mib(headroom)} headroom (15%)`;
  const worker = percentile(ev.workerRss, 90);
  if (!(worker > 0)) return [];
  const mysqldObserved = ev.mysqldRss !== null;
  const poolKnown = ev.pool !== null;
  const pool = ev.pool?.value ?? (mysqldObserved ? Math.max(0, (ev.mysqldRss ?? 0) - MYSQLD_OVERHEAD) : DEFAULT_POOL);
  const overhead = mysqldObserved && (ev.mysqldRss ?? 0) > pool ? (ev.mysqldRss ?? 0) - pool : MYSQLD_OVERHEAD;
  const mysqld = ev.mysqldRss ?? pool + overhead;
  const samples = `(90th percentile of ${ev.workerRss.length} php-fpm worker RSS samples; up to ${ev.maxWorkers} workers seen at once)`;
  const out: Advice[] = [];
  const budget = total - headroom - mysqld - ev.others;

  if (budget < MIN_WORKERS * worker) {
    // mysqld leaves too little for php-fpm: the buffer pool has to shrink first
    const room = total - headroom - ev.others - overhead - MIN_WORKERS * worker;
    const fits = floor8(room);
    out.push({
      setting: 'innodb_buffer_pool_size',
      current: `${Math.round(pool / MiB)}M`,
      recommended: `${Math.round(fits / MiB)}M`,
      reason:
        `${mib(total)} RAM − ${headroomText} − mysqld ${mib(mysqld)} − ${mib(ev.others)} other processes leaves ${mib(Math.max(0, budget))} for php-fpm, less than ${MIN_WORKERS} workers of ${mib(worker)} ${samples}; ` +
        `a pool of ${mib(fits)} leaves room for ${MIN_WORKERS} (${mib(total)} − ${mib(headroom)} − ${mib(ev.others)} − ${mib(overhead)} mysqld overhead − ${MIN_WORKERS} × ${mib(worker)} = ${mib(room)}).`,
    });
    if (!ev.maxChildren || ev.maxChildren.value > MIN_WORKERS) {
      out.push({
        setting: 'pm.max_children',
        current: ev.maxChildren ? String(ev.maxChildren.value) : null,
        recommended: String(MIN_WORKERS),
        reason: `with the smaller buffer pool above, ${MIN_WORKERS} workers of ${mib(worker)} ${samples} are what fits${ev.maxChildren ? `; currently ${ev.maxChildren.value} (${ev.maxChildren.where})` : unknownTotal(ev)}.`,
      });
      out.push(...spareAdvice(timeline, MIN_WORKERS));
    }
    return out;
  }

  const children = Math.floor(budget / worker);
  const mysqldText = mysqldObserved
    ? `mysqld ${mib(mysqld)} (largest RSS seen)`
    : `mysqld ≈ ${mib(mysqld)} (buffer pool ${mib(pool)}${poolKnown ? '' : `, the default: ${ev.poolUnread ?? 'no size seen'}`} + ${mib(MYSQLD_OVERHEAD)} overhead; mysqld was not seen running in any snapshot)`;
  const why = `(${mib(total)} RAM − ${headroomText} − ${mysqldText} − ${mib(ev.others)} other processes) ÷ ${mib(worker)} per worker ${samples} = ${children}`;
  if (!ev.maxChildren || children < ev.maxChildren.value) {
    out.push({
      setting: 'pm.max_children',
      current: ev.maxChildren ? String(ev.maxChildren.value) : null,
      recommended: String(children),
      reason: `${why}${ev.maxChildren ? `; currently ${ev.maxChildren.value} (${ev.maxChildren.where}), which lets php-fpm take up to ${mib(ev.maxChildren.value * worker)}` : unknownTotal(ev)}.`,
    });
    out.push(...spareAdvice(timeline, children));
  }
  if (ev.pool) {
    // php-fpm at the limit it will have: the advised one, or the configured one if that is lower
    const limit = ev.maxChildren ? Math.min(children, ev.maxChildren.value) : children;
    const fpm = limit * worker;
    const room = total - headroom - fpm - ev.others - overhead;
    const fits = floor8(room);
    if (fits < ev.pool.value) {
      out.push({
        setting: 'innodb_buffer_pool_size',
        current: `${Math.round(ev.pool.value / MiB)}M`,
        recommended: `${Math.round(fits / MiB)}M`,
        reason: `${mib(total)} RAM − ${headroomText} − ${mib(fpm)} php-fpm (${limit} × ${mib(worker)}) − ${mib(ev.others)} other processes − ${mib(overhead)} mysqld overhead leaves ${mib(room)}; currently ${mib(ev.pool.value)} (${ev.pool.where}).`,
      });
    }
  }
  return out;
}
