// The table of event kinds: one row per kind says what it means to every stage (the correlator,
// incidents, verdicts, folding, the ECS writer), so a new kind or a new killer is one row here
// (and its payload one line in event.ts's EventDataMap). Nothing else switches on kind names.
// A row: { role, label?, failure?: { class, actor, scope, rank?, once? }, server?, folds?,
// foldedEvidence?, ecs }. A kill's actor and scope may be rules over the event (per report).
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

/** Whose memory ran out: the whole host (or its zone), or a cgroup at its own limit. */
export type Scope = 'global' | 'cgroup';

/** A killer: any actor but the server itself. */
export type Killer = Exclude<Actor, 'server'>;

export interface FailureRow {
  class: FailureClass;
  /** Who acted; a rule when one kind tells of several killers (the kernel's line: kernel, memcg, OpenVZ). */
  actor: Actor | ((e: Event) => Actor);
  /** What the report itself proves; null: it does not say (a unit's "killed by the OOM killer" is
   * printed for the host's kills and the cgroup's alike). */
  scope: Scope | null | ((e: Event) => Scope | null);
  /** `oom_kill`: how good a witness of one kill (lower is better: the kernel's own line first). */
  rank?: number;
  /** `attempt`: counted only when nothing failed yet in the same start attempt (a consequence).
   * `starting`: while the server starts, once per attempt (and a buffer-pool failure of the same
   * attempt takes its place); once it is ready, every one counts. */
  once?: 'attempt' | 'starting';
}

