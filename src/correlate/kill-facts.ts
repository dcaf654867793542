// What every report of one kill says together: the victim (pid and name from the kernel when it
// spoke, else the unit), the killer and scope of the best witness, the cgroup's usage and limit,
// and the victim's resident memory. Read from structured event fields only.
import type { Event } from '../event.js';
import { type Killer, type Scope, actorOf, killRank, scopeOf } from '../kinds.js';
import { isParent } from './one-kill.js';

export interface KillFacts {
  victim: { pid: number | null; name: string };
  killer: Killer;
  scope: Scope | null;
  /** The cgroup whose limit was hit, or the unit / cgroup the killer named. */
  cgroup: string | null;
  limit_bytes: number | null;
  usage_bytes: number | null;
  /** The victim's resident memory when it was killed (anon-rss, or OpenVZ's rss). */
  rss_bytes: number | null;
}

function nameOf(e: Event): string | undefined {
  if (e.process?.name) return e.process.name;
  if (e.kind === 'systemd.oom_kill') return e.data.unit;
  if (e.kind === 'oomd.oom_kill') return e.data.cgroup.slice(e.data.cgroup.lastIndexOf('/') + 1);
  return undefined;
}

function cgroupOf(e: Event): string | undefined {
  if (e.kind === 'kernel.oom_kill') return e.data.memcg ?? e.meta?.['oom.task_memcg'];
  if (e.kind === 'systemd.oom_kill') return e.data.unit;
  if (e.kind === 'oomd.oom_kill') return e.data.cgroup;
  if (e.kind === 'container.oom_kill') return e.data.id;
  return undefined;
}

/** The facts of a kill from its reports, the chosen one first; null when it is not a kill. */
export function killFacts(evidence: readonly Event[]): KillFacts | null {
  const first = evidence[0];
  const killer = first && killRank(first) !== undefined ? actorOf(first) : null;
  if (!killer || killer === 'server') return null;
  const byRank = [...evidence].sort((a, b) => (killRank(a) ?? 9) - (killRank(b) ?? 9));
  const withPid = byRank.find((e) => e.process?.pid !== undefined);
  const kernel = byRank.find((e): e is Extract<Event, { kind: 'kernel.oom_kill' }> => e.kind === 'kernel.oom_kill');
  const scope = byRank.map(scopeOf).find((s) => s !== null) ?? null;
  // a unit's own report names the victim better than its slice's
  const named = withPid ?? byRank.find((e) => !isParent(nameOf(e) ?? '.slice')) ?? byRank.find((e) => nameOf(e) !== undefined);
  return {
    victim: { pid: withPid?.process?.pid ?? null, name: (named && nameOf(named)) ?? 'a process' },
    killer,
    scope,
    cgroup: byRank.map(cgroupOf).find((c) => c !== undefined) ?? null,
    limit_bytes: kernel?.data.limit_bytes ?? null,
    usage_bytes: kernel?.data.usage_bytes ?? null,
    rss_bytes: kernel ? (kernel.data.anon_rss_bytes ?? kernel.data.rss_bytes ?? null) : null,
  };
}
