// What a test checks of one unseen fixture, read from the analysis: the formats, the exact
// unrecognized lines, the event kinds, and the facts that matter (kills with their victims and
// memory, task tables, memory totals in bytes, php-fpm pool events).
import type { Analysis } from '../../src/analyze.js';
import type { Event, SnapshotData } from '../../src/event.js';
import { contentFormats } from '../helpers.js';

export const KiB = 1024;
export const MiB = 1024 ** 2;
export const GiB = 1024 ** 3;

/** What a test expects of one unseen fixture. */
export interface UnseenCase {
  formats: string[];
  unrecognized?: string[];
  kinds: Record<string, number>;
  /** Facts in input order (see digest), each matched as a subset. */
  facts?: object[];
}

export interface Digest {
  formats: string[];
  unrecognized: string[];
  kinds: Record<string, number>;
  facts: unknown[];
}

const MEMORY_KEYS = ['total_bytes', 'used_bytes', 'free_bytes', 'available_bytes', 'buffers_bytes', 'cached_bytes', 'swap_total_bytes', 'swap_free_bytes'] as const;

/** A stamped time as ISO, otherwise how it was obtained (inferred times depend on the file's mtime). */
function when(e: Event): string {
  return e.time.source === 'stamped' ? new Date(e.time.ms).toISOString() : e.time.source;
}

function fact(e: Event): unknown {
  const at = `L${e.src.line}+${e.src.lines}`;
  if (e.kind === 'kernel.oom_kill') return { kill: at, victim: e.process, ...e.data, when: when(e) };
  if (e.kind === 'snapshot.oom_tasks') {
    const d = e.data as SnapshotData;
    return { tasks: at, rows: d.rows?.length, first: d.rows?.[0], ...(d.memory ? { memory: d.memory } : {}) };
  }
  if (e.kind.startsWith('snapshot.')) {
    const d = e.data as SnapshotData;
    const memory: Record<string, number> = {};
    for (const k of MEMORY_KEYS) if (d.memory?.[k] !== undefined) memory[k] = d.memory[k];
    const rows = d.rows ? { rows: d.rows.length, rss_known: d.rss_known } : {};
    const extra = d.unit_assumed ? { unit_assumed: d.unit_assumed } : {};
    return { [e.kind.slice(9)]: at, memory, ...rows, ...extra, when: when(e) };
  }
  if (e.kind === 'phpfpm.max_children' || e.kind === 'phpfpm.child_exited' || e.kind === 'phpfpm.busy')
    return { [e.kind]: at, pid: e.process?.pid, ...e.data, when: when(e) };
  return null;
}

export function digest(a: Analysis): Digest {
  const kinds: Record<string, number> = {};
  for (const e of a.events) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
  const inOrder = [...a.events].sort((x, y) => x.src.line - y.src.line || x.src.offset - y.src.offset);
  return {
    formats: contentFormats(a.inputs[0].formats),
    unrecognized: inOrder.filter((e) => e.kind === 'line.unrecognized').map((e) => e.message),
    kinds,
    facts: inOrder.map(fact).filter((f) => f !== null),
  };
}
