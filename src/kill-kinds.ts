// What each kill report says per event, beyond its kind's row in src/kinds.ts: who killed (the
// kernel's line is `kernel-memcg` for a cgroup at its limit, `openvz` for a container), whether a
// cgroup's limit or the whole host ran out (null: the report does not say), and how good a witness
// it is (rank: the kernel's own line outranks a unit's or a container's word about the same kill).
// A kill kind with no row here reads its killer and scope from its kinds.ts row.
import type { Event, EventKind } from './event.js';
import { type Actor, type FailureClass, KINDS } from './kinds.js';

export type Killer = Exclude<Actor, 'server'>;
export type Scope = 'global' | 'cgroup';
export type { FailureClass };

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

/** Kill kinds with no row above: their killer and scope as their kinds.ts row states them, built once. */
const FROM_KINDS: Partial<Record<EventKind, KillRow>> = Object.fromEntries(
  Object.entries(KINDS).flatMap(([kind, row]) => {
    const f = row.failure;
    return f?.class === 'oom_kill' && f.actor !== 'server' && !KILL_KINDS[kind as EventKind] ? [[kind, fixed(f.actor, f.scope, 1)]] : [];
  }),
);

export function killRow(e: Event): KillRow | undefined {
  return KILL_KINDS[e.kind] ?? FROM_KINDS[e.kind];
}

/** The class of a memory failure event (its kinds.ts row). */
export function failureClass(e: Event): FailureClass {
  return KINDS[e.kind].failure?.class ?? 'allocation';
}
