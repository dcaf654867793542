// The culprit and the one-sentence verdict for a failure. A process group is blamed only when
// memory was really short at that moment (free + reclaimable below what was asked, or the kernel
// killed) and that group holds the largest share; otherwise the verdict says why not. The
// words for who failed or killed whom come from correlate/words.ts, built from structured facts.
import { type Event, type MemoryTotals, SNAPSHOT_KINDS, type SnapshotData } from '../event.js';
import type { Before, SnapshotRef } from './types.js';
import { failureFacts, humanBytes, killOpening, whatFailed } from './words.js';

export { humanBytes };

export function humanDuration(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} m`;
  if (m > 0) return sec === 0 ? `${m} m` : `${m} m ${String(sec).padStart(2, '0')} s`;
  return `${sec} s`;
}

/** Memory the kernel could hand out without killing: available, else free + buffers + cache. */
export function obtainable(m: MemoryTotals): number | null {
  if (m.available_bytes !== undefined) return m.available_bytes;
  if (m.free_bytes === undefined) return null;
  return m.free_bytes + (m.buffers_bytes ?? 0) + (m.cached_bytes ?? 0);
}

function where(e: Event): string {
  return `${e.src.path}:${e.src.line}`;
}

/** What a later snapshot shows, as a hint (not proof) about the failure before it. */
function laterHint(after: SnapshotRef): string {
  const d = SNAPSHOT_KINDS.has(after.event.kind) ? (after.event.data as SnapshotData) : null;
  const m = d?.memory;
  if (!m?.total_bytes) return '';
  const free = obtainable(m);
  return ` and shows ${humanBytes(m.used_bytes ?? m.total_bytes - (m.free_bytes ?? 0))} of ${humanBytes(m.total_bytes)} in use${free !== null ? `, ${humanBytes(free)} to be had` : ''}`;
}

export interface Judgement {
  culprit: string | null;
  verdict: string;
}

export interface JudgeInput {
  failure: Event;
  requested: number | null;
  before: Before | null;
  after: SnapshotRef | null;
  /** The nearest snapshot before the failure when it lies outside the lookback. */
  earlier: SnapshotRef | null;
  lookbackSeconds: number;
}

const WATCHER = 'run a watcher (date; top -b -n1; free -m every minute) to catch the next one';

function roughly(ref: SnapshotRef): string {
  return ref.event.time.source === 'stamped' || ref.event.time.source === 'inherited' ? '' : 'about ';
}

function noSnapshot(x: JudgeInput): Judgement {
  const what = whatFailed(failureFacts(x.failure, x.requested));
  const window = `No memory snapshot in the ${humanDuration(x.lookbackSeconds)} before this failure`;
  const earlier = x.earlier
    ? `; the nearest earlier one was taken ${roughly(x.earlier)}${humanDuration(x.earlier.gap_seconds)} before (${where(x.earlier.event)}), outside --lookback`
    : '';
  if (x.after) {
    return {
      culprit: null,
      verdict: `${window}${earlier}; the first one after it was taken ${roughly(x.after)}${humanDuration(x.after.gap_seconds)} later (${where(x.after.event)})${laterHint(x.after)}, so what held the memory when ${what} was not captured: ${WATCHER}.`,
    };
  }
  if (x.earlier) return { culprit: null, verdict: `${window}${earlier}, so what held the memory when ${what} was not captured: ${WATCHER}.` };
  return { culprit: null, verdict: `No memory snapshot anywhere near this failure, so nothing says what held the memory when ${what}: ${WATCHER}.` };
}

export function judge(x: JudgeInput): Judgement {
  const { failure, requested, before } = x;
  if (!before) return noSnapshot(x);
  const facts = failureFacts(failure, requested);
  const killed = facts.class === 'oom_kill';
  const what = whatFailed(facts);
  const mem = before.memory;
  const free = mem ? obtainable(mem) : null;
  const short = killed || (free !== null && requested !== null && free < requested);
  const biggest = before.top_groups[0];
  const procGap = before.processSnapshot ? Math.round((failure.time.ms - before.processSnapshot.time.ms) / 1000) : before.gap_seconds;
  const when = (gap: number) => (gap > 0 ? `${humanDuration(gap)} before` : 'at the moment of');
  if (short && biggest) {
    const share = mem?.total_bytes ? ` (${Math.round((biggest.rss_bytes / mem.total_bytes) * 100)}% of ${humanBytes(mem.total_bytes)})` : '';
    const held =
      biggest.command === 'php-fpm'
        ? `${biggest.processes} php-fpm workers held ${humanBytes(biggest.rss_bytes)}${share}`
        : `${biggest.command} (${biggest.processes} ${biggest.processes === 1 ? 'process' : 'processes'}) held ${humanBytes(biggest.rss_bytes)}${share}`;
    const fix =
      biggest.command === 'php-fpm'
        ? 'lower pm.max_children or give the server more memory'
        : biggest.command === 'mysqld'
          ? 'mysqld itself held the most: size innodb_buffer_pool_size to the RAM or give the server more memory'
          : `limit ${biggest.command} or give the server more memory`;
    const sameSnapshot = !before.processSnapshot || before.processSnapshot === before.event;
    const seen =
      procGap <= 0
        ? 'at that moment'
        : sameSnapshot && !killed
          ? 'that snapshot shows'
          : `the process table ${humanDuration(procGap)} before it (${where(before.processSnapshot ?? before.event)}) shows`;
    const opening = killed
      ? killOpening(facts)
      : `${what} but ${free !== null ? `only ${humanBytes(free)} could be had ${when(before.gap_seconds)} the failure` : 'memory was exhausted'}`;
    const hedge = killed && procGap > 0 ? ' (the likely culprit if nothing changed in between)' : '';
    return { culprit: biggest.command, verdict: `${opening}; ${seen} ${held}${hedge}: ${fix}.` };
  }
  if (short) {
    return {
      culprit: null,
      verdict: `Memory was short when ${what} (${free !== null ? `${humanBytes(free)} obtainable ${when(before.gap_seconds)} it` : 'the kernel had to kill'}), but no process table was captured to say who held it.`,
    };
  }
  if (free !== null && requested !== null) {
    return {
      culprit: null,
      verdict: `Memory was not short: ${humanBytes(free)} could be had ${when(before.gap_seconds)} the failure and ${what}; look at a per-process limit instead (ulimit -v, a cgroup memory limit, vm.overcommit_memory=2).`,
    };
  }
  return { culprit: null, verdict: `The snapshot ${when(before.gap_seconds)} the failure (${where(before.event)}) does not say how much memory was free, so the cause cannot be judged.` };
}
