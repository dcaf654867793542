// Plain words for the reports people read (text, Markdown): what each event kind is called, which
// timeline rows are key (failures, starts, deaths, kills, configs, sizes) and which are routine
// (server notes, pt-stalk samples, repeated snapshots) and summarised unless --verbose.
import type { Summary } from './summary.js';

const LABELS: Record<string, string> = {
  'mysql.mmap_failed': 'buffer pool mmap failed',
  'mysql.buffer_pool_alloc_failed': 'buffer pool allocation failed',
  'mysql.buffer_pool_init': 'buffer pool size',
  'mysql.start': 'server starting',
  'mysql.ready': 'server ready',
  'mysql.abort': 'server aborted',
  'mysql.shutdown': 'server stopped',
  'mysql.signal': 'server crashed (signal)',
  'mysql.crash_recovery': 'crash recovery',
  'mysql.log': 'server note',
  'mysqld_safe.start': 'mysqld_safe started it',
  'mysqld_safe.died': 'server died',
  'mysqld_safe.restart': 'mysqld_safe restarted it',
  'mysqld_safe.ended': 'mysqld_safe saw it end',
  'kernel.oom_invoked': 'OOM killer invoked',
  'kernel.oom_kill': 'OOM killer killed',
  'kernel.log': 'kernel line',
  'phpfpm.max_children': 'php-fpm at max_children',
  'phpfpm.busy': 'php-fpm busy',
  'phpfpm.child_exited': 'php-fpm worker exited',
  'phpfpm.log': 'php-fpm note',
  'config.mysql': 'MySQL config',
  'config.phpfpm': 'php-fpm config',
  'snapshot.top': 'top snapshot',
  'snapshot.free': 'free snapshot',
  'snapshot.ps': 'ps snapshot',
  'snapshot.meminfo': 'meminfo snapshot',
  'snapshot.vmstat': 'vmstat snapshot',
  'snapshot.sar': 'sar snapshot',
  'snapshot.oom_tasks': "OOM killer's task list",
  'ptstalk.sample': 'pt-stalk sample',
  'ptstalk.data': 'pt-stalk data',
  'ptstalk.log': 'pt-stalk note',
  'line.unrecognized': 'unrecognized line',
  'shell.command': 'shell command',
  'shell.output': 'shell output',
};

/** `buffer pool mmap failed` for `mysql.mmap_failed`; a kind with no words keeps its own name. */
export function kindLabel(kind: string): string {
  if (LABELS[kind]) return LABELS[kind];
  if (kind.endsWith('oom_kill')) return 'killed for memory';
  return kind;
}

/** Kinds always shown on the short timeline (besides failures and the snapshots they cite). */
const KEY = new Set(['mysql.start', 'mysql.ready', 'mysql.abort', 'mysql.signal', 'mysql.buffer_pool_init', 'mysqld_safe.died', 'mysqld_safe.restart', 'kernel.oom_invoked', 'phpfpm.max_children', 'phpfpm.busy', 'phpfpm.child_exited']);

export function isKeyKind(kind: string): boolean {
  return KEY.has(kind) || kind.startsWith('config.') || kind.endsWith('oom_kill');
}

/** A summary of routine rows: `server note ×30, crash recovery ×4`. */
export function routineWords(counts: ReadonlyMap<string, number>, most = 5): string {
  const all = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const named = all.slice(0, most).map(([kind, n]) => (n === 1 ? kindLabel(kind) : `${kindLabel(kind)} ×${n}`));
  const rest = all.slice(most).reduce((sum, [, n]) => sum + n, 0);
  return rest > 0 ? `${named.join(', ')} and ${rest} more` : named.join(', ');
}

type Failure = Summary['failures'][number];

/** What failed, in words: `mysqld could not get 131 MiB for its InnoDB buffer pool`. */
export function failureWords(f: Failure, bytes: (n: number) => string, name: string | null = null): string {
  const victim = (f as { victim?: { name?: string } | null }).victim?.name ?? name ?? undefined;
  if (f.action.endsWith('oom_kill')) return `the OOM killer killed ${victim ?? 'a process'}`;
  if (f.action === 'mysql.mmap_failed' || f.action === 'mysql.buffer_pool_alloc_failed') {
    return `${victim ?? 'mysqld'} could not get ${f.requested_bytes ? bytes(f.requested_bytes) : 'memory'} for its InnoDB buffer pool`;
  }
  return `${victim ?? 'mysqld'} failed to allocate memory (${kindLabel(f.action)})`;
}
