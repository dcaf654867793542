// The table of event kinds: one row per kind says what it means to every stage (the correlator,
// incidents, verdicts, folding, the ECS writer), so a new kind or a new killer is one row here
// (and its payload one line in event.ts's EventDataMap). Nothing else switches on kind names.
// A row: { role, failure?: { class, killer, scope }, server?, folds?, foldedEvidence?, ecs }.
import type { Event, EventKind } from './event.js';

/**
 * What a kind is to the correlator. `failure`: a memory failure (see `failure`); `death`: the
 * server died without one (`got signal`, mysqld_safe finding no server); `start` / `restart` /
 * `ready` / `abort`: the server's start attempts; `setting`: a value the correlator tracks
 * between starts (buffer pool size); `snapshot`: memory state; `config`: settings from files;
 * `anchor`: a line that dates others; `context`: anything else worth a line; `noise`: lines
 * that say nothing about the server (unrecognized, another program's), not evidence of time.
 */
export type Role = 'failure' | 'death' | 'start' | 'restart' | 'ready' | 'abort' | 'setting' | 'snapshot' | 'config' | 'anchor' | 'context' | 'noise';

/** Kinds of memory failure (CONTRACT.md `class`). */
export type FailureClass = 'buffer_pool' | 'oom_kill' | 'allocation';

/** Who killed (for `oom_kill`) or who failed to get memory (the server itself). */
export type Actor = 'server' | 'kernel' | 'kernel-memcg' | 'openvz' | 'systemd' | 'systemd-oomd' | 'earlyoom' | 'container-runtime' | 'kubelet';

export interface FailureRow {
  class: FailureClass;
  actor: Actor;
  scope: 'global' | 'cgroup';
  /** `attempt`: counted only when nothing failed yet in the same start attempt (a consequence). */
  once?: 'attempt';
}

export interface KindRow {
  role: Role;
  /** For `failure` kinds: what failed and who acted. */
  failure?: FailureRow;
  /** A line of the database server or its supervisor (the latest one says the log runs on). */
  server?: true;
  /** Routine lines folded by text in reports and on arrival (numbers aside). */
  folds?: true;
  /** Folded, but the earliest of each group (per pool) still goes to the correlator. */
  foldedEvidence?: true;
  /** ECS: the key under `oomtrail` the payload goes to (default: the kind's second word),
   * and `event.dataset` when it is not the format's. */
  ecs?: { data?: string; dataset?: string };
}

const SNAPSHOT: KindRow = { role: 'snapshot', ecs: { data: 'snapshot' } };

