// The culprit and the one-sentence verdict for a failure. A process group is blamed only when
// memory was really short at that moment (free + reclaimable below what was asked, or the kernel
// killed) and that group holds the largest share; otherwise the verdict says why not.
import type { Event, MemoryTotals } from '../event.js';
import type { Before, SnapshotRef } from './types.js';

export function humanBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${Math.round(n / 1024 ** 2)} MiB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KiB`;
  return `${n} B`;
}

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

export interface Judgement {
  culprit: string | null;
  verdict: string;
}

export function judge(failure: Event, requested: number | null, before: Before | null, after: SnapshotRef | null, lookbackSeconds: number): Judgement {
  const killed = failure.kind === 'kernel.oom_kill';
  const asked = requested ? `asked for ${humanBytes(requested)}` : 'failed to get memory';
  if (!before) {
    if (after) {
      return {
        culprit: null,
        verdict: `No memory snapshot in the ${humanDuration(lookbackSeconds)} before this failure; the first one was taken ${humanDuration(after.gap_seconds)} later (${where(after.event)}), so what held the memory when mysqld ${asked} was not captured: run a watcher (date; top -b -n1; free -m every minute) to catch the next one.`,
      };
    }
    return {
      culprit: null,
      verdict: `No memory snapshot anywhere near this failure, so nothing says what held the memory when mysqld ${asked}: run a watcher (date; top -b -n1; free -m every minute) to catch the next one.`,
    };
  }
  const mem = before.memory;
  const free = mem ? obtainable(mem) : null;
  const short = killed || (free !== null && requested !== null && free < requested);
  const biggest = before.top_groups[0];
  const gap = before.gap_seconds > 0 ? `${humanDuration(before.gap_seconds)} before` : 'at the moment of';
  if (short && biggest) {
    const share = mem?.total_bytes ? ` (${Math.round((biggest.rss_bytes / mem.total_bytes) * 100)}% of ${humanBytes(mem.total_bytes)})` : '';
    const freeText = free !== null ? `only ${humanBytes(free)} could be had` : 'memory was exhausted';
    const who = biggest.command === 'php-fpm' ? `${biggest.processes} php-fpm workers held ${humanBytes(biggest.rss_bytes)}${share}` : `${biggest.command} (${biggest.processes} processes) held ${humanBytes(biggest.rss_bytes)}${share}`;
    const fix = biggest.command === 'php-fpm' ? 'lower pm.max_children' : `limit ${biggest.command}`;
    return {
      culprit: biggest.command,
      verdict: `${killed ? 'The kernel ran out of memory' : `mysqld ${asked} but ${freeText}`} ${gap} the failure; ${who}: ${fix} or give the server more memory.`,
    };
  }
  if (short) {
    return { culprit: null, verdict: `Memory was short ${gap} the failure (${free !== null ? `${humanBytes(free)} obtainable` : 'exhausted'}), but no process table was captured to say who held it.` };
  }
  if (free !== null && requested !== null) {
    return {
      culprit: null,
      verdict: `Memory was not short: ${humanBytes(free)} could be had ${gap} the failure and mysqld ${asked}; look at a per-process limit instead (ulimit -v, a cgroup memory limit, vm.overcommit_memory=2).`,
    };
  }
  return { culprit: null, verdict: `The snapshot ${gap} the failure (${where(before.event)}) does not say how much memory was free, so the cause cannot be judged.` };
}