export interface KindRow {
  role: Role;
  /** Plain words for the reports people read (`buffer pool mmap failed`); default: the kind's name. */
  label?: string;
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

/** The kernel's kill line: OpenVZ's beancounter, a memory cgroup at its limit, or the host. */
function kernelKiller(e: Event): Actor {
  if (e.meta?.['openvz.ub'] !== undefined) return 'openvz';
  return e.kind === 'kernel.oom_kill' && e.data.cgroup ? 'kernel-memcg' : 'kernel';
}

function kernelScope(e: Event): Scope {
  return e.kind === 'kernel.oom_kill' && e.data.cgroup ? 'cgroup' : 'global';
}

function kubeletScope(e: Event): Scope | null {
  return e.kind === 'kubelet.oom_kill' && e.data.report === 'event' ? 'global' : null;
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
  'mysql.start': { label: 'server starting', role: 'start', server: true, ecs: { data: 'server', ...SERVER_START } },
  'mysql.ready': { label: 'server ready', role: 'ready', server: true, ecs: { data: 'server', ...DB_INFO } },
  'mysql.shutdown': { label: 'server stopped', role: 'context', server: true, ecs: SERVER_END },
  'mysql.abort': { label: 'server aborted', role: 'abort', server: true, ecs: SERVER_DIED },
  'mysql.crash_recovery': { label: 'crash recovery', role: 'context', server: true, ecs: DB_INFO },
  'mysql.buffer_pool_init': { label: 'buffer pool size', role: 'setting', server: true, ecs: { data: 'buffer_pool', ...DB_INFO } },
  'mysql.mmap_failed': { label: 'buffer pool mmap failed', role: 'failure', failure: { class: 'buffer_pool', actor: 'server', scope: 'global' }, server: true, ecs: { data: 'mmap', ...DB_ERROR } },
  'mysql.buffer_pool_alloc_failed': {
    label: 'buffer pool allocation failed',
    role: 'failure',
    failure: { class: 'buffer_pool', actor: 'server', scope: 'global', once: 'attempt' },
    server: true,
    ecs: { data: 'buffer_pool', ...DB_ERROR },
  },
  // the server's other allocation failures: one per start attempt while it starts (MariaDB retries
  // smaller caches), each one once it runs; a buffer-pool failure of the same start tells it better
  'mysql.out_of_memory': {
    label: 'out of memory',
    role: 'failure',
    failure: { class: 'allocation', actor: 'server', scope: 'global', once: 'starting' },
    server: true,
    ecs: { data: 'alloc', ...DB_ERROR },
  },
  'mysql.signal': { label: 'server crashed (signal)', role: 'death', server: true, ecs: { data: 'signal', ...SERVER_DIED } },
  'mysql.log': { label: 'server note', role: 'context', server: true, folds: true, ecs: { data: 'mysql', ...DB_INFO } },
  'mysqld_safe.start': { label: 'mysqld_safe started it', role: 'restart', server: true, ecs: { data: 'mysqld_safe', dataset: 'mysqld_safe.log', ...PROCESS_START } },
  'mysqld_safe.died': { label: 'server died', role: 'death', server: true, ecs: { dataset: 'mysqld_safe.log', ...PROCESS_END } },
  'mysqld_safe.restart': { label: 'mysqld_safe restarted it', role: 'restart', server: true, ecs: { dataset: 'mysqld_safe.log', ...PROCESS_START } },
  'mysqld_safe.ended': { label: 'mysqld_safe saw it end', role: 'context', server: true, ecs: { data: 'mysqld_safe', dataset: 'mysqld_safe.log', ...PROCESS_END } },
  'snapshot.top': { ...SNAPSHOT, label: 'top snapshot' },
  'snapshot.free': { ...SNAPSHOT, label: 'free snapshot' },
  'snapshot.ps': { ...SNAPSHOT, label: 'ps snapshot' },
  'snapshot.meminfo': { ...SNAPSHOT, label: 'meminfo snapshot' },
  'snapshot.vmstat': { ...SNAPSHOT, label: 'vmstat snapshot' },
  'snapshot.sar': { ...SNAPSHOT, label: 'sar snapshot' },
  'snapshot.oom_tasks': { ...SNAPSHOT, label: "OOM killer's task list" },
  'kernel.oom_invoked': { label: 'OOM killer invoked', role: 'context', ecs: { data: 'oom', dataset: 'system.oom', ...HOST_INFO } },
  'kernel.oom_kill': { label: 'OOM killer killed', role: 'failure', failure: { class: 'oom_kill', actor: kernelKiller, scope: kernelScope, rank: 0 }, ecs: KILL },
  'kernel.log': { label: 'kernel line', role: 'context', folds: true, ecs: HOST_INFO },
  'syslog.log': { role: 'context', folds: true, ecs: HOST_INFO },
  // a verbose journal record's header and fields: its MESSAGE is read by its program's format
  'journal.record': { label: 'journal record', role: 'noise', folds: true, ecs: { data: 'journal' } },
  'paste.header': { role: 'context', ecs: HOST_INFO },
  // php-fpm repeats these every few seconds under load: the first, a count and the last tell it;
  // advice reads the first max_children warning of each pool
  'phpfpm.max_children': { label: 'php-fpm at max_children', role: 'context', folds: true, foldedEvidence: true, ecs: { data: 'php_fpm', ...WEB_INFO } },
  'phpfpm.busy': { label: 'php-fpm busy', role: 'context', folds: true, ecs: { data: 'php_fpm', ...WEB_INFO } },
  'phpfpm.child_exited': { label: 'php-fpm worker exited', role: 'context', folds: true, ecs: { data: 'php_fpm', ...PROCESS_END } },
  'phpfpm.log': { label: 'php-fpm note', role: 'context', folds: true, ecs: { data: 'php_fpm', ...WEB_INFO } },
  'config.mysql': { label: 'MySQL config', role: 'config', ecs: { data: 'config', dataset: 'config.mysql', ...CONFIG_INFO } },
  'config.phpfpm': { label: 'php-fpm config', role: 'config', ecs: { data: 'config', dataset: 'config.phpfpm', ...CONFIG_INFO } },
  'line.unrecognized': { label: 'unrecognized line', role: 'noise', folds: true, ecs: { data: 'unrecognized' } },
  'line.other': { role: 'noise' },
  'shell.command': { label: 'shell command', role: 'context', ecs: { data: 'shell', ...HOST_INFO } },
  'shell.output': { label: 'shell output', role: 'context', ecs: HOST_INFO },
  // SIGKILL from anyone (`kill -9`, a stop time-out, the OOM killer): a possible kill, never a failure
  'shell.killed': { label: 'killed by SIGKILL (possibly for memory)', role: 'context', ecs: { data: 'shell', ...PROCESS_END } },
  'watcher.date': { role: 'anchor', ecs: { data: 'watcher', ...HOST_INFO } },
  'ptstalk.sample': { label: 'pt-stalk sample', role: 'anchor', ecs: { data: 'pt_stalk', ...HOST_INFO } },
  'ptstalk.data': { label: 'pt-stalk data', role: 'context', ecs: { data: 'pt_stalk', ...HOST_INFO } },
  'report.section': { role: 'context', ecs: HOST_INFO },
  'ptstalk.log': { label: 'pt-stalk note', role: 'context', ecs: { data: 'pt_stalk', ...HOST_INFO } },
  'snapshot.earlyoom': SNAPSHOT,
  'earlyoom.oom_kill': { label: 'killed for memory', role: 'failure', failure: { class: 'oom_kill', actor: 'earlyoom', scope: 'global', rank: 1 }, ecs: KILL },
  'earlyoom.log': { role: 'context', folds: true, ecs: HOST_INFO },
  // issue 13's killers. What each report proves about scope: systemd's unit notice and Docker's
  // OOMKilled come from the cgroup's oom_kill counter, which counts the host's kills too (null);
  // systemd-oomd acts on one cgroup's pressure; kubelet's node SystemOOM is a kill whose limit
  // cgroup was the root (the host), a pod's OOMKilled is its limit or the node's (null)
  'systemd.oom_kill': { label: 'killed for memory', role: 'failure', failure: { class: 'oom_kill', actor: 'systemd', scope: null, rank: 2 }, ecs: KILL },
  'oomd.oom_kill': { label: 'killed for memory', role: 'failure', failure: { class: 'oom_kill', actor: 'systemd-oomd', scope: 'cgroup', rank: 1 }, ecs: KILL },
  'systemd.status': { role: 'context', ecs: { data: 'systemd', ...PROCESS_INFO } },
  'container.oom_kill': { label: 'killed for memory', role: 'failure', failure: { class: 'oom_kill', actor: 'container-runtime', scope: null, rank: 3 }, ecs: KILL },
  'container.state': { role: 'context', ecs: { data: 'container', ...PROCESS_INFO } },
  'container.event': { role: 'context', ecs: { data: 'container', ...PROCESS_INFO } },
  'kubelet.oom_kill': { label: 'killed for memory', role: 'failure', failure: { class: 'oom_kill', actor: 'kubelet', scope: kubeletScope, rank: 4 }, ecs: KILL },
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

/** Who acted in a failure event (its row's rule or value); null when it is not a failure. */
export function actorOf(e: Event): Actor | null {
  const a = KINDS[e.kind].failure?.actor;
  return a === undefined ? null : typeof a === 'function' ? a(e) : a;
}

/** What a failure event proves about scope (null: it does not say, or it is not a failure). */
export function scopeOf(e: Event): Scope | null {
  const s = KINDS[e.kind].failure?.scope;
  return s === undefined ? null : typeof s === 'function' ? s(e) : s;
}

/** A kill's witness rank (lower is better); undefined when the event is not a kill. */
export function killRank(e: Event): number | undefined {
  const f = KINDS[e.kind].failure;
  return f?.class === 'oom_kill' ? (f.rank ?? 9) : undefined;
}

/** The class of a memory failure event; `allocation` for an event that is not one. */
export function failureClass(e: Event): FailureClass {
  return KINDS[e.kind].failure?.class ?? 'allocation';
}

/** `buffer pool mmap failed` for `mysql.mmap_failed`; a kind with no label keeps its own name. */
export function kindLabel(kind: string): string {
  return (Object.hasOwn(KINDS, kind) && KINDS[kind as EventKind].label) || kind;
}

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
