// Adapter for php-fpm's own log: `[21-May-2016 18:49:27] WARNING: [pool www] ...` in a file, on
// stderr behind compose / CRI prefixes, or in syslog / journald (`php-fpm7.3[123]: [WARNING] ...`).
// Turns the pool saturation lines (max_children, seems busy) and child deaths into events; every
// other line php-fpm writes is `phpfpm.log`. Several records glued on one line are split.
import type { Event, EventDataMap, EventTime, RawStamp } from '../../event.js';
import grammar, { lexer } from '../../generated/php-fpm.js';
import { type Line, isBlank } from '../../read/lines.js';
import { otherSource } from '../other-lines.js';
import { PrefixReader, type Stripped } from '../prefix.js';
import { RecordQueue } from '../record-queue.js';
import { shapeParser } from '../token-parse.js';
import { type Format, type FormatContext, type LineParser, makeEvent, placeStamp, unrecognized } from '../types.js';
import { MONTHS } from '../months.js';

const ID = 'php-fpm';

interface Shape {
  stamp?: number;
  level?: number;
  where?: number;
  pool?: number;
  body?: number;
  /** A stamp without a level word: a paste cut mid-line. */
  odd?: boolean;
}

export const phpFpmShapes = shapeParser<Shape>(grammar, lexer);

const STAMP = /^\[(\d{1,2})-([A-Z][a-z]{2})-(\d{4}) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?\]$/;
/** A record glued to the end of the one before (`...12 total children[21-Nov-2023 20:39:08] WARNING: `). */
const GLUED = /\[\d{1,2}-[A-Z][a-z]{2}-\d{4} \d\d:\d\d:\d\d(?:\.\d{1,9})?\] (?:DEBUG|NOTICE|WARNING|ERROR|ALERT): /g;
/** The start of a record cut short by a paste: `[25-Oct-2021`, `[13-Dec-201`. */
const CUT_STAMP = /^\[\d{1,2}(?:-[A-Za-z]{0,3}(?:-\d{0,4}(?: [\d:]{0,8})?)?)?$/;
const LEVELS = ['DEBUG:', 'NOTICE:', 'WARNING:', 'ERROR:', 'ALERT:'];
const PROGRAM = /^php(?:\d+(?:\.\d+)*)?-fpm(?:\d+(?:\.\d+)*)?(?::.*)?$/;

const MAX_CHILDREN = /^server reached (?:pm\.)?max_children setting \((\d+)\)/;
const BUSY = /^seems busy \(.*?\)(?:, spawning (\d+) children, there are (\d+) idle, and (\d+) total children)?/;
const EXITED = /^child (\d+) exited (?:on signal (\d+)(?: \((SIG\w+)(?: - core dumped)?\))?|with code (\d+)) after ([\d.]+) seconds from start/;
const CHILD = /^child (\d+)\b/;
const RUNNING = /^fpm is running, pid (\d+)/;

/** `[21-May-2016 18:49:27]` → a wall-clock stamp (php-fpm writes no zone: --tz places it). */
export function parsePhpFpmStamp(text: string): RawStamp | null {
  const m = STAMP.exec(text);
  if (!m || !MONTHS[m[2]] || +m[1] < 1 || +m[1] > 31 || +m[4] > 23 || +m[5] > 59 || +m[6] > 60) return null;
  const st: RawStamp = { year: +m[3], month: MONTHS[m[2]], day: +m[1], hour: +m[4], minute: +m[5], second: +m[6] };
  if (m[7]) st.millis = Math.floor(Number(`0.${m[7]}`) * 1000);
  return st;
}

const SNIFF = /^\[\d{1,2}-[A-Z][a-z]{2}-\d{4} \d\d:\d\d:\d\d(?:\.\d{1,9})?\] (?:DEBUG|NOTICE|WARNING|ERROR|ALERT): /;
const SNIFF_BARE = /^ ?(?:\[(?:DEBUG|NOTICE|WARNING|ERROR|ALERT)\]|(?:DEBUG|NOTICE|WARNING|ERROR|ALERT):) /;
// No stamp and no syslog prefix (stderr of a container without `log.timestamp`): only php-fpm's words.
const SNIFF_OWN = /^(?:DEBUG|NOTICE|WARNING|ERROR|ALERT): (?:\[pool [^\]\s]{1,255}\] |fpm is running, pid |ready to handle connections|Finishing \.\.\.|Terminating \.\.\.|exiting, bye-bye!|error log file re-opened|using inherited socket|Reloading in progress|failed to ptrace)/;

function sniff(lines: readonly string[]): number {
  let hits = 0;
  const prefixes = new PrefixReader();
  for (const raw of lines) {
    const s = prefixes.strip(raw);
    if (SNIFF.test(s.text) || (s.syslog ? PROGRAM.test(s.syslog.program) && SNIFF_BARE.test(s.text) : SNIFF_OWN.test(s.text))) hits++;
  }
  if (lines.length === 0 || hits === 0) return 0;
  return Math.min(1, 0.3 + hits / lines.length);
}

