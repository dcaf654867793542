// The chart's time axis, computed where the Clock is (so the chart itself needs no zone logic):
// the span the chart covers and ticks at round wall-clock steps in the report zone, labelled in
// that zone (`18:45`, or `05-21 18:45` when the span crosses days).
import type { Clock } from '../time/clock.js';

export interface TimeAxis {
  start: number;
  end: number;
  ticks: { ms: number; label: string }[];
}

const MINUTE = 60_000;
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((m) => m * MINUTE);

function offsetMs(clock: Clock, ms: number): number {
  const m = /^([+-])(\d\d):(\d\d)$/.exec(clock.offsetName(ms));
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * MINUTE;
}

/** An axis over the instants given (at least one); about `want` ticks. */
export function timeAxis(clock: Clock, instants: readonly number[], want = 6): TimeAxis | null {
  const finite = instants.filter((t) => Number.isFinite(t));
  if (finite.length === 0) return null;
  let start = Math.min(...finite);
  let end = Math.max(...finite);
  if (end - start < 10 * MINUTE) {
    const mid = (start + end) / 2;
    start = mid - 5 * MINUTE;
    end = mid + 5 * MINUTE;
  }
  const pad = (end - start) * 0.03;
  start -= pad;
  end += pad;
  const step = STEPS.find((s) => (end - start) / s <= want) ?? STEPS[STEPS.length - 1];
  const off = offsetMs(clock, start);
  const crossesDays = clock.wall(start).slice(0, 10) !== clock.wall(end).slice(0, 10);
  const ticks: { ms: number; label: string }[] = [];
  for (let local = Math.ceil((start + off) / step) * step; local - off <= end; local += step) {
    const ms = local - off;
    const wall = clock.wall(ms);
    ticks.push({ ms, label: crossesDays ? wall.slice(5, 16) : wall.slice(11, 16) });
  }
  return { start, end, ticks };
}
