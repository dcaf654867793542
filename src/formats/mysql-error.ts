// Adapter for MySQL / MariaDB error logs (5.0-5.5 `160521  9:06:36`, 5.6+ ISO stamps, 8.0 tags,
// MariaDB 10.x, Windows builds, Workbench's CSV view) and the mysqld_safe lines mixed into them,
// also inside collection prefixes (compose, CRI, docker -t, Docker Desktop, syslog / journald).
// The grammar fixes each line's shape; this file turns shapes into events: unstamped lines inherit
// the previous time, a crash's stack trace folds into its `got signal` event, and `Version: ...`
// folds into the `ready for connections` before it.
import type { Event, EventTime, RawStamp } from '../event.js';
import grammar, { lexer } from '../generated/mysql-error.js';
import type { Line } from '../read/lines.js';
import { type Meaning, levelOf, meaningOf } from './mysql-messages.js';
import { otherSource } from './other-lines.js';
import { PrefixReader, type Stripped } from './prefix.js';
import { shapeParser } from './token-parse.js';
import { type Format, type FormatContext, type LineParser, UNPLACED, makeEvent, placeStamp, unrecognized } from './types.js';

const ID = 'mysql-error';

interface Shape {
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

/** Syslog / journald program names that are the server or its wrapper. */
const SERVER_PROGRAM = /^(?:mysqld|mariadbd|mysqld_safe|mariadbd-safe|mysql|mariadb)$/;

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

const STAMPED_SHAPE = /^\s*(?:\d{6} |\d{4}-\d\d-\d\d|\d\d:\d\d:\d\d UTC)/;
const MYSQL_WORDS = /\[(?:Note|Warning|ERROR|System)\]|InnoDB: |mysqld_safe |mysqld|mariadbd|Aborted connection/;

function sniff(lines: readonly string[]): number {
  let hits = 0;
  let n = 0;
  const prefixes = new PrefixReader();
  for (const raw of lines) {
    const s = prefixes.strip(raw);
    n++;
    if (s.syslog) {
      if (SERVER_PROGRAM.test(s.syslog.program)) hits++;
      continue;
    }
    const text = s.text;
    if (MYSQL_WORDS.test(text) && (STAMPED_SHAPE.test(text) || text.startsWith('InnoDB:'))) hits++;
  }
  if (n === 0 || hits === 0) return 0;
  return Math.min(1, 0.3 + hits / n);
}

class MysqlErrorParser implements LineParser {
  private last: EventTime | null = null;
  /** A time (or a pending year-less stamp) was seen: events no longer wait in `leading`. */
  private anchored = false;
  private pending: Event | null = null;
  private leading: Event[] = []; // unstamped events before the first stamp
  private inTrace = false;
  private pid: number | undefined;
  private server = 'mysqld';
  private allocBytes: number | undefined;
  private readonly prefixes = new PrefixReader();

  constructor(private readonly ctx: FormatContext) {}

  line(l: Line): void {
    if (l.text.trim() === '') return; // counted blank by the driver; a trace goes on past blanks
    const stripped = this.prefixes.strip(l.text);
    if (stripped.syslog && this.syslogOnly(l, stripped)) return;
    const text = stripped.text;
    const t = mysqlShapes.lex(text);
    const shape = t ? mysqlShapes.shape(t) : null;
    if (!t || !shape) {
      this.push(unrecognized(this.ctx, ID, l, this.inherit()));
      return;
    }
    const tok = (i: number | undefined) => (i === undefined ? undefined : t.tokens[i].text);
    const body = tok(shape.body) ?? '';
    let time: EventTime;
    let pendingStamp: RawStamp | undefined;
    if (shape.stamp !== undefined) {
      this.flush(); // a stamped line starts a new record: what came before is complete
      const st = parseMysqlStamp(t.tokens[shape.stamp].type ?? '', t.tokens[shape.stamp].text);
      time = st ? this.place(st) : this.inherit();
      this.inTrace = false;
    } else {
      if (this.foldable(body)) {
        this.fold(l, text);
        return;
      }
      const other = shape.body !== undefined && t.tokens.length === 1 ? otherSource(body) : null;
      if (other) {
        this.push(this.other(l, other, stripped, this.inherit()));
        return;
      }
      if (stripped.syslog) {
        // the server's own unstamped line inside syslog: the wrapper's stamp is its time
        time = placeStamp(this.ctx.clock, stripped.syslog.stamp);
        if (Number.isFinite(time.ms)) this.last = time;
        else pendingStamp = stripped.syslog.stamp;
        this.anchor();
      } else time = this.inherit();
    }
    const levelText = shape.csv !== undefined ? `[${(tok(shape.csv) ?? '').split(', ')[2]}]` : tok(shape.level);
    const level = shape.fatal !== undefined ? 'critical' : levelOf(levelText, body);
    // syslog's `mysqld_safe[123]: Starting mysqld daemon ...` reads as the file form would
    const said = stripped.syslog?.program.endsWith('_safe') && !body.startsWith('mysqld_safe') ? `mysqld_safe ${body}` : body;
    const meaning = meaningOf(said, levelText !== undefined ? level : undefined, this.allocBytes);
    if (meaning.allocBytes !== undefined) this.allocBytes = meaning.allocBytes;
    // the docker image's entrypoint script logs in the server's style: `... [Note] [Entrypoint]: ...`
    const e =
      meaning.kind === 'mysql.log' && body.startsWith('[Entrypoint]')
        ? makeEvent(this.ctx, ID, 'line.other', l, body, { source: 'entrypoint' }, time)
        : this.toEvent(l, meaning, body, level, time);
    if (pendingStamp) e.pending = { stamp: pendingStamp };
    if (e.kind === 'line.other') e.level = level;
    if (shape.code !== undefined) {
      const code = tok(shape.code)?.slice(1, -1);
      const subsystem = tok(shape.subsystem)?.slice(1, -1);
      if (e.kind === 'mysql.log') e.data = { code, subsystem };
      else e.meta = { ...e.meta, 'mysql.code': code ?? '', 'mysql.subsystem': subsystem ?? '' };
    }
    const thread = shape.csv !== undefined ? (tok(shape.csv) ?? '').split(', ')[1] : tok(shape.thread);
    if (thread !== undefined) e.meta = { ...e.meta, 'mysql.thread': thread };
    this.keepPrefix(e, stripped);
    if (stripped.syslog?.pid !== undefined && e.process) e.process.pid = stripped.syslog.pid; // syslog knows best
    this.push(e);
    if (e.kind === 'mysql.signal') this.inTrace = true;
  }

