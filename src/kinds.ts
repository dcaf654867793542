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
   * `event.dataset` when it is not the format's, and `event.category` / `event.type` (ECS's
   * allowed values; absent for noise, which says nothing about anything). */
  ecs?: { data?: string; dataset?: string } & Partial<Categorized>;
}

/** ECS's categorization fields (https://www.elastic.co/guide/en/ecs/current/ecs-allowed-values-event-category.html). */
export interface Categorized {
  category: readonly ('database' | 'process' | 'host' | 'web' | 'configuration')[];
  type: readonly ('start' | 'end' | 'info' | 'error' | 'change')[];
}

const DB_INFO: Categorized = { category: ['database'], type: ['info'] };
const DB_ERROR: Categorized = { category: ['database'], type: ['error'] };
const SERVER_START: Categorized = { category: ['database', 'process'], type: ['start'] };
const SERVER_END: Categorized = { category: ['database', 'process'], type: ['end'] };
const SERVER_DIED: Categorized = { category: ['database', 'process'], type: ['end', 'error'] };
const PROCESS_START: Categorized = { category: ['process'], type: ['start'] };
const PROCESS_END: Categorized = { category: ['process'], type: ['end'] };
const PROCESS_INFO: Categorized = { category: ['process'], type: ['info'] };
const HOST_INFO: Categorized = { category: ['host'], type: ['info'] };
const WEB_INFO: Categorized = { category: ['web'], type: ['info'] };
const CONFIG_INFO: Categorized = { category: ['configuration'], type: ['info'] };
/** A kill: the victim process ended (event.kind `alert`, dataset `system.oom`). */
const KILL = { data: 'oom', dataset: 'system.oom', ...PROCESS_END };

const SNAPSHOT: KindRow = { role: 'snapshot', ecs: { data: 'snapshot', dataset: 'system.memory', ...HOST_INFO } };

