// Numbers and dates a log can carry but no server can: memory past 1 PiB (`Mem:
// 99999999999999999999k total`), a negative size, a time before 1980 or years ahead. They are kept
// as read (nothing is dropped) and said once per input on stderr, so a report built on them is
// read with that in mind. The reports stay bounded whatever they are (axes and ticks by pixels).
import type { Event, SnapshotData } from './event.js';

/** More memory than any one host has (1 PiB); below 0 is no size at all. */
const MAX_BYTES = 2 ** 50;
const MIN_MS = Date.UTC(1980, 0, 1);
const AHEAD_MS = 2 * 365 * 86_400_000;

function badBytes(n: number | undefined): boolean {
  return n !== undefined && (!Number.isFinite(n) || n < 0 || n > MAX_BYTES);
}

/** Why this event's numbers or time cannot be right, or null. */
function why(e: Event, nowMs: number): string | null {
  const t = e.time.ms;
  if (Number.isFinite(t) && (t < MIN_MS || t > nowMs + AHEAD_MS)) return `an implausible time (${new Date(t).toISOString().slice(0, 10)})`;
  const d = e.data as SnapshotData | undefined;
  if (d && typeof d === 'object') {
    if (d.memory && Object.values(d.memory).some((v) => badBytes(v as number))) return 'an implausible memory size (over 1 PiB or below 0)';
    if (d.rows?.some((r) => badBytes(r.rss_bytes) || badBytes(r.vsz_bytes))) return 'an implausible process size (over 1 PiB or below 0)';
  }
  return null;
}

/** One note per input: its first implausible value, where it is, and how many events carry one. */
export function implausibleNotes(events: readonly Event[], nowMs = Date.now()): { path: string; reason: string }[] {
  const first = new Map<string, { line: number; reason: string; count: number }>();
  for (const e of events) {
    const reason = why(e, nowMs);
    if (!reason) continue;
    const seen = first.get(e.src.path);
    if (seen) seen.count++;
    else first.set(e.src.path, { line: e.src.line, reason, count: 1 });
  }
  return [...first].map(([path, f]) => ({ path, reason: `line ${f.line}: ${f.reason}, kept as read${f.count > 1 ? ` (${f.count} events in all)` : ''}` }));
}
