// One Event as an ECS-named object for NDJSON (CONTRACT.md): @timestamp, message, event.*,
// log.*, process.*, and oomtrail.* for what ECS has no field for (line, lines, time source, data).
import type { Event, EventKind } from '../event.js';
import type { Clock } from '../time/clock.js';

/** Where each kind's data goes under `oomtrail`. */
const DATA_KEY: Partial<Record<EventKind, string>> = {
  'mysql.mmap_failed': 'mmap',
  'mysql.buffer_pool_init': 'buffer_pool',
  'mysql.buffer_pool_alloc_failed': 'buffer_pool',
  'mysql.signal': 'signal',
  'mysql.start': 'server',
  'mysql.ready': 'server',
  'mysql.log': 'mysql',
  'mysqld_safe.start': 'mysqld_safe',
  'mysqld_safe.ended': 'mysqld_safe',
  'kernel.oom_invoked': 'oom',
  'kernel.oom_kill': 'oom',
  'systemd.oom_kill': 'oom',
  'oomd.oom_kill': 'oom',
  'container.oom_kill': 'oom',
  'kubelet.oom_kill': 'oom',
  'container.state': 'container',
  'container.event': 'container',
  'systemd.status': 'systemd',
  'phpfpm.max_children': 'php_fpm',
  'phpfpm.busy': 'php_fpm',
  'phpfpm.child_exited': 'php_fpm',
  'phpfpm.log': 'php_fpm',
  'config.mysql': 'config',
  'config.phpfpm': 'config',
  'line.unrecognized': 'unrecognized',
  'shell.command': 'shell',
  'watcher.date': 'watcher',
  'ptstalk.sample': 'pt_stalk',
  'ptstalk.data': 'pt_stalk',
  'ptstalk.log': 'pt_stalk',
};

const datasets = new Map<string, string>();
const dataKeys = new Map<string, string>();

export function datasetOf(e: Event): string {
  const f = e.src.format;
  if (e.kind.startsWith('config.')) return e.kind;
  if (f === 'mysql-error') return e.kind.startsWith('mysqld_safe') ? 'mysqld_safe.log' : 'mysql.error';
  let d = datasets.get(f);
  if (d === undefined) {
    d = f.replace(/-/g, '.');
    datasets.set(f, d);
  }
  return d;
}

/** Where a kind's data goes under `oomtrail` (worked out once per kind). */
function dataKey(kind: EventKind): string {
  let k = dataKeys.get(kind);
  if (k === undefined) {
    k = kind.startsWith('snapshot.') ? 'snapshot' : (DATA_KEY[kind] ?? kind.split('.')[1]);
    dataKeys.set(kind, k);
  }
  return k;
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

export function toEcs(e: Event, clock: Clock): Record<string, unknown> {
  const o: Record<string, unknown> = {
    line: e.src.line,
    lines: e.src.lines,
    time_source: e.time.source,
  };
  if (e.time.note) o.time_note = e.time.note;
  if (e.time.source === 'interval') {
    o.time_earliest = clock.iso(e.time.ms);
    o.time_latest = clock.iso(e.time.latestMs ?? e.time.ms);
  }
  const data = e.data as unknown as Record<string, unknown>;
  if (data && hasKeys(data)) o[dataKey(e.kind)] = data;
  if (e.meta) o.meta = e.meta;
  const log: Record<string, unknown> = {};
  if (e.level) log.level = e.level;
  log.file = { path: e.src.path };
  log.offset = e.src.offset;
  const out: Record<string, unknown> = {
    '@timestamp': Number.isFinite(e.time.ms) ? clock.iso(e.time.ms) : null,
    message: e.message,
    event: { action: e.kind, dataset: datasetOf(e), kind: 'event' },
    log,
  };
  if (e.process && (e.process.name !== undefined || e.process.pid !== undefined)) out.process = e.process;
  out.oomtrail = o;
  return out;
}