export const KINDS: Readonly<Record<EventKind, KindRow>> = {
  'mysql.start': { role: 'start', server: true, ecs: { data: 'server', ...SERVER_START } },
  'mysql.ready': { role: 'ready', server: true, ecs: { data: 'server', ...DB_INFO } },
  'mysql.shutdown': { role: 'context', server: true, ecs: SERVER_END },
  'mysql.abort': { role: 'abort', server: true, ecs: SERVER_DIED },
  'mysql.crash_recovery': { role: 'context', server: true, ecs: DB_INFO },
  'mysql.buffer_pool_init': { role: 'setting', server: true, ecs: { data: 'buffer_pool', ...DB_INFO } },
  'mysql.mmap_failed': { role: 'failure', failure: { class: 'buffer_pool', actor: 'server', scope: 'global' }, server: true, ecs: { data: 'mmap', ...DB_ERROR } },
  'mysql.buffer_pool_alloc_failed': {
    role: 'failure',
    failure: { class: 'buffer_pool', actor: 'server', scope: 'global', once: 'attempt' },
    server: true,
    ecs: { data: 'buffer_pool', ...DB_ERROR },
  },
  'mysql.signal': { role: 'death', server: true, ecs: { data: 'signal', ...SERVER_DIED } },
  'mysql.log': { role: 'context', server: true, folds: true, ecs: { data: 'mysql', ...DB_INFO } },
  'mysqld_safe.start': { role: 'restart', server: true, ecs: { data: 'mysqld_safe', dataset: 'mysqld_safe.log', ...PROCESS_START } },
  'mysqld_safe.died': { role: 'death', server: true, ecs: { dataset: 'mysqld_safe.log', ...PROCESS_END } },
  'mysqld_safe.restart': { role: 'restart', server: true, ecs: { dataset: 'mysqld_safe.log', ...PROCESS_START } },
  'mysqld_safe.ended': { role: 'context', server: true, ecs: { data: 'mysqld_safe', dataset: 'mysqld_safe.log', ...PROCESS_END } },
  'snapshot.top': SNAPSHOT,
  'snapshot.free': SNAPSHOT,
  'snapshot.ps': SNAPSHOT,
  'snapshot.meminfo': SNAPSHOT,
  'snapshot.vmstat': SNAPSHOT,
  'snapshot.sar': SNAPSHOT,
  'snapshot.oom_tasks': SNAPSHOT,
  'kernel.oom_invoked': { role: 'context', ecs: { data: 'oom', dataset: 'system.oom', ...HOST_INFO } },
  'kernel.oom_kill': { role: 'failure', failure: { class: 'oom_kill', actor: 'kernel', scope: 'global' }, ecs: KILL },
  'kernel.log': { role: 'context', folds: true, ecs: HOST_INFO },
  'syslog.log': { role: 'context', folds: true, ecs: HOST_INFO },
  'paste.header': { role: 'context', ecs: HOST_INFO },
  // php-fpm repeats these every few seconds under load: the first, a count and the last tell it;
  // advice reads the first max_children warning of each pool
  'phpfpm.max_children': { role: 'context', folds: true, foldedEvidence: true, ecs: { data: 'php_fpm', ...WEB_INFO } },
  'phpfpm.busy': { role: 'context', folds: true, ecs: { data: 'php_fpm', ...WEB_INFO } },
  'phpfpm.child_exited': { role: 'context', folds: true, ecs: { data: 'php_fpm', ...PROCESS_END } },
  'phpfpm.log': { role: 'context', folds: true, ecs: { data: 'php_fpm', ...WEB_INFO } },
  'config.mysql': { role: 'config', ecs: { data: 'config', dataset: 'config.mysql', ...CONFIG_INFO } },
  'config.phpfpm': { role: 'config', ecs: { data: 'config', dataset: 'config.phpfpm', ...CONFIG_INFO } },
  'line.unrecognized': { role: 'noise', folds: true, ecs: { data: 'unrecognized' } },
  'line.other': { role: 'noise' },
  'shell.command': { role: 'context', ecs: { data: 'shell', ...HOST_INFO } },
  'shell.output': { role: 'context', ecs: HOST_INFO },
  'watcher.date': { role: 'anchor', ecs: { data: 'watcher', ...HOST_INFO } },
  'ptstalk.sample': { role: 'anchor', ecs: { data: 'pt_stalk', ...HOST_INFO } },
  'ptstalk.data': { role: 'context', ecs: { data: 'pt_stalk', ...HOST_INFO } },
  'report.section': { role: 'context', ecs: HOST_INFO },
  'ptstalk.log': { role: 'context', ecs: { data: 'pt_stalk', ...HOST_INFO } },
  'snapshot.earlyoom': SNAPSHOT,
  'earlyoom.oom_kill': { role: 'failure', failure: { class: 'oom_kill', actor: 'earlyoom', scope: 'global' }, ecs: KILL },
  'earlyoom.log': { role: 'context', folds: true, ecs: HOST_INFO },
  // issue 13's killers: their per-report killer and scope are refined in src/kill-kinds.ts
  'systemd.oom_kill': { role: 'failure', failure: { class: 'oom_kill', actor: 'systemd', scope: 'cgroup' }, ecs: KILL },
  'oomd.oom_kill': { role: 'failure', failure: { class: 'oom_kill', actor: 'systemd-oomd', scope: 'cgroup' }, ecs: KILL },
  'systemd.status': { role: 'context', ecs: { data: 'systemd', ...PROCESS_INFO } },
  'container.oom_kill': { role: 'failure', failure: { class: 'oom_kill', actor: 'container-runtime', scope: 'cgroup' }, ecs: KILL },
  'container.state': { role: 'context', ecs: { data: 'container', ...PROCESS_INFO } },
  'container.event': { role: 'context', ecs: { data: 'container', ...PROCESS_INFO } },
  'kubelet.oom_kill': { role: 'failure', failure: { class: 'oom_kill', actor: 'kubelet', scope: 'cgroup' }, ecs: KILL },
  'kubectl.output': { role: 'context', ecs: PROCESS_INFO },
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

/** ECS `event.kind`: a snapshot is a `metric`, a memory failure an `alert`, a config file a `state`. */
export function ecsKindOf(kind: EventKind): 'metric' | 'alert' | 'state' | 'event' {
  const r = KINDS[kind].role;
  return r === 'snapshot' ? 'metric' : r === 'failure' ? 'alert' : r === 'config' ? 'state' : 'event';
}
