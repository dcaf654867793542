// Adapter for MySQL / MariaDB error logs (5.0-5.5 `160521  9:06:36`, 5.6+ ISO stamps, 8.0 tags)
// and the mysqld_safe lines mixed into them. The grammar fixes each line's shape; this file turns
// shapes into events: unstamped lines inherit the previous time, a crash's stack trace folds into
// its `got signal` event, and `Version: ...` folds into the `ready for connections` before it.
import type { Event, EventTime, RawStamp } from '../event.js';
import grammar, { lexer } from '../generated/mysql-error.js';
import type { Line } from '../read/lines.js';
import { type Meaning, levelOf, meaningOf } from './mysql-messages.js';
import { stripPrefix } from './prefix.js';
import { shapeParser } from './token-parse.js';
import { type Format, type FormatContext, type LineParser, UNPLACED, makeEvent, unrecognized } from './types.js';

const ID = 'mysql-error';

interface Shape {
  stamp?: number;
  thread?: number;
  level?: number;
  code?: number;
  subsystem?: number;
  body?: number;
}

export const mysqlShapes = shapeParser<Shape>(grammar, lexer);

/** `160521 11:06:36`, `2016-05-21T11:06:36.123456Z`, `2023-05-28  8:34:45`, `07:00:44 UTC`. */
export function parseMysqlStamp(type: string, text: string): RawStamp | null {
  if (type === 'stamp55') {
    const yy = Number(text.slice(0, 2));
    const [h, mi, s] = text.slice(6).trim().split(':').map(Number);
    return { year: yy < 70 ? 2000 + yy : 1900 + yy, month: Number(text.slice(2, 4)), day: Number(text.slice(4, 6)), hour: h, minute: mi, second: s };
  }
  if (type === 'stampIso') {
    const m = /^(\d{4})-(\d\d)-(\d\d)(?:T| {1,2})(\d{1,2}):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|([+-])(\d\d):?(\d\d))?$/.exec(text);
    if (!m) return null;
    const st: RawStamp = { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: +m[6] };
    if (m[7]) st.millis = Math.floor(Number(`0.${m[7]}`) * 1000);
    if (m[8] === 'Z') st.offsetMinutes = 0;
    else if (m[8]) st.offsetMinutes = (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
    return st;
  }
  if (type === 'stampUtc') {
    const [h, mi, s] = text.slice(0, 8).split(':').map(Number);
    return { hour: h, minute: mi, second: s, offsetMinutes: 0 };
  }
  return null;
}

// An unstamped line is a message (or a continuation) unless it carries bytes no server writes
// (NUL and other controls, undecodable bytes) or is a stamp cut short.
const JUNK = /[\u0000-\u0008\u000e-\u001f\u007f\ufffd]|^\d{6} {1,2}\d{0,2}:?\d{0,2}:?\d?$/;

function plausibleContinuation(text: string): boolean {
  return !JUNK.test(text);
}

const STAMPED_SHAPE = /^\s*(?:\d{6} |\d{4}-\d\d-\d\d|\d\d:\d\d:\d\d UTC)/;
const MYSQL_WORDS = /\[(?:Note|Warning|ERROR|System)\]|InnoDB: |mysqld_safe |mysqld|mariadbd/;

function sniff(lines: readonly string[]): number {
  let hits = 0;
  let n = 0;
  for (const raw of lines) {
    const text = stripPrefix(raw).text;
    n++;
    if (MYSQL_WORDS.test(text) && (STAMPED_SHAPE.test(text) || text.startsWith('InnoDB:'))) hits++;
  }
  if (n === 0 || hits === 0) return 0;
  return Math.min(1, 0.3 + hits / n);
}

class MysqlErrorParser implements LineParser {
  private last: EventTime | null = null;
  private pending: Event | null = null;
  private leading: Event[] = []; // unstamped events before the first stamp
  private inTrace = false;
  private pid: number | undefined;
  private server = 'mysqld';
  private allocBytes: number | undefined;

  constructor(private readonly ctx: FormatContext) {}

  line(l: Line): void {
    if (l.text.trim() === '') return; // counted blank by the driver; a trace goes on past blanks
    const stripped = stripPrefix(l.text);
    const text = stripped.text;
    const t = mysqlShapes.lex(text);
    const shape = t ? mysqlShapes.shape(t) : null;
    if (!t || !shape || (shape.stamp === undefined && !plausibleContinuation(text))) {
      this.push(unrecognized(this.ctx, ID, l, this.inherit()));
      return;
    }
    const tok = (i: number | undefined) => (i === undefined ? undefined : t.tokens[i].text);
    const body = tok(shape.body) ?? '';
    let time: EventTime = UNPLACED;
    if (shape.stamp !== undefined) {
      this.flush(); // a stamped line starts a new record: what came before is complete
      const st = parseMysqlStamp(t.tokens[shape.stamp].type ?? '', t.tokens[shape.stamp].text);
      time = st ? this.place(st) : this.inherit();
      this.inTrace = false;
    }
    const meaning = meaningOf(body, shape.level !== undefined ? levelOf(tok(shape.level), body).toLowerCase() : undefined, this.allocBytes);
    if (shape.stamp === undefined) {
      // An unstamped line with a meaning of its own (the mmap failure, mysqld_safe's bare
      // `Number of processes running now: 0`) ends a trace; plain ones may fold into it.
      if (meaning.kind === 'mysql.log' && this.foldable(body)) {
        this.fold(l);
        return;
      }
      this.inTrace = false;
      time = this.inherit();
    }
    if (meaning.allocBytes !== undefined) this.allocBytes = meaning.allocBytes;
    const e = this.toEvent(l, meaning, body, shape, tok, time);
    if (stripped.meta) e.meta = { ...e.meta, ...stripped.meta };
    this.push(e);
    if (e.kind === 'mysql.signal') this.inTrace = true;
  }

