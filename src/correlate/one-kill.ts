// One kill, one failure: the kernel's line, the unit's `oom-kill` result and systemd-oomd's word
// about the same victim within seconds are one failure with every report kept as evidence. Kills
// of different pids stay apart, however close; a unit's later `Failed with result 'oom-kill'`
// joins its own notice. Pure: failures in, failures out.
import type { Event } from '../event.js';
import { killRank } from '../kinds.js';
import type { FailureEvent } from './failures.js';

/** Reports of one kill by different witnesses lie this close (the kernel's line and the unit's). */
const SAME_KILL_MS = 10_000;
/** A unit's result line comes when the unit has stopped, which may take a while after its notice. */
const SAME_UNIT_MS = 120_000;
/** One kernel kill is told by every cgroup above the victim (`mysql.service`, `system.slice`) at once. */
const SAME_MOMENT_MS = 1_000;
/** How many open kills a new report is compared with (bounded: crash loops have thousands). */
const RECENT = 16;

function unitOf(e: Event): string | undefined {
  if (e.kind === 'systemd.oom_kill') return e.data.unit;
  if (e.kind === 'oomd.oom_kill') return e.data.cgroup.slice(e.data.cgroup.lastIndexOf('/') + 1);
  if (e.kind === 'container.oom_kill') return e.data.id;
  return undefined;
}

/** Where the kernel put the victim (`task_memcg=`, `oom_memcg=`): names the unit or container. */
function cgroupOf(e: Event): string | undefined {
  if (e.kind !== 'kernel.oom_kill') return undefined;
  return e.meta?.['oom.task_memcg'] ?? e.data.memcg;
}

/** A slice or a user manager: it reports the kills of every unit below it. */
export function isParent(unit: string): boolean {
  return unit.endsWith('.slice') || unit.startsWith('user@');
}

function sameKill(a: Event, b: Event): boolean {
  const dt = Math.abs(a.time.ms - b.time.ms);
  // undated reports (a kubectl event's age) are one kill only when they name the same pid
  if (!Number.isFinite(dt)) return a.process?.pid !== undefined && a.process.pid === b.process?.pid;
  const ua = unitOf(a);
  const ub = unitOf(b);
  if (ua !== undefined && ub !== undefined) return (ua === ub && dt <= SAME_UNIT_MS) || dt <= SAME_MOMENT_MS || (dt <= SAME_KILL_MS && (isParent(ua) || isParent(ub)));
  if (dt > SAME_KILL_MS) return false;
  const pa = a.process?.pid;
  const pb = b.process?.pid;
  if (pa !== undefined && pb !== undefined) return pa === pb; // two victims are two kills, whoever tells
  if (a.kind === b.kind) return false;
  // a unit's report and the kernel's line: the same unless the kernel names another unit
  const unit = ua ?? ub;
  const cg = cgroupOf(a) ?? cgroupOf(b);
  return unit === undefined || cg === undefined || cg.includes(unit) || isParent(unit);
}

export interface MergedFailure extends FailureEvent {
  /** Every report of this failure, the chosen one first. */
  evidence: Event[];
}

export function oneKillOneFailure(failures: readonly FailureEvent[]): MergedFailure[] {
  const out: MergedFailure[] = [];
  const recent: MergedFailure[] = [];
  for (const f of failures) {
    const rank = killRank(f.event);
    const group = rank !== undefined ? recent.find((g) => g.evidence.some((e) => sameKill(e, f.event))) : undefined;
    if (!group || rank === undefined) {
      const m: MergedFailure = { ...f, evidence: [f.event] };
      out.push(m);
      if (rank !== undefined) {
        recent.push(m);
        if (recent.length > RECENT) recent.shift();
      }
      continue;
    }
    group.evidence.push(f.event);
    if (rank < (killRank(group.event) ?? 0)) group.event = f.event;
  }
  for (const m of out) m.evidence.sort((a, b) => (a === m.event ? -1 : b === m.event ? 1 : 0));
  return out;
}
