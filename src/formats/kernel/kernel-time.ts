// When a kernel line happened, from what it carries: a syslog stamp (year-less: left to the dating
// stage in `pending.stamp`; journalctl short-iso: placed now), dmesg's seconds since boot (left in
// `pending.uptime_seconds` until the boot instant is known), or `dmesg -T` / `--time-format iso`
// wall-clock stamps (placed now; -T in the --tz zone), or dmesg -H's `[Oct28 16:58]` (year-less, to
// the minute; its `[  +0.000082]` deltas take the time of the line before). `key` is the second.
import type { EventTime, PendingTime, RawStamp } from '../../event.js';
import type { Clock } from '../../time/clock.js';
import type { SyslogLine } from '../syslog/syslog-prefix.js';
import type { Tokens } from '../token-parse.js';
import { UNPLACED, placeStamp } from '../types.js';
import { MONTHS } from '../months.js';

export interface LineTime {
  time: EventTime;
  pending?: PendingTime;
  /** The line's stamp to the second: consecutive dump lines with the same key are one block. */
  key: string;
  host?: string;
}

const CTIME = /^\[[A-Z][a-z]{2} ([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d) (\d{4})\]/;
const HUMAN = /^\[([A-Z][a-z]{2})(\d\d) (\d\d):(\d\d)\]/;
const ISO = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?(Z|([+-])(\d\d):?(\d\d))?/;

/** `[Sat May 21 18:49:20 2016]` */
export function parseCtime(text: string): RawStamp | null {
  const m = CTIME.exec(text);
  const month = m ? MONTHS[m[1]] : undefined;
  if (!m || !month) return null;
  return { year: +m[6], month, day: +m[2], hour: +m[3], minute: +m[4], second: +m[5] };
}

/** `[Oct28 16:58]` (dmesg -H): a year-less stamp to the minute. */
export function parseHuman(text: string): RawStamp | null {
  const m = HUMAN.exec(text);
  const month = m ? MONTHS[m[1]] : undefined;
  if (!m || !month) return null;
  return { month, day: +m[2], hour: +m[3], minute: +m[4], second: 0 };
}

/** `2024-04-29T14:55:41,678628+02:00` */
export function parseDmesgIso(text: string): RawStamp | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const st: RawStamp = { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: +m[6] };
  if (m[7]) st.millis = Math.floor(Number(`0.${m[7]}`) * 1000);
  if (m[8] === 'Z') st.offsetMinutes = 0;
  else if (m[8]) st.offsetMinutes = (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  return st;
}

function keyOf(s: RawStamp): string {
  return `${s.year ?? ''}-${s.month}-${s.day} ${s.hour}:${s.minute}:${s.second}`;
}

function placed(clock: Clock, st: RawStamp | null, key: string): LineTime {
  return st ? { time: placeStamp(clock, st), key: keyOf(st) } : { time: UNPLACED, key };
}

/** The time of each line: its own, or the last line's (inherited) when it carries none. */
export class LineClock {
  private last: LineTime | null = null;

  constructor(
    private readonly clock: Clock,
    /** Called with every time a line carries itself. */
    private readonly seen: (lt: LineTime) => void,
  ) {}

  timeOf(s: SyslogLine | null, t: Tokens | null, stamp: number | undefined): LineTime {
    const own = kernelTime(this.clock, s, t, stamp);
    if (!own) return this.inherit();
    this.last = own;
    if (Number.isFinite(own.time.ms) || own.pending) this.seen(own);
    return own;
  }

  inherit(): LineTime {
    const p = this.last;
    if (!p) return { time: UNPLACED, key: '' };
    return { time: { ms: p.time.ms, source: 'inherited' }, pending: p.pending, key: p.key, host: p.host };
  }
}

/** The time a line carries, or null when it carries none (it inherits the line before's). */
export function kernelTime(clock: Clock, s: SyslogLine | null, t: Tokens | null, stamp: number | undefined): LineTime | null {
  const tok = t && stamp !== undefined ? t.tokens[stamp] : undefined;
  const uptime = tok?.type === 'uptime' ? Number(tok.text.trim().slice(1, -1)) : undefined;
  if (s) {
    const lt: LineTime = { time: UNPLACED, key: keyOf(s.stamp), host: s.host };
    if (s.stamp.year === undefined) lt.pending = { stamp: s.stamp };
    else lt.time = placeStamp(clock, s.stamp);
    if (uptime !== undefined && lt.pending) lt.pending.uptime_seconds = uptime;
    return lt;
  }
  if (!tok || tok.type === 'reltime') return null; // dmesg -H's `[  +0.000082]`: the line before's time
  if (uptime !== undefined) return { time: UNPLACED, pending: { uptime_seconds: uptime }, key: `up ${Math.floor(uptime)}` };
  if (tok.type === 'ctime') return placed(clock, parseCtime(tok.text), tok.text);
  if (tok.type === 'human') {
    const st = parseHuman(tok.text);
    return st ? { time: UNPLACED, pending: { stamp: st }, key: keyOf(st) } : null;
  }
  return placed(clock, parseDmesgIso(tok.text), tok.text);
}