  end(): void {
    this.flush();
    for (const e of this.leading) this.ctx.emit(e);
    this.leading = [];
  }

  /**
   * Syslog lines that are not the server's own text: another program's (systemd, debian-start),
   * mysqld_safe's one-word `started` / `ended`, or the empty line mysqld wrote. True when done.
   */
  private syslogOnly(l: Line, s: Stripped): boolean {
    const sl = s.syslog!;
    const time = placeStamp(this.ctx.clock, sl.stamp);
    const body = s.text.trim();
    let e: Event;
    if (!SERVER_PROGRAM.test(sl.program)) {
      e = this.other(l, 'syslog', s, time);
    } else if (sl.program.endsWith('_safe') && (body === 'started' || body === 'ended')) {
      this.inTrace = false;
      e = makeEvent(this.ctx, ID, body === 'started' ? 'mysqld_safe.start' : 'mysqld_safe.ended', l, body, {}, time);
      e.process = { name: 'mysqld_safe', pid: sl.pid };
      this.keepPrefix(e, s);
    } else if (body === '') {
      if (this.pending) {
        this.pending.src.lines++; // mysqld's own blank line, wrapped by syslog
        return true;
      }
      e = makeEvent(this.ctx, ID, 'mysql.log', l, '', {}, time);
      e.process = { name: sl.program, pid: sl.pid };
      this.keepPrefix(e, s);
    } else return false;
    if (!Number.isFinite(time.ms)) e.pending = { stamp: sl.stamp };
    else this.last = time;
    this.anchor();
    if (e.kind === 'line.other') this.emitBeside(e);
    else this.push(e);
    return true;
  }

  private other(l: Line, source: string, s: Stripped, time: EventTime): Event {
    const program = s.syslog?.program;
    const e = makeEvent(this.ctx, ID, 'line.other', l, s.text, program ? { source, program } : { source }, time);
    if (program) e.process = { name: program, pid: s.syslog?.pid };
    this.keepPrefix(e, s);
    return e;
  }

  private keepPrefix(e: Event, s: Stripped): void {
    if (s.meta) e.meta = { ...e.meta, ...s.meta };
    if (s.syslog) e.meta = { ...e.meta, 'host.name': s.syslog.host, 'syslog.program': s.syslog.program };
  }

  /** Unstamped lines that continue the event before them rather than stand alone. */
  private foldable(body: string): boolean {
    const p = this.pending;
    if (!p) return false;
    if (this.inTrace) return true;
    return p.kind === 'mysql.ready' && body.startsWith('Version:');
  }

  private fold(l: Line, text: string): void {
    const p = this.pending as Event;
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

  private toEvent(l: Line, m: Meaning, body: string, level: string, time: EventTime): Event {
    if (m.kind === 'mysql.start') {
      this.pid = m.pid;
      if (m.server) this.server = m.server;
    } else if (m.kind === 'mysqld_safe.start' || m.kind === 'mysqld_safe.restart') {
      this.pid = undefined;
    }
    const e = makeEvent(this.ctx, ID, m.kind, l, body, m.data, time);
    e.level = level;
    if (m.kind.startsWith('mysqld_safe.')) e.process = { name: 'mysqld_safe' };
    else e.process = this.pid !== undefined ? { name: this.server, pid: this.pid } : { name: m.server ?? this.server };
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
      const ms = this.ctx.clock.instant(st as Required<Pick<RawStamp, 'year' | 'month' | 'day'>> & RawStamp);
      if (!Number.isFinite(ms)) return this.inherit(); // `2026-13-45 25:61:61`: no such instant
      time = { ms, source: 'stamped' };
    }
    if (!this.anchored && this.leading.length > 0) {
      for (const e of this.leading) {
        if (!Number.isFinite(e.time.ms) && !e.pending) e.time = { ms: time.ms, source: 'inferred', note: 'unstamped line before the first stamp; time of the next stamped line' };
      }
    }
    this.last = time;
    this.anchored = true;
    return time;
  }

  private anchor(): void {
    if (this.anchored) return;
    this.anchored = true;
    this.flush();
    for (const e of this.leading) this.ctx.emit(e);
    this.leading = [];
  }

  private inherit(): EventTime {
    return this.last ? { ms: this.last.ms, source: 'inherited' } : UNPLACED;
  }

  private push(e: Event): void {
    this.flush();
    this.pending = e;
  }

  /** Emit an event that does not take part in folding (another program's syslog line). */
  private emitBeside(e: Event): void {
    if (this.anchored) this.ctx.emit(e);
    else this.leading.push(e);
  }

  private flush(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    if (!this.anchored) this.leading.push(p);
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
