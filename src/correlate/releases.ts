// Releases: a drop in memory in use between consecutive snapshots that coincides with a group's
// processes going away (their pids gone from the next table) or restarting (`service php-fpm
// restart`, php-fpm's `Terminating ...`, a mysqld start, a kill). The drop is attributed to that
// group: it is what the group held, evidence found after the fact rather than before a failure.
import type { Event } from '../event.js';
import { groupOf } from './processes.js';
import { type SeriesPoint, groupTotals } from './series.js';

export interface Release {
  from: SeriesPoint;
  to: SeriesPoint;
  /** The smaller of the drop in memory in use and the drop in `used` as printed: at least this much. */
  released_bytes: number;
  tasks_gone: number | null;
  group: string | null;
  /** The group's processes that went away between the two tables, and their RSS. */
  gone: { processes: number; rss_bytes: number } | null;
  /** A restart or kill between the two snapshots that names the group. */
  restart: Event | null;
}

const MiB = 1024 ** 2;
const NEAR_MS = 5 * 60_000;

/** The group a restart, stop or kill names, or null when the event is none. */
export function restartedGroup(e: Event): string | null {
  switch (e.kind) {
    case 'mysql.start':
    case 'mysqld_safe.restart':
      return 'mysqld';
    case 'kernel.oom_kill':
      return e.process?.name ? groupOf(e.process.name) : null;
    case 'phpfpm.log':
      return /\b(?:Terminating|ready to handle connections)\b/.test(e.message) ? 'php-fpm' : null;
    case 'shell.command': {
      const m = /\b(?:service\s+([\w.@-]+)\s+(?:restart|stop|reload|force-reload)|systemctl\s+(?:restart|stop|reload|try-restart)\s+([\w.@-]+)|(?:pkill|killall)\s+(?:-\S+\s+)*([\w.@-]+))/.exec(e.data.command);
      const name = (m?.[1] ?? m?.[2] ?? m?.[3])?.replace(/\.service$/, '');
      if (!name) return null;
      if (/^(?:mysqld?|mariadb|mariadbd)$/.test(name)) return 'mysqld';
      return groupOf(name);
    }
    default:
      return null;
  }
}

/** The table nearest a point on its side: at or before `p` going back, at or after it going forward. */
function tableNear(points: readonly SeriesPoint[], i: number, step: -1 | 1): SeriesPoint | null {
  const p = points[i];
  for (let j = i; j >= 0 && j < points.length; j += step) {
    const q = points[j];
    if (step < 0 ? p.earliest - q.latest > NEAR_MS : q.earliest - p.latest > NEAR_MS) return null;
    if (q.rows) return q;
  }
  return null;
}

/** Per group, the processes of `a` whose pid is not in `b`. */
function goneByGroup(a: SeriesPoint, b: SeriesPoint): Map<string, { processes: number; rss_bytes: number }> {
  const after = new Set((b.rows ?? []).map((r) => r.pid));
  return groupTotals((a.rows ?? []).filter((r) => r.pid !== undefined && !after.has(r.pid)));
}

export function findReleases(points: readonly SeriesPoint[], timeline: readonly Event[]): Release[] {
  const out: Release[] = [];
  const mem = points.map((p, i) => ({ p, i })).filter(({ p }) => p.inUse !== null);
  for (let k = 1; k < mem.length; k++) {
    const { p: a, i: ai } = mem[k - 1];
    const { p: b, i: bi } = mem[k];
    if (a.total === null || b.total === null || Math.abs(a.total - b.total) > a.total * 0.05) continue;
    const drops = [(a.inUse ?? 0) - (b.inUse ?? 0)];
    if (a.used !== null && b.used !== null) drops.push(a.used - b.used);
    const released = Math.min(...drops);
    if (released < Math.max(64 * MiB, a.total * 0.1)) continue;
    let restart: Event | null = null;
    for (let t = a.index + 1; t < b.index; t++) {
      if (restartedGroup(timeline[t]) !== null) restart = timeline[t];
    }
    const before = tableNear(points, ai, -1);
    const after = tableNear(points, bi, 1);
    const gone = before && after ? goneByGroup(before, after) : new Map<string, { processes: number; rss_bytes: number }>();
    const biggest = [...gone.entries()].sort((x, y) => y[1].rss_bytes - x[1].rss_bytes)[0];
    const group = restart ? restartedGroup(restart) : (biggest?.[0] ?? null);
    const tasksA = a.tasks ?? before?.tasks ?? null;
    const tasksB = b.tasks ?? after?.tasks ?? null;
    out.push({
      from: a,
      to: b,
      released_bytes: released,
      tasks_gone: tasksA !== null && tasksB !== null ? tasksA - tasksB : null,
      group,
      gone: group ? (gone.get(group) ?? null) : null,
      restart,
    });
  }
  return out;
}
