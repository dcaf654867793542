// The Event: the one type that crosses stage boundaries (read → parse → clock → timeline →
// correlate → report). A tagged union on `kind`; each kind's payload lives in EventDataMap, so
// a new kind is one line there. Every event says where it came from and how its time was known.

/** How an event's time was obtained. */
export type TimeSource = 'stamped' | 'inherited' | 'inferred' | 'interval';

/** A wall-clock stamp as a parser read it, before the clock places it on the timeline. */
export interface RawStamp {
  year?: number; // absent: a year-less (syslog) or time-only (top) stamp, to be inferred
  month?: number; // 1-12
  day?: number;
  hour: number;
  minute: number;
  second: number;
  millis?: number;
  /** Offset from UTC the stamp itself carries (`Z` is 0); absent means the report zone. */
  offsetMinutes?: number;
}

export interface EventTime {
  /** Epoch milliseconds; for an interval its earliest instant; NaN while not yet placed. */
  ms: number;
  /** Latest instant, for `interval` times. */
  latestMs?: number;
  source: TimeSource;
  /** Why the time is what it is, for inferred and interval times ("date from --date"). */
  note?: string;
}

/** Where an event came from. `lines` counts the non-blank input lines folded into it. */
export interface Provenance {
  path: string;
  line: number;
  lines: number;
  offset: number;
  format: string;
  /** Bytes past the 64 KiB cap of the line it starts with, counted, not kept (read/lines.ts). */
  truncated?: number;
  /** Of `lines`, how many were carried along without being read (a status block's process tree,
   * a prefix-only line): counted per input as `uninterpreted`, never hidden. */
  uninterpreted?: number;
}

/** Memory totals of a snapshot, all in bytes. */
export interface MemoryTotals {
  total_bytes?: number;
  used_bytes?: number;
  free_bytes?: number;
  available_bytes?: number;
  buffers_bytes?: number;
  cached_bytes?: number;
  swap_total_bytes?: number;
  swap_free_bytes?: number;
}

/** One process row of a snapshot (top, ps, a kernel OOM task table). */
export interface ProcessRow {
  pid?: number;
  user?: string;
  command: string;
  rss_bytes: number;
  vsz_bytes?: number;
}

/** Processes of one command name: how many, how much resident memory. */
export interface ProcessGroup {
  command: string;
  count: number;
  rss_bytes: number;
  max_rss_bytes: number;
}

/** The payload shared by every snapshot kind. */
export interface SnapshotData {
  memory?: MemoryTotals;
  /** All rows read (top, ps, OOM task table); groups are derived from them. */
  rows?: ProcessRow[];
  groups?: ProcessGroup[];
  /** True when the process table was cut off (a paste ending in `...`). */
  partial?: boolean;
  load?: [number, number, number];
  tasks?: { total?: number; running?: number; sleeping?: number; stopped?: number; zombie?: number };
  uptime_seconds?: number;
  /** The shell command that printed it, when it came from a transcript. */
  command?: string;
  /** The unit bare numbers were read in when the text did not say (`free` with no command: 'KiB'). */
  unit_assumed?: string;
  /** False when the table has no resident-size column (`ps -ef`, `pstree`): rss_bytes is not known. */
  rss_known?: boolean;
  /** Key/values as printed (/proc/meminfo and `vmstat -s` in kB, vmstat's last row). */
  raw?: Record<string, number>;
}

/** A time a parser read but could not place by itself; the dating stage resolves it. */
export interface PendingTime {
  /** A time-only (`top - 23:42:33`) or year-less (`May 21 18:49:20`) stamp. */
  stamp?: RawStamp;
  /** Seconds since boot (`dmesg`'s `[9876543.210]`), placed once the boot instant is known. */
  uptime_seconds?: number;
}

