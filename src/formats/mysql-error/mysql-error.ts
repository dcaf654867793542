// Adapter for MySQL / MariaDB error logs (5.0 to 8.0, MariaDB 10.x, Windows, Workbench's CSV view,
// mysqld_safe's lines), also inside compose / CRI / docker / syslog / journald prefixes. Shapes
// become events: unstamped lines inherit the time before, a crash report folds into its `got
// signal` event, `Version: ...` into the `ready for connections` before it.
import type { Event, EventTime, RawStamp } from '../../event.js';
import grammar, { lexer } from '../../generated/mysql-error.js';
import { type Line, isBlank } from '../../read/lines.js';
import { type Meaning, PLAIN, levelOf, meaningOf } from './mysql-messages.js';
import { lexMysql, stamp55End, stampIsoEnd } from './mysql-lex.js';
import { type HeadTags, type Shape, applyTags, continueRecord, headTags, keepPrefix, timeOnlyUtc, tok } from './mysql-record.js';
import { RecentHeads } from './mysql-repeats.js';
import { SERVER_PROGRAM, STAMP55_CUT, parseMysqlStamp, sniffMysql, stamp55Instant } from './mysql-stamp.js';
import { otherSource } from '../other-lines.js';
import { PrefixReader, type Stripped } from '../prefix.js';
import { RecordQueue } from '../record-queue.js';
import { type Tokens, shapeParser, tokenCount, tokenText, tokenType } from '../token-parse.js';
import { type Format, type FormatContext, type SplitLineParser, UNPLACED, makeEvent, placeStamp, unrecognized } from '../types.js';

const ID = 'mysql-error';

export const mysqlShapes = shapeParser<Shape>(grammar, lexer, lexMysql);