  end(): void {
    this.flush();
    for (const e of this.leading) this.ctx.emit(e);
    this.leading = [];
  }

  /** Unstamped lines that continue the event before them rather than stand alone. */
  private foldable(body: string): boolean {
    const p = this.pending;
    if (!p) return false;
    if (this.inTrace) return true;
    return p.kind === 'mysql.ready' && body.startsWith('Version:');
  }

  private fold(l: Line): void {
    const p = this.pending as Event;
    p.src.lines++;
    if (p.kind === 'mysql.signal') p.data.trace_lines++;
    if (p.kind === 'mysql.ready') {
      const text = stripPrefix(l.text).text;
      const v = /^Version: '([^']*)'/.exec(text);
      const port = /\bport: (\d+)/.exec(text);
      const sock = /socket: '([^']*)'/.exec(text);
      if (v) p.data.version = v[1];
      if (port) p.data.port = Number(port[1]);
      if (sock) p.data.socket = sock[1];
      p.message += `\n${text}`;
    }
  }

  private toEvent(
    l: Line,
    m: Meaning,
    body: string,
    shape: Shape,
    tok: (i: number | undefined) => string | undefined,
    time: EventTime,
  ): Event {
    if (m.kind === 'mysql.start') {
      this.pid = m.pid;
      if (m.server) this.server = m.server;
    } else if (m.kind === 'mysqld_safe.start' || m.kind === 'mysqld_safe.restart') {
      this.pid = undefined;
    }
    const e = makeEvent(this.ctx, ID, m.kind, l, body, m.data, time);
    e.level = levelOf(tok(shape.level), body);
    if (m.kind.startsWith('mysqld_safe.')) e.process = { name: 'mysqld_safe' };
    else e.process = this.pid !== undefined ? { name: this.server, pid: this.pid } : { name: m.server ?? this.server };
    if (m.kind === 'mysql.log' && shape.code !== undefined) {
      e.data = { code: tok(shape.code)?.slice(1, -1), subsystem: tok(shape.subsystem)?.slice(1, -1) };
    }
    if (shape.thread !== undefined) e.meta = { ...e.meta, 'mysql.thread': tok(shape.thread) ?? '' };
    return e;
  }

  private place(st: RawStamp): EventTime {
    let time: EventTime;
    if (st.year === undefined) {
      // `07:00:44 UTC - mysqld got signal`: the date comes from the line before, in UTC.
      if (!this.last || !Number.isFinite(this.last.ms)) return UNPLACED;
      const d = new Date(this.last.ms);
      let ms = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), st.hour, st.minute, st.second);
      if (ms < this.last.ms - 12 * 3600_000) ms += 86_400_000;
      time = { ms, source: 'inferred', note: 'time-only UTC stamp; date from the line before' };
    } else {
      time = { ms: this.ctx.clock.instant(st as Required<Pick<RawStamp, 'year' | 'month' | 'day'>> & RawStamp), source: 'stamped' };
    }
    if (!this.last && this.leading.length > 0) {
      for (const e of this.leading) e.time = { ms: time.ms, source: 'inferred', note: 'unstamped line before the first stamp; time of the next stamped line' };
    }
    this.last = time;
    return time;
  }

  private inherit(): EventTime {
    return this.last ? { ms: this.last.ms, source: 'inherited' } : UNPLACED;
  }

  private push(e: Event): void {
    this.flush();
    this.pending = e;
  }

  private flush(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    if (!this.last) this.leading.push(p);
    else {
      for (const e of this.leading) this.ctx.emit(e);
      this.leading = [];
      this.ctx.emit(p);
    }
  }
}

export const mysqlError: Format = {
  id: ID,
  dataset: 'mysql.error',
  sniff,
  create: (ctx) => new MysqlErrorParser(ctx),
  samples: [
    '160521 11:06:36 InnoDB: Initializing buffer pool, size = 128.0M',
    'InnoDB: mmap(137363456 bytes) failed; errno 12',
    '160521 18:49:27 mysqld_safe Number of processes running now: 0',
    '160521 14:09:53  InnoDB: Database was not shut down normally!',
    '160521 23:30:27 [Note] /usr/local/mysql/bin/mysqld: ready for connections.',
    '091119 22:27:11InnoDB: Warning: cannot find a free slot for an undo log. Do you have too',
    '090902 11:08:43 - mysqld got signal 6 ;',
    '2015-07-24 09:52:49 13110 [Note] InnoDB: Initializing buffer pool, size = 2.0G',
    '2016-12-29T15:17:43.851927Z 0 [ERROR] InnoDB: mmap(137428992 bytes) failed; errno 12',
    '2022-06-13T10:10:10.123456Z 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld 8.0.29) starting as process 1',
    '2023-05-28  8:34:45 0 [Note] InnoDB: Completed initialization of buffer pool',
    '2026-11-24  4:27:12 0 [ERROR] InnoDB: Cannot map innodb_buffer_pool_size_max=1024m',
  ],
};
