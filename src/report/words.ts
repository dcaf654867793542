// Plain words for the reports people read (text, Markdown): what each event kind is called (its
// kinds.ts label), which
// timeline rows are key (failures, starts, deaths, kills, configs, sizes) and which are routine
// (server notes, pt-stalk samples, repeated snapshots) and summarised unless --verbose.
import { kindLabel } from '../kinds.js';
import type { Summary } from './summary.js';

/** Each kind's words are the `label` column of its row in src/kinds.ts. */
export { kindLabel };

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
  if (f.action === 'mysql.out_of_memory') return `${victim ?? 'mysqld'} ran out of memory${f.requested_bytes ? ` asking for ${bytes(f.requested_bytes)}` : ''}`;
  return `${victim ?? 'mysqld'} failed to allocate memory (${kindLabel(f.action)})`;
}
