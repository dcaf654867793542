// The settings the servers run with, from the bundle's config events, merged as the servers merge
// them. php-fpm: a pool is its section name; a later section or file of the same name overrides
// (pool.d/*.conf is read in glob order, so files are taken in path order); [global] is no pool.
// MySQL: only the groups mysqld reads count, and the last value read wins.
import type { Event } from '../event.js';

export interface FpmPool {
  /** The section name, or the file for settings outside any section (a pasted excerpt). */
  name: string;
  settings: Record<string, string>;
  /** `path:line` of the section each setting came from. */
  where: Record<string, string>;
}

type FpmEvent = Extract<Event, { kind: 'config.phpfpm' }>;

export function fpmPools(timeline: readonly Event[]): FpmPool[] {
  const events = timeline.filter((e): e is FpmEvent => e.kind === 'config.phpfpm');
  events.sort((a, b) => (a.src.path < b.src.path ? -1 : a.src.path > b.src.path ? 1 : a.src.line - b.src.line));
  const pools = new Map<string, FpmPool>();
  for (const e of events) {
    if (e.data.pool?.toLowerCase() === 'global') continue;
    const name = e.data.pool ?? e.src.path;
    const key = e.data.pool === undefined ? `\u0000${name}` : name;
    let p = pools.get(key);
    if (!p) pools.set(key, (p = { name, settings: {}, where: {} }));
    for (const [k, v] of Object.entries(e.data.settings)) {
      p.settings[k] = v;
      p.where[k] = `${e.src.path}:${e.src.line}`;
    }
  }
  return [...pools.values()];
}

/** `[mysqld]`, `[server]`, `[mysqld-8.0]`, `[mariadb]`, `[mariadbd-10.11]`, `[client-server]`, `[galera]`. */
const SERVER_GROUPS = /^(?:mysqld(?:-\d[\d.]*)?|server|mariadbd?(?:-\d[\d.]*)?|client-server|galera)$/i;

/** Is this a `config.mysql` event of a group mysqld reads? (A headerless excerpt counts too.) */
export function readByMysqld(e: Event): boolean {
  if (e.kind !== 'config.mysql') return false;
  const group = e.meta?.['config.section'];
  return group === undefined || SERVER_GROUPS.test(group);
}