// An unstamped line is a message (or a continuation) unless it carries bytes no server writes
// (NUL and other controls, undecodable bytes) or is a stamp cut short; a damaged line that still
// says something (an mmap failure after a NUL) keeps its meaning.
const JUNK_BYTES = /[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/;
const junk = (text: string) => JUNK_BYTES.test(text) || STAMP55_CUT.test(text);

export { parseMysqlStamp };

/** How one parser reads: `repeats: false` turns the repeat shortcut off (the differential test compares both). */
export interface MysqlErrorOptions {
  repeats?: boolean;
}

export class MysqlErrorParser implements SplitLineParser {
  private readonly q: RecordQueue;
  private inTrace = false;
  private pid: number | undefined;
  private server = 'mysqld';
  private allocBytes: number | undefined;
  private readonly prefixes = new PrefixReader();
  private proc: { name: string; pid?: number } | null = null;
  private readonly heads = new RecentHeads();
  /** Syslog pid of the last line stamped by the server itself (its unstamped lines keep that time). */
  private innerPid: number | undefined;

  private readonly repeats: boolean;

  constructor(
    private readonly ctx: FormatContext,
    opts: MysqlErrorOptions = {},
  ) {
    this.q = new RecordQueue(ctx.emit);
    this.repeats = opts.repeats ?? true;
  }

  /** Lines that took the repeat shortcut so far. */
  get repeatHits(): number {
    return this.heads.hits;
  }

  line(l: Line): void {
    if (isBlank(l.text)) return; // counted blank by the driver; a trace goes on past blanks
    const s = this.prefixes.strip(l.text);
    if (s.syslog && this.syslogOnly(l, s)) return;
    if (s.cut > 0 && isBlank(s.text)) return this.wrapperOnly(l, s);
    if (s.cut === 0 && s.meta === undefined && this.repeats && this.repeated(l, s)) return;
    const t = mysqlShapes.lex(s.text);
    const shape = t ? mysqlShapes.shape(t) : null;
    if (!t || !shape || (shape.stamp === undefined && junk(s.text) && meaningOf(s.text, undefined).kind === 'mysql.log')) {
      return this.q.push(unrecognized(this.ctx, ID, l, this.q.inherit()));
    }
    const body = tok(t, shape.body) ?? '';
    let time: EventTime;
    let undated: RawStamp | undefined; // `07:00:44 UTC` with no dated line before: for the dating stage
    if (shape.stamp !== undefined) {
      // the stamp is the record's first token
      ({ time, undated } = this.startRecord(tokenType(t, shape.stamp), tokenText(t, shape.stamp), s));
    } else if (this.foldable(body) && meaningOf(body, undefined, this.allocBytes).kind === 'mysql.log') {
      // a trace folds plain lines; one with a meaning of its own (mysqld_safe's bare `Number of
      // processes running now: 0`, an mmap failure) ends it
      return continueRecord(this.q.pending as Event, s.text);
    } else {
      this.inTrace = false;
      const other = shape.body !== undefined && tokenCount(t) === 1 ? otherSource(body) : null;
      if (other) return this.q.push(this.other(l, other, s, this.q.inherit()));
      // the server's unstamped line in syslog: the time of the record it continues (a Galera view's
      // members) when the server stamped the line before, else the syslog stamp (journald may run in
      // another zone than the server's own stamps)
      const continues = s.syslog && this.innerPid !== undefined && this.innerPid === (s.syslog.pid ?? -1);
      time = s.syslog && !continues ? this.syslogTime(s) : this.q.inherit();
    }
    const levelText = shape.csv !== undefined ? `[${(tok(t, shape.csv) ?? '').split(', ')[2]}]` : tok(t, shape.level);
    // syslog's `mysqld_safe[123]: Starting mysqld daemon ...` reads as the file form would
    const said = s.syslog?.program.endsWith('_safe') && !body.startsWith('mysqld_safe') ? `mysqld_safe ${body}` : body;
    const { level, meaning } = this.meaning(levelText, shape.fatal !== undefined, body, said);
    const tags = headTags(shape, t);
    this.record(l, meaning, body, time, level, tags, s, undated);
    if (meaning === PLAIN && shape.stamp === 0 && shape.csv === undefined && s.cut === 0 && !s.meta && !s.syslog && !body.startsWith('[Entrypoint]')) {
      this.remember(s.text, t, shape, levelText, tags);
    }
  }

  /**
   * A line stamped by the server starts a record (the one before is complete) and ends a trace:
   * its time from the stamp (`07:00:44 UTC` with no dated line before waits for the dating stage).
   * Both paths of a line take it.
   */
  private startRecord(type: string, stampText: string, s: Stripped): { time: EventTime; undated?: RawStamp } {
    this.q.flush();
    this.innerPid = s.syslog ? (s.syslog.pid ?? -1) : undefined;
    this.inTrace = false;
    if (type === 'stamp55') return { time: this.placed(stamp55Instant(stampText, this.ctx.clock)) };
    const st = parseMysqlStamp(type, stampText);
    const time = st ? this.place(st) : this.q.inherit();
    return st && st.year === undefined && !Number.isFinite(time.ms) ? { time, undated: st } : { time };
  }

  /** A record's level and meaning from its level token and body (`said`: the body as the file form writes it). */
  private meaning(levelText: string | undefined, fatal: boolean, body: string, said = body): { level: string; meaning: Meaning } {
    const level = fatal ? 'critical' : levelOf(levelText, body);
    return { level, meaning: meaningOf(said, levelText !== undefined ? level : undefined, this.allocBytes) };
  }

  /** A record's event, as both paths of a line make it: its meaning, level, the head's tags and the prefixes peeled off. */
  private record(l: Line, meaning: Meaning, body: string, time: EventTime, level: string, tags: HeadTags, s: Stripped, undated?: RawStamp): void {
    if (meaning.allocBytes !== undefined) this.allocBytes = meaning.allocBytes;
    // the docker image's entrypoint script logs in the server's style: `... [Note] [Entrypoint]: ...`
    const e =
      meaning.kind === 'mysql.log' && body.startsWith('[Entrypoint]')
        ? makeEvent(this.ctx, ID, 'line.other', l, body, { source: 'entrypoint' }, time)
        : this.toEvent(l, meaning, body, time);
    e.level = level;
    applyTags(e, tags, s);
    if (undated) e.pending = { stamp: undated };
    this.q.push(e);
    if (e.kind === 'mysql.signal') this.inTrace = true;
  }

  /**
   * A stamped plain line whose head repeats one read before (mysql-repeats.ts): its event, as the
   * full path would make it, without lexing it. False when it is not one (the full path reads it).
   */
  private repeated(l: Line, s: Stripped): boolean {
    const text = s.text;
    let end = stamp55End(text);
    const iso = end < 0;
    if (iso) end = stampIsoEnd(text);
    if (end < 0) return false;
    const h = this.heads.find(text, end, iso);
    if (!h) return false;
    const body = text.slice(end + h.text.length);
    if (body.charCodeAt(0) === 91) return false; // `[Entrypoint]: ...` is the image's script
    const { level, meaning } = this.meaning(h.levelText, h.fatal, body);
    if (meaning !== PLAIN) return false;
    const { time, undated } = this.startRecord(iso ? 'stampIso' : 'stamp55', text.slice(0, end), s);
    this.record(l, meaning, body, time, level, h, s, undated);
    return true;
  }

  /** The head of a plain line the full path read (stamp first, body last), for the lines that repeat it. */
  private remember(text: string, t: Tokens, shape: Shape, levelText: string | undefined, tags: HeadTags): void {
    const type = tokenType(t, 0);
    if (shape.body === undefined || shape.body !== tokenCount(t) - 1 || !t.startAt || (type !== 'stamp55' && type !== 'stampIso')) return;
    const head = text.slice(t.startAt(1), t.startAt(shape.body));
    let tagged = false;
    for (let i = 1; i < shape.body; i++) if (tokenType(t, i) !== 'sp') tagged = true;
    this.heads.add({ text: head, iso: type === 'stampIso', tags: tagged, levelText, fatal: shape.fatal !== undefined, ...tags });
  }

  end(): void {
    this.q.end();
  }

  /**
   * A fully stamped line closes the record before it, resets a trace, and takes its time from
   * its own stamp; what lasts beyond it is the server's name and pid, a 5.0 allocation size and
   * the prefix styles seen (carried).
   */
  restartsAt(text: string): boolean {
    const c = text.charCodeAt(0);
    if (c < 48 || c > 57) return false;
    const probe = new PrefixReader(); // the prefix styles seen so far, without changing them
    probe.state = this.prefixes.state;
    if (probe.strip(text).cut !== 0) return false;
    const t = mysqlShapes.lex(text);
    if (!t) return false;
    const type = tokenCount(t) > 0 ? tokenType(t, 0) : '';
    if ((type !== 'stamp55' && type !== 'stampIso') || mysqlShapes.shape(t)?.stamp !== 0) return false;
    const st = parseMysqlStamp(type, tokenText(t, 0));
    return st !== null && Number.isFinite(this.ctx.clock.instant(st as Required<Pick<RawStamp, 'year' | 'month' | 'day'>> & RawStamp));
  }

  carried(): string {
    return JSON.stringify([this.pid ?? null, this.server, this.allocBytes ?? null, this.prefixes.state]);
  }

  carry(state: string): void {
    const [pid, server, allocBytes, prefixes] = JSON.parse(state) as [number | null, string, number | null, string];
    this.pid = pid ?? undefined;
    this.server = server;
    this.allocBytes = allocBytes ?? undefined;
    this.prefixes.state = prefixes;
  }

  settled(): boolean {
    return this.q.settled;
  }

  /** The server's start lines (pid, name; mysqld_safe's restarts come after them) and 5.0's allocation sizes. */
  readonly carriedBy = [['starting as process', 'Starting MariaDB'], ['cannot allocate ']];

  /** Starts, mysqld_safe's restarts and allocation sizes name the server or say `cannot allocate`. */
  mayCarry(text: string): boolean {
    return text.includes('mysqld') || text.includes('mariadb') || text.includes('MariaDB') || text.includes('cannot allocate');
  }

  /**
   * Syslog lines that are not the server's own text: another program's (systemd, debian-start),
   * mysqld_safe's one-word `started` / `ended`, or the empty line mysqld wrote. True when done.
   */
  private syslogOnly(l: Line, s: Stripped): boolean {
    const sl = s.syslog!;
    const body = s.text.trim();
    const server = SERVER_PROGRAM.test(sl.program);
    const safe = server && sl.program.endsWith('_safe') && (body === 'started' || body === 'ended');
    if (server && !safe && body !== '') return false;
    if (server && body === '' && this.q.pending) {
      this.q.pending.src.lines++; // mysqld's own blank line, wrapped by syslog
      return true;
    }
    const time = this.syslogTime(s);
    if (!server) {
      this.q.beside(this.other(l, 'syslog', s, time));
      return true;
    }
    if (safe) this.inTrace = false;
    const e = safe
      ? makeEvent(this.ctx, ID, body === 'started' ? 'mysqld_safe.start' : 'mysqld_safe.ended', l, body, {}, time)
      : makeEvent(this.ctx, ID, 'mysql.log', l, '', {}, time);
    e.process = { name: sl.program, pid: sl.pid };
    keepPrefix(e, s);
    this.q.push(e);
    return true;
  }

  /**
   * A line that was all wrapping (a quoted empty line `>`, a viewer's stamp with nothing after
   * it): part of the record before it, or a line of its own when there is none.
   */
  private wrapperOnly(l: Line, s: Stripped): void {
    if (this.q.pending) {
      this.q.pending.src.lines++; // a collector's prefix alone (`db_1  | `): carried, not read
      this.q.pending.src.uninterpreted = (this.q.pending.src.uninterpreted ?? 0) + 1;
      return;
    }
    this.q.push(this.other(l, 'paste', s, this.q.inherit()));
  }

  /** A syslog stamp as a time: placed when it has a year, else left to the dating stage. */
  private syslogTime(s: Stripped): EventTime {
    const time = placeStamp(this.ctx.clock, s.syslog!.stamp);
    this.q.dated(Number.isFinite(time.ms) ? time : undefined);
    return time;
  }

  private other(l: Line, source: string, s: Stripped, time: EventTime): Event {
    const program = s.syslog?.program;
    const e = makeEvent(this.ctx, ID, 'line.other', l, s.text, program ? { source, program } : { source }, time);
    if (program) e.process = { name: program, pid: s.syslog?.pid };
    keepPrefix(e, s);
    return e;
  }

  /** Unstamped lines that continue the event before them rather than stand alone. */
  private foldable(body: string): boolean {
    const p = this.q.pending;
    if (!p) return false;
    if (this.inTrace) return true;
    return p.kind === 'mysql.ready' && body.startsWith('Version:');
  }

  private toEvent(l: Line, m: Meaning, body: string, time: EventTime): Event {
    if (m.kind === 'mysql.start') {
      this.pid = m.pid;
      if (m.server) this.server = m.server;
    } else if (m.kind === 'mysqld_safe.start' || m.kind === 'mysqld_safe.restart') {
      this.pid = undefined;
    }
    // the shared plain meaning: each event gets data of its own
    const e = makeEvent(this.ctx, ID, m.kind, l, body, m === PLAIN ? {} : m.data, time);
    if (m.kind.startsWith('mysqld_safe.') || body.startsWith('mysqld_safe ')) e.process = { name: 'mysqld_safe' };
    else if (this.pid === undefined && m.server) e.process = { name: m.server };
    else e.process = this.serverProcess();
    return e;
  }

  /** The server as the process of its lines: one object while the name and pid stay the same. */
  private serverProcess(): { name: string; pid?: number } {
    const p = this.proc;
    if (p && p.name === this.server && p.pid === this.pid) return p;
    this.proc = this.pid !== undefined ? { name: this.server, pid: this.pid } : { name: this.server };
    return this.proc;
  }

  private place(st: RawStamp): EventTime {
    if (st.year !== undefined) return this.placed(this.ctx.clock.instant(st as Required<Pick<RawStamp, 'year' | 'month' | 'day'>> & RawStamp));
    const last = this.q.last;
    if (!last || !Number.isFinite(last.ms)) return UNPLACED;
    const time = timeOnlyUtc(st, last);
    this.q.dated(time);
    return time;
  }

  /** A full stamp's instant as the record's time. */
  private placed(ms: number): EventTime {
    if (!Number.isFinite(ms)) return this.q.inherit(); // `2026-13-45 25:61:61`: no such instant
    const time: EventTime = { ms, source: 'stamped' };
    this.q.dated(time);
    return time;
  }
}

export const mysqlError: Format = {
  id: ID,
  dataset: 'mysql.error',
  kinds: ['mysql.start', 'mysql.ready', 'mysql.shutdown', 'mysql.abort', 'mysql.crash_recovery', 'mysql.buffer_pool_init', 'mysql.mmap_failed', 'mysql.buffer_pool_alloc_failed', 'mysql.out_of_memory', 'mysql.signal', 'mysql.log', 'mysqld_safe.start', 'mysqld_safe.died', 'mysqld_safe.restart', 'mysqld_safe.ended', 'line.other'],
  programs: /^(?:mysqld|mariadbd|mysqld_safe|mariadbd-safe)$/,
  parallel: true,
  sniff: sniffMysql,
  create: (ctx) => new MysqlErrorParser(ctx),
  samples: [
    { line: '160521 11:06:36 InnoDB: Initializing buffer pool, size = 128.0M', kind: 'mysql.buffer_pool_init' },
    { line: 'InnoDB: mmap(137363456 bytes) failed; errno 12', kind: 'mysql.mmap_failed' },
    { line: '2021-04-21T14:13:18.381177Z 0 [Note] InnoDB: VirtualAlloc(137297920 bytes) failed; Windows error 1455', kind: 'mysql.mmap_failed' },
    { line: '200213  4:47:10 [ERROR] mysqld: Out of memory (Needed 128917504 bytes)', kind: 'mysql.out_of_memory' },
    { line: '2021-04-21T13:50:27.593773Z 7 [ERROR] MySQL: Out of memory (Needed 11528 bytes)', kind: 'mysql.out_of_memory' },
    {
      line: '2021-04-21T13:51:06.354990Z 5 [ERROR] InnoDB: Cannot allocate 1064984 bytes of memory after 60 retries over 60 seconds. OS error: Not enough space (12). Check if you should increase the swap file or ulimits of your operating system. Note that on most 32-bit computers the process memory space is limited to 2 GB or 4 GB.',
      kind: 'mysql.out_of_memory',
    },
    { line: "2021-07-21T11:14:51.528481Z 0 [Warning] [MY-010001] [Server] Can't create thread to handle bootstrap (errno: 12)", kind: 'mysql.out_of_memory' },
    { line: "2021-04-21T13:50:22.388475Z 0 [ERROR] Can't create thread to handle new connection(errno= 1)", kind: 'mysql.log' },
    { line: "2021-08-11T12:25:40.606886+08:00 0 [ERROR] [MY-010249] [Server] Can't create thread to handle new connection(errno= 11)", kind: 'mysql.log' },
    { line: '160521 18:49:27 mysqld_safe Number of processes running now: 0', kind: 'mysqld_safe.died' },
    { line: '160521 14:09:53  InnoDB: Database was not shut down normally!', kind: 'mysql.crash_recovery' },
    { line: '160521 23:30:27 [Note] /usr/local/mysql/bin/mysqld: ready for connections.', kind: 'mysql.ready' },
    { line: '091119 22:27:11InnoDB: Warning: cannot find a free slot for an undo log. Do you have too', kind: 'mysql.log' },
    { line: '090902 11:08:43 - mysqld got signal 6 ;', kind: 'mysql.signal' },
    { line: '2015-07-24 09:52:49 13110 [Note] InnoDB: Initializing buffer pool, size = 2.0G', kind: 'mysql.buffer_pool_init' },
    { line: '2016-12-29T15:17:43.851927Z 0 [ERROR] InnoDB: mmap(137428992 bytes) failed; errno 12', kind: 'mysql.mmap_failed' },
    { line: '2022-06-13T10:10:10.123456Z 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld 8.0.29) starting as process 1', kind: 'mysql.start' },
    { line: '2023-05-28  8:34:45 0 [Note] InnoDB: Completed initialization of buffer pool', kind: 'mysql.log' },
    { line: '2026-11-24  4:27:12 0 [ERROR] InnoDB: Cannot map innodb_buffer_pool_size_max=1024m', kind: 'mysql.buffer_pool_alloc_failed' },
  ],
};
