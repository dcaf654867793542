// Every event kind that reports a memory kill, one row each: who killed (the killer), whether a
// cgroup's limit or the whole host ran out (the scope), and how sure a report it is (rank: the
// kernel's own line outranks a unit's or a container's word about the same kill). The correlator,
// incidents and verdicts read this table; a new killer is a new row (and its format's folder).
import type { Event, EventKind } from './event.js';

export type Killer = 'kernel' | 'kernel-memcg' | 'openvz' | 'systemd' | 'systemd-oomd' | 'earlyoom' | 'container-runtime' | 'kubelet';
export type Scope = 'global' | 'cgroup';
export type FailureClass = 'buffer_pool' | 'oom_kill' | 'allocation';

export interface KillRow {
  role: 'failure';
  class: 'oom_kill';
  /** Lower is the better witness of the same kill. */
  rank: number;
  killer(e: Event): Killer;
  /** null: the report does not say (a unit's "killed by the OOM killer" is printed for both). */
  scope(e: Event): Scope | null;
}

const fixed = (killer: Killer, scope: Scope | null, rank: number): KillRow => ({ role: 'failure', class: 'oom_kill', rank, killer: () => killer, scope: () => scope });

export const KILL_KINDS: Partial<Record<EventKind, KillRow>> = {
  'kernel.oom_kill': {
    role: 'failure',
    class: 'oom_kill',
    rank: 0,
    killer: (e) => (e.meta?.['openvz.ub'] !== undefined ? 'openvz' : e.kind === 'kernel.oom_kill' && e.data.cgroup ? 'kernel-memcg' : 'kernel'),
    scope: (e) => (e.kind === 'kernel.oom_kill' && e.data.cgroup ? 'cgroup' : 'global'),
  },
  'oomd.oom_kill': fixed('systemd-oomd', 'cgroup', 1),
  'systemd.oom_kill': fixed('systemd', null, 2),
  // Docker marks OOMKilled whenever the kernel killed in the container's cgroup: its limit or the host's
  'container.oom_kill': fixed('container-runtime', null, 3),
  // a node's SystemOOM is the host running out; a container's OOMKilled is its limit or the node's
  'kubelet.oom_kill': {
    role: 'failure',
    class: 'oom_kill',
    rank: 4,
    killer: () => 'kubelet',
    scope: (e) => (e.kind === 'kubelet.oom_kill' && e.data.report === 'event' ? 'global' : null),
  },
};

export function killRow(e: Event): KillRow | undefined {
  return KILL_KINDS[e.kind];
}

/** The class of a memory failure event. */
export function failureClass(e: Event): FailureClass {
  if (killRow(e)) return 'oom_kill';
  return e.kind === 'mysql.mmap_failed' || e.kind === 'mysql.buffer_pool_alloc_failed' ? 'buffer_pool' : 'allocation';
}