/** Where glued records start in `text` (always 0 first). */
function segments(text: string): number[] {
  const starts = [0];
  if (text.length < 60) return starts;
  const quote = text.indexOf('said into std'); // a worker's own output may hold anything
  GLUED.lastIndex = 1;
  for (let m = GLUED.exec(text); m; m = GLUED.exec(text)) {
    if (quote >= 0 && m.index > quote) break;
    starts.push(m.index);
  }
  return starts;
}

class PhpFpmParser implements LineParser {
  private master: number | undefined;
  private readonly q: RecordQueue;
  private readonly prefixes = new PrefixReader();

  constructor(private readonly ctx: FormatContext) {
    this.q = new RecordQueue(ctx.emit);
  }

  line(l: Line): void {
    if (isBlank(l.text)) return;
    const s = this.prefixes.strip(l.text);
    if (s.syslog && !PROGRAM.test(s.syslog.program)) {
      const e = makeEvent(this.ctx, ID, 'line.other', l, s.text, { source: 'syslog', program: s.syslog.program }, this.syslogTime(s));
      e.process = { name: s.syslog.program, pid: s.syslog.pid };
      this.emit(e, s);
      return;
    }
    const starts = segments(s.text);
    const n = starts.length;
    let offset = l.offset + s.cut;
    for (let i = 0; i < n; i++) {
      const text = s.text.slice(starts[i], i + 1 < n ? starts[i + 1] : undefined);
      const e = this.record(l, text, s);
      if (n > 1) {
        // One input line, several records: the first carries the line, the others count 0.
        if (i > 0) {
          e.src.lines = 0;
          e.src.offset = offset;
        }
        e.meta = { ...e.meta, 'line.glued': `${i + 1}/${n}` };
        offset += Buffer.byteLength(text);
      }
      this.emit(e, s);
    }
  }

  end(): void {
    this.q.end();
  }

  private record(l: Line, text: string, s: Stripped): Event {
    const t = phpFpmShapes.lex(text);
    const shape = t ? phpFpmShapes.shape(t) : null;
    if (!t || !shape) {
      const trimmed = text.trim();
      const other = otherSource(trimmed);
      if (other) return makeEvent(this.ctx, ID, 'line.other', l, trimmed, { source: other }, this.q.inherit());
      if (CUT_STAMP.test(trimmed)) return this.cut(l, trimmed, this.q.inherit());
      return unrecognized(this.ctx, ID, l, this.q.inherit());
    }
    const tok = (i: number | undefined) => (i === undefined ? undefined : t.tokens[i].text);
    let time: EventTime;
    if (shape.stamp !== undefined) {
      const st = parsePhpFpmStamp(t.tokens[shape.stamp].text);
      const placed = st ? placeStamp(this.ctx.clock, st) : null;
      time = placed && Number.isFinite(placed.ms) ? placed : this.q.inherit(); // 30-Feb: no such day
      if (time === placed) this.q.dated(time);
    } else time = s.syslog ? this.syslogTime(s) : this.q.inherit();
    const body = tok(shape.body) ?? '';
    if (shape.odd) {
      if (LEVELS.some((w) => w.startsWith(body.trim()))) return this.cut(l, text.trim(), time);
      return makeEvent(this.ctx, ID, 'phpfpm.log', l, body, {}, time); // stamped, but no level word
    }
    const pool = tok(shape.pool)?.slice(6, -1);
    const e = this.meaning(l, body, pool, time);
    const lv = tok(shape.level) ?? '';
    e.level = lv.replace(/[[\]:]/g, '').toLowerCase();
    const where = tok(shape.where);
    if (where !== undefined) e.meta = { ...e.meta, 'php_fpm.where': where.replace(/^pid \d+, /, '').slice(0, -1) };
    // debug lines name the writer: `pid 21315, fpm_pctl_kill_all(), line 161:`
    const writer = where?.startsWith('pid ') ? Number(where.slice(4, where.indexOf(','))) : undefined;
    if (!e.process) e.process = { name: 'php-fpm', pid: writer ?? s.syslog?.pid ?? this.master };
    return e;
  }