export const KINDS: Readonly<Record<EventKind, KindRow>> = {
  'mysql.start': { role: 'start', server: true, ecs: { data: 'server' } },
  'mysql.ready': { role: 'ready', server: true, ecs: { data: 'server' } },
  'mysql.shutdown': { role: 'context', server: true },
  'mysql.abort': { role: 'abort', server: true },
  'mysql.crash_recovery': { role: 'context', server: true },
  'mysql.buffer_pool_init': { role: 'setting', server: true, ecs: { data: 'buffer_pool' } },
  'mysql.mmap_failed': { role: 'failure', failure: { class: 'buffer_pool', actor: 'server', scope: 'global' }, server: true, ecs: { data: 'mmap' } },
  'mysql.buffer_pool_alloc_failed': {
    role: 'failure',
    failure: { class: 'buffer_pool', actor: 'server', scope: 'global', once: 'attempt' },
    server: true,
    ecs: { data: 'buffer_pool' },
  },
  'mysql.signal': { role: 'death', server: true, ecs: { data: 'signal' } },
  'mysql.log': { role: 'context', server: true, folds: true, ecs: { data: 'mysql' } },
  'mysqld_safe.start': { role: 'restart', server: true, ecs: { data: 'mysqld_safe', dataset: 'mysqld_safe.log' } },
  'mysqld_safe.died': { role: 'death', server: true, ecs: { dataset: 'mysqld_safe.log' } },
  'mysqld_safe.restart': { role: 'restart', server: true, ecs: { dataset: 'mysqld_safe.log' } },
  'mysqld_safe.ended': { role: 'context', server: true, ecs: { data: 'mysqld_safe', dataset: 'mysqld_safe.log' } },
  'snapshot.top': SNAPSHOT,
  'snapshot.free': SNAPSHOT,
  'snapshot.ps': SNAPSHOT,
  'snapshot.meminfo': SNAPSHOT,
  'snapshot.vmstat': SNAPSHOT,
  'snapshot.sar': SNAPSHOT,
  'snapshot.oom_tasks': SNAPSHOT,
  'kernel.oom_invoked': { role: 'context', ecs: { data: 'oom' } },
  'kernel.oom_kill': { role: 'failure', failure: { class: 'oom_kill', actor: 'kernel', scope: 'global' }, ecs: { data: 'oom' } },
  'kernel.log': { role: 'context', folds: true },
  'syslog.log': { role: 'context', folds: true },
  'paste.header': { role: 'context' },
  // php-fpm repeats these every few seconds under load: the first, a count and the last tell it;
  // advice reads the first max_children warning of each pool
  'phpfpm.max_children': { role: 'context', folds: true, foldedEvidence: true, ecs: { data: 'php_fpm' } },
  'phpfpm.busy': { role: 'context', folds: true, ecs: { data: 'php_fpm' } },
  'phpfpm.child_exited': { role: 'context', folds: true, ecs: { data: 'php_fpm' } },
  'phpfpm.log': { role: 'context', folds: true, ecs: { data: 'php_fpm' } },
  'config.mysql': { role: 'config', ecs: { data: 'config', dataset: 'config.mysql' } },
  'config.phpfpm': { role: 'config', ecs: { data: 'config', dataset: 'config.phpfpm' } },
  'line.unrecognized': { role: 'noise', folds: true, ecs: { data: 'unrecognized' } },
  'line.other': { role: 'noise' },
  'shell.command': { role: 'context', ecs: { data: 'shell' } },
  'shell.output': { role: 'context' },
  'watcher.date': { role: 'anchor', ecs: { data: 'watcher' } },
  'ptstalk.sample': { role: 'anchor', ecs: { data: 'pt_stalk' } },
  'ptstalk.data': { role: 'context', ecs: { data: 'pt_stalk' } },
  'report.section': { role: 'context' },
  'ptstalk.log': { role: 'context', ecs: { data: 'pt_stalk' } },
  'snapshot.earlyoom': SNAPSHOT,
  'earlyoom.oom_kill': { role: 'failure', failure: { class: 'oom_kill', actor: 'earlyoom', scope: 'global' }, ecs: { data: 'oom' } },
  'earlyoom.log': { role: 'context', folds: true },
  // issue 13's killers: their per-report killer and scope are refined in src/kill-kinds.ts
  'systemd.oom_kill': { role: 'failure', failure: { class: 'oom_kill', actor: 'systemd', scope: 'cgroup' }, ecs: { data: 'oom' } },
  'oomd.oom_kill': { role: 'failure', failure: { class: 'oom_kill', actor: 'systemd-oomd', scope: 'cgroup' }, ecs: { data: 'oom' } },
  'systemd.status': { role: 'context', ecs: { data: 'systemd' } },
  'container.oom_kill': { role: 'failure', failure: { class: 'oom_kill', actor: 'container-runtime', scope: 'cgroup' }, ecs: { data: 'oom' } },
  'container.state': { role: 'context', ecs: { data: 'container' } },
  'container.event': { role: 'context', ecs: { data: 'container' } },
  'kubelet.oom_kill': { role: 'failure', failure: { class: 'oom_kill', actor: 'kubelet', scope: 'cgroup' }, ecs: { data: 'oom' } },
  'kubectl.output': { role: 'context' },
};

export function kindRow(kind: EventKind): KindRow {
  return KINDS[kind];
}

/** Every kind, at run time (for --fail-on checks and the registry test). */
export const EVENT_KINDS: readonly EventKind[] = Object.keys(KINDS) as EventKind[];

const ofRole = (role: Role): ReadonlySet<EventKind> => new Set(EVENT_KINDS.filter((k) => KINDS[k].role === role));

export const SNAPSHOT_KINDS: ReadonlySet<EventKind> = ofRole('snapshot');
export const FOLDABLE: ReadonlySet<string> = new Set(EVENT_KINDS.filter((k) => KINDS[k].folds));
export const FOLDED_EVIDENCE: ReadonlySet<string> = new Set(EVENT_KINDS.filter((k) => KINDS[k].foldedEvidence));

/** The failure row of a memory-failure event, or null. */
export function failureOf(e: Event): FailureRow | null {
  return KINDS[e.kind].failure ?? null;
}

/** Events that say the bundle's evidence still runs at their time (not configs, not noise). */
export function isEvidenceKind(kind: EventKind): boolean {
  const r = KINDS[kind].role;
  return r !== 'config' && r !== 'noise';
}