/** Payload per event kind. Adding a kind is adding a line here. */
export interface EventDataMap {
  'mysql.start': { version?: string };
  'mysql.ready': { version?: string; port?: number; socket?: string };
  'mysql.shutdown': Record<string, never>;
  'mysql.abort': Record<string, never>;
  'mysql.crash_recovery': Record<string, never>;
  'mysql.buffer_pool_init': { bytes: number };
  /** `errno` 12 on Linux; Windows' `VirtualAlloc(N bytes) failed; Windows error 8` keeps its own code. */
  'mysql.mmap_failed': { bytes: number; errno?: number; windows_error?: number };
  /** The server's other allocation failures: `Out of memory (Needed N bytes)`, `Cannot allocate N
   * bytes of memory after 60 retries`, `Can't create thread ... (errno= 12)`. */
  'mysql.out_of_memory': { what: 'needed' | 'retries' | 'thread'; bytes?: number; errno?: number };
  'mysql.buffer_pool_alloc_failed': { bytes?: number };
  'mysql.signal': { signal: number; trace_lines: number };
  'mysql.log': { code?: string; subsystem?: string };
  'mysqld_safe.start': { datadir?: string };
  'mysqld_safe.died': Record<string, never>;
  'mysqld_safe.restart': Record<string, never>;
  'mysqld_safe.ended': { pid_file?: string };
  'snapshot.top': SnapshotData;
  'snapshot.free': SnapshotData;
  'snapshot.ps': SnapshotData;
  'snapshot.meminfo': SnapshotData;
  'snapshot.vmstat': SnapshotData;
  'snapshot.sar': SnapshotData;
  'kernel.oom_invoked': { gfp_mask?: string; order?: number };
  'kernel.oom_kill': {
    anon_rss_bytes?: number;
    total_vm_bytes?: number;
    score?: number;
    cgroup?: boolean;
    /** Resident memory when the kernel gives only a total (OpenVZ `rss:`), in bytes. */
    rss_bytes?: number;
    /** The process the killer chose when it killed a child of it instead (`kill process N or a child`). */
    selected_pid?: number;
    selected_name?: string;
    /** A cgroup kill: the cgroup whose limit was hit, its usage and limit then (kernel-memcg.ts). */
    memcg?: string;
    usage_bytes?: number;
    limit_bytes?: number;
    failcnt?: number;
  };
  'kernel.log': Record<string, never>;
  /** systemd about a unit one of whose processes the OOM killer killed: `A process of this unit has
   * been killed by the OOM killer.` (notice), `Failed with result 'oom-kill'.` (result),
   * `systemctl status`'s `Active: failed (Result: oom-kill) since ...` (status). */
  'systemd.oom_kill': { unit: string; report: 'notice' | 'result' | 'status'; main_pid?: number };
  /** systemd-oomd killing a cgroup: `Killed /x.service due to memory pressure for /y.slice being 92.12% > 50.00% for > 20s`. */
  'oomd.oom_kill': { cgroup: string; pressure_cgroup?: string; pressure_pct?: number; limit_pct?: number; duration_seconds?: number; processes?: number };
  /** Docker says the container was OOM-killed: `docker inspect`'s `"OOMKilled": true`, `docker events`' `container oom`. */
  'container.oom_kill': { report: 'inspect' | 'events'; exit_code?: number; container?: string; id?: string };
  /** A `docker inspect` document that is not an OOM kill (`"ExitCode": 137` alone is any SIGKILL),
   * or a `docker ps -a` row (`id`, `container`: its name; `Exited (137)` is no kill either). */
  'container.state': { status?: string; exit_code?: number; oom_killed?: boolean; id?: string; container?: string };
  /** Kubernetes says a container was OOM-killed: `kubectl describe`'s `Reason: OOMKilled` (describe),
   * a node's `SystemOOM` / `OOMKilling` event (event), a `get pods -w` row `OOMKilled` (watch). */
  'kubelet.oom_kill': { report: 'describe' | 'event' | 'watch'; exit_code?: number; container?: string; pod?: string };
  /** Other kubectl output, folded a run of lines at a time. */
  'kubectl.output': Record<string, never>;
  /** Any other `docker events` line (`container die`, `start`, ...). */
  'container.event': { action: string; id?: string };
  /** A `systemctl status` header of a unit that did not end in an OOM kill, folded whole. */
  'systemd.status': { unit: string; active?: string };
  /** The kernel's OOM task table (`[ pid ]   uid  tgid total_vm      rss ...`), rows in bytes. */
  'snapshot.oom_tasks': SnapshotData;
  /** A `journalctl -o verbose` record's header and fields (its MESSAGE, inside the container, read by its program's format). */
  'journal.record': { program?: string; fields: number };
  /** Any other program's syslog / journal line (systemd, cron, sshd, ...). */
  'syslog.log': { program?: string; unit?: string };
  /** A line a person added to a paste: the command that printed what follows, or a banner. */
  'paste.header': { command?: string; title?: string };
  'phpfpm.max_children': { pool?: string; limit?: number };
  'phpfpm.busy': { pool?: string; spawning?: number; idle?: number; total?: number };
  'phpfpm.child_exited': { pool?: string; signal?: number; signal_name?: string; code?: number; after_seconds?: number };
  'phpfpm.log': { pool?: string };
  'config.mysql': { settings: Record<string, string> };
  'config.phpfpm': { pool?: string; settings: Record<string, string> };
  'line.unrecognized': { truncated_bytes?: number };
  /** Another program's line inside a log (installer, entrypoint, shell prompt, MySQLTuner, systemd). */
  'line.other': { source: string; program?: string };
  /** A shell prompt line of a pasted transcript (`[root@host ~]# free -m`). */
  'shell.command': { command: string; user?: string; host?: string; cwd?: string };
  /** The output of a transcript command no format reads (`numfmt ...`), kept whole with its command. */
  'shell.output': { command: string };
  /** The shell saying a job died of SIGKILL (`Killed`, `[1]+  Killed  mysqld_safe ...`): who sent it is not said. */
  'shell.killed': { command: string; job?: number; pid?: number; target?: string };
  /** A watcher script's `date` line: an anchor dating what follows it. `zone` is the abbreviation as
   * printed (CST is China or US Central: never used to place the time, --tz decides). */
  'watcher.date': { form: string; zone?: string; offset_minutes?: number };
  /** A pt-stalk sample separator `TS <epoch>[.<frac>] [<local date> <time>]`: an anchor. The
   * local stamp minus the epoch gives the collecting host's UTC offset. */
  'ptstalk.sample': { epoch: number; collector?: string; offset_minutes?: number };
  /** A pt-stalk sample no format reads (`-df`, `-procvmstat`, `-processlist`, ...), folded whole. */
  'ptstalk.data': { collector?: string; prefix?: string };
  /** A section of a Percona Toolkit report (pt-summary, pt-mysql-summary, pt-sift), folded whole;
   * pt-summary's `# Memory` section is a `snapshot.free` instead. */
  'report.section': { tool: string; section: string };
  /** pt-stalk's own log line (`2014_10_19_12_51_02 Collect 1 triggered`: its --log, `-trigger`,
   * its terminal), stamped in the host's local time; `Check results:` lines give the trigger. */
  'ptstalk.log': { collector?: string; variable?: string; value?: number; matched?: boolean };
  /** earlyoom's memory report (`mem avail: 21 of 950 MiB ( 2.27%), swap free: ...`). */
  'snapshot.earlyoom': SnapshotData;
  /** earlyoom signalling its victim (`sending SIGTERM to process 397 uid 61876 "x": badness 0, VmRSS 1 MiB`). */
  'earlyoom.oom_kill': { signal?: string; uid?: number; badness?: number; oom_score?: number; rss_bytes?: number };
  /** Any other earlyoom line (its banner, limits, `low memory!`, `process exited after`). */
  'earlyoom.log': Record<string, never>;
}

export type EventKind = keyof EventDataMap;

/** The kinds' meanings (role, failure class and killer, folding, ECS) are rows of src/kinds.ts. */
export { EVENT_KINDS, SNAPSHOT_KINDS } from './kinds.js';

export interface EventBase {
  message: string;
  /** ECS-style level: error, warning, info, notice, debug, critical. */
  level?: string;
  time: EventTime;
  src: Provenance;
  /** The process a line is about (the server for mysql lines, the victim of an OOM kill). */
  process?: { pid?: number; name?: string };
  /** Metadata kept from stripped prefixes and containers (container name, stream, host). */
  meta?: Record<string, string>;
  /** Set while `time.ms` is NaN: what the parser knew, for the dating stage. */
  pending?: PendingTime;
  /** Input order, for stable ties on the timeline. */
  seq: number;
}

export type EventOf<K extends EventKind> = EventBase & { kind: K; data: EventDataMap[K] };
export type Event = { [K in EventKind]: EventOf<K> }[EventKind];

export function isKind<K extends EventKind>(e: Event, kind: K): e is Extract<Event, { kind: K }> {
  return e.kind === kind;
}