  // Data objects are built as literals (no spread, no Object.assign): this runs once per line.
  private meaning(l: Line, body: string, pool: string | undefined, time: EventTime): Event {
    const c = body.charCodeAt(0);
    if (c === 115) {
      const max = body.startsWith('server reached') ? MAX_CHILDREN.exec(body) : null;
      if (max) return makeEvent(this.ctx, ID, 'phpfpm.max_children', l, body, { pool, limit: Number(max[1]) }, time);
      const busy = body.startsWith('seems busy') ? BUSY.exec(body) : null;
      if (busy) {
        const data: EventDataMap['phpfpm.busy'] =
          busy[1] === undefined ? { pool } : { pool, spawning: Number(busy[1]), idle: Number(busy[2]), total: Number(busy[3]) };
        return makeEvent(this.ctx, ID, 'phpfpm.busy', l, body, data, time);
      }
    } else if (c === 99) {
      const ex = EXITED.exec(body);
      if (ex) {
        const data: EventDataMap['phpfpm.child_exited'] =
          ex[4] === undefined
            ? { pool, signal: Number(ex[2]), signal_name: ex[3], after_seconds: Number(ex[5]) }
            : { pool, code: Number(ex[4]), after_seconds: Number(ex[5]) };
        const e = makeEvent(this.ctx, ID, 'phpfpm.child_exited', l, body, data, time);
        e.process = { name: 'php-fpm', pid: Number(ex[1]) };
        return e;
      }
      const child = CHILD.exec(body);
      if (child) {
        const e = makeEvent(this.ctx, ID, 'phpfpm.log', l, body, pool === undefined ? {} : { pool }, time);
        e.process = { name: 'php-fpm', pid: Number(child[1]) };
        return e;
      }
    } else if (c === 102) {
      const run = RUNNING.exec(body);
      if (run) this.master = Number(run[1]);
    }
    return makeEvent(this.ctx, ID, 'phpfpm.log', l, body, pool === undefined ? {} : { pool }, time);
  }

  /** A record the paste cut short: still php-fpm's, marked so nobody reads more into it. */
  private cut(l: Line, text: string, time: EventTime): Event {
    const e = makeEvent(this.ctx, ID, 'phpfpm.log', l, text, {}, time);
    e.meta = { 'line.cut': 'true' };
    return e;
  }

  private syslogTime(s: Stripped): EventTime {
    const time = placeStamp(this.ctx.clock, s.syslog!.stamp);
    this.q.dated(Number.isFinite(time.ms) ? time : undefined);
    return time;
  }

  private emit(e: Event, s: Stripped): void {
    if (s.meta) e.meta = { ...e.meta, ...s.meta };
    if (s.syslog) {
      e.meta = s.syslog.host
        ? { ...e.meta, 'host.name': s.syslog.host, 'syslog.program': s.syslog.program }
        : { ...e.meta, 'syslog.program': s.syslog.program };
      // a year-less syslog stamp: the dating stage gives it its year
      if (!Number.isFinite(e.time.ms) && s.syslog.stamp.year === undefined) e.pending = { stamp: s.syslog.stamp };
    }
    this.q.push(e); // no continuation lines in this log: each record is complete at once
    this.q.flush();
  }
}

export const phpFpm: Format = {
  id: ID,
  dataset: 'php.fpm',
  kinds: ['phpfpm.max_children', 'phpfpm.busy', 'phpfpm.child_exited', 'phpfpm.log', 'line.other'],
  programs: /^php(?:\d[\d.]*)?-fpm/,
  sniff,
  create: (ctx) => new PhpFpmParser(ctx),
  samples: [
    { line: '[26-Jul-2012 09:50:00] WARNING: [pool www] server reached pm.max_children setting (50), consider raising it', kind: 'phpfpm.max_children' },
    { line: '[26-Jul-2012 09:49:59] WARNING: [pool www] seems busy (you may need to increase pm.start_servers, or pm.min/max_spare_servers), spawning 32 children, there are 8 idle, and 58 total children', kind: 'phpfpm.busy' },
    { line: '[25-Oct-2021 13:14:08] WARNING: [pool friendica] child 24227 exited on signal 9 (SIGKILL) after 34708.373523 seconds from start', kind: 'phpfpm.child_exited' },
    { line: '[13-Dec-2019 01:00:20] WARNING: [pool www] child 8 exited with code 11 after 664.260371 seconds from start', kind: 'phpfpm.child_exited' },
    { line: '[30-Dec-2018 15:09:04] NOTICE: [pool rank.mightful-noobs.de] child 22998 started', kind: 'phpfpm.log' },
    { line: '[25-Oct-2021 13:18:57] NOTICE: fpm is running, pid 19184', kind: 'phpfpm.log' },
    { line: '[30-Dec-2018 16:32:27] NOTICE: configuration file /opt/plesk/php/7.3/etc/php-fpm.conf test is successful', kind: 'phpfpm.log' },
    { line: 'Jun 11 09:22:42 warmshowers php-fpm:  [WARNING] fpm_children_bury(), line 252: [pool www] child 14226 exited on signal 15 (SIGTERM) after 7189.199345 seconds from start', kind: 'phpfpm.child_exited' },
    { line: 'Mar 25 16:24:01 archlinux php-fpm[5012]: NOTICE: fpm is running, pid 5012', kind: 'phpfpm.log' },
    { line: '2023-11-06T21:09:49.65381919Z stderr F [06-Nov-2023 21:09:49] WARNING: [pool www] child 132 exited on signal 9 (SIGKILL) after 214.882381 seconds from start', kind: 'phpfpm.child_exited' },
    { line: '[06-Dec-2016 17:22:18] WARNING: [pool www] child 2797 exited on signal 11 (SIGSEGV - core dumped) after 4.220801 seconds from start', kind: 'phpfpm.child_exited' },
    { line: 'WARNING: [pool www] server reached pm.max_children setting (5), consider raising it', kind: 'phpfpm.max_children' },
  ],
};
