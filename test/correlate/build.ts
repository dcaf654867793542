// Events built by hand for correlator tests: the shapes parsers produce, without the parsers.
import type { Event, EventDataMap, EventKind, EventTime, ProcessRow } from '../../src/event.js';

let seq = 0;
export const MiB = 1024 * 1024;
export const T0 = Date.UTC(2016, 4, 21, 10, 0, 0);
export const min = (n: number) => T0 + n * 60_000;

export function ev<K extends EventKind>(kind: K, ms: number, data: EventDataMap[K], extra: Partial<Event> = {}): Event {
  const time: EventTime = { ms, source: 'stamped' };
  return { kind, data, time, message: kind, src: { path: 'test.log', line: ++seq, lines: 1, offset: 0, format: 'test' }, seq, ...extra } as Event;
}

export function workers(n: number, rssMiB: number): ProcessRow[] {
  return Array.from({ length: n }, (_, i) => ({ pid: 2000 + i, command: 'php-fpm', rss_bytes: rssMiB * MiB }));
}

/** A `top` frame: memory in MiB, process rows. */
export function top(ms: number, mem: { total: number; free: number; buffers?: number; cached?: number; available?: number }, rows: ProcessRow[]): Event {
  return ev('snapshot.top', ms, {
    memory: {
      total_bytes: mem.total * MiB,
      free_bytes: mem.free * MiB,
      used_bytes: (mem.total - mem.free) * MiB,
      buffers_bytes: (mem.buffers ?? 0) * MiB,
      cached_bytes: (mem.cached ?? 0) * MiB,
      ...(mem.available !== undefined ? { available_bytes: mem.available * MiB } : {}),
    },
    rows,
  });
}

export function free(ms: number, total: number, freeMiB: number): Event {
  return ev('snapshot.free', ms, { memory: { total_bytes: total * MiB, free_bytes: freeMiB * MiB, used_bytes: (total - freeMiB) * MiB } });
}

export function mmap(ms: number, bytes = 137363456): Event {
  return ev('mysql.mmap_failed', ms, { bytes, errno: 12 }, { time: { ms, source: 'inherited' } });
}
