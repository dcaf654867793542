// pt-stalk's file-name prefix (`2026_11_24_04_26_41`) as evidence: the collection's start in the
// collecting host's local time. The TS lines of the same collection reveal that host's UTC offset;
// when it is not --tz's, notes say so (the prefix is still read in --tz, like every zoneless stamp).
import type { Event } from '../event.js';
import type { Clock } from './clock.js';

const PREFIX = /^(\d{4})_(\d\d)_(\d\d)_(\d\d)_(\d\d)_(\d\d)$/;

/** The instant a prefix names in the report zone, or undefined. */
export function prefixInstant(prefix: string | undefined, clock: Clock): number | undefined {
  const m = prefix ? PREFIX.exec(prefix) : null;
  if (!m) return undefined;
  const ms = clock.instant({ year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: +m[6] });
  return Number.isFinite(ms) ? ms : undefined;
}

/** Host UTC offsets (minutes) per prefix, from the TS lines' local stamps. */
export function hostOffsets(events: readonly Event[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of events) {
    const prefix = e.meta?.['ptstalk.prefix'];
    if (e.kind === 'ptstalk.sample' && prefix && e.data.offset_minutes !== undefined && !out.has(prefix)) out.set(prefix, e.data.offset_minutes);
  }
  return out;
}

function utc(m: number): string {
  const a = Math.abs(m);
  return `UTC${m < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** `; the TS lines say the host ran at UTC+00:00, --tz gives UTC+08:00`, or ''. */
export function hostOffsetNote(offsets: Map<string, number>, prefix: string, ms: number, clock: Clock): string {
  const host = offsets.get(prefix);
  if (host === undefined) return '';
  const ours = clock.offsetMinutes(ms);
  return host === ours ? '' : `; the TS lines say the host ran at ${utc(host)}, --tz gives ${utc(ours)}`;
}
