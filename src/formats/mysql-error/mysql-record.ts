// What a MySQL error-log record adds to its event beyond its kind and time: the head's tags (8.0's
// code and subsystem, the thread id), the prefixes peeled off it (syslog host and program, a
// container's name), the lines that continue it (a crash trace, `Version: ...`), and the date of
// a time-only UTC crash banner. Plain functions over the event, shared by both paths of the parser.
import type { Event, EventTime, RawStamp } from '../../event.js';
import type { Stripped } from '../prefix.js';
import { type Tokens, tokenText } from '../token-parse.js';

/** Token indexes of a record's parts, as the grammar's shape gives them. */
export interface Shape {
  stamp?: number;
  thread?: number;
  level?: number;
  /** `[FATAL]` after the level (5.7 `[ERROR] [FATAL] InnoDB: ...`). */
  fatal?: number;
  code?: number;
  subsystem?: number;
  /** Workbench's `, 8428, Note, ` (thread and level in one token). */
  csv?: number;
  body?: number;
}

/** The text of token i, if the shape has it. */
export function tok(t: Tokens, i: number | undefined): string | undefined {
  return i === undefined ? undefined : tokenText(t, i);
}

/** What a record's head adds to its event: 8.0's code and subsystem, the thread id. */
export interface HeadTags {
  code?: { code: string | undefined; subsystem: string | undefined };
  thread?: string;
}

export function headTags(shape: Shape, t: Tokens): HeadTags {
  const h: HeadTags = {};
  if (shape.code !== undefined) h.code = { code: tok(t, shape.code)?.slice(1, -1), subsystem: tok(t, shape.subsystem)?.slice(1, -1) };
  const thread = shape.csv !== undefined ? (tok(t, shape.csv) ?? '').split(', ')[1] : tok(t, shape.thread);
  if (thread !== undefined) h.thread = thread;
  return h;
}

/** A line no collection prefix was peeled from. */
export const NO_PREFIX: Stripped = { text: '', cut: 0 };

/** Prefix metadata; a year-less syslog stamp waits in `pending` for the dating stage. */
export function keepPrefix(e: Event, s: Stripped): void {
  if (s.meta) e.meta = { ...e.meta, ...s.meta };
  if (!s.syslog) return;
  // a logread or hostless journal line has no host
  e.meta = s.syslog.host ? { ...e.meta, 'host.name': s.syslog.host, 'syslog.program': s.syslog.program } : { ...e.meta, 'syslog.program': s.syslog.program };
  if (!Number.isFinite(e.time.ms) && s.syslog.stamp.year === undefined) e.pending = { stamp: s.syslog.stamp };
}

/** 8.0's code and subsystem, the thread id, the stripped prefixes, syslog's pid and stamp. */
export function applyTags(e: Event, h: HeadTags, s: Stripped): void {
  if (h.code) {
    const { code, subsystem } = h.code;
    if (e.kind === 'mysql.log') e.data = { code, subsystem };
    else e.meta = { ...e.meta, 'mysql.code': code ?? '', 'mysql.subsystem': subsystem ?? '' };
  }
  const thread = h.thread;
  if (thread !== undefined) e.meta = e.meta ? { ...e.meta, 'mysql.thread': thread } : { 'mysql.thread': thread };
  keepPrefix(e, s);
  if (s.syslog?.pid !== undefined && e.process) e.process = { ...e.process, pid: s.syslog.pid }; // syslog knows best (the object is shared)
}

/** A line that continues the open record: a crash trace's line, or `Version: ...` after `ready for connections`. */
export function continueRecord(p: Event, text: string): void {
  p.src.lines++;
  if (p.kind === 'mysql.signal') p.data.trace_lines++;
  if (p.kind === 'mysql.ready') {
    const v = /^Version: '([^']*)'/.exec(text);
    const port = /\bport: (\d+)/.exec(text);
    const sock = /socket: '([^']*)'/.exec(text);
    if (v) p.data.version = v[1];
    if (port) p.data.port = Number(port[1]);
    if (sock) p.data.socket = sock[1];
    p.message += `\n${text}`;
  }
}

/**
 * `07:00:44 UTC - mysqld got signal`: the date comes from the line before, in UTC (the nearest
 * such instant). A crash banner comes seconds after the line before it, so hours apart means the
 * local stamps were read in the wrong zone, and the note says so.
 */
export function timeOnlyUtc(st: RawStamp, last: EventTime): EventTime {
  const d = new Date(last.ms);
  let ms = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), st.hour, st.minute, st.second);
  if (ms < last.ms - 12 * 3600_000) ms += 86_400_000;
  const hours = Math.round(Math.abs(ms - last.ms) / 3600_000);
  const check = hours >= 1 ? `; it is ${hours} h from the line before: is --tz the server's zone?` : '';
  return { ms, source: 'inferred', note: `time-only UTC stamp; date from the line before${check}` };
}
