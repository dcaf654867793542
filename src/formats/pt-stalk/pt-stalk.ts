// Adapter for pt-stalk collection files no snapshot format reads (`-df`, `-procvmstat`,
// `-processlist`, `-innodbstatus1`, `-output`, ...): each `TS <epoch>` separator becomes a stamped
// `ptstalk.sample` anchor, and the lines of each sample fold into one `ptstalk.data` event, so the
// bundle is accounted for without pretending to understand every collector's output. pt-stalk's
// own log lines (`-trigger`, its --log file, a terminal paste) become stamped `ptstalk.log` events.
import type { Event, EventDataMap, EventTime } from '../../event.js';
import grammar, { lexer } from '../../generated/pt-stalk.js';
import type { Line } from '../../read/lines.js';
import { shapeParser } from '../token-parse.js';
import { type Format, type FormatContext, type LineParser, UNPLACED, makeEvent, placeStamp } from '../types.js';

const ID = 'pt-stalk';

interface Shape {
  epoch?: number;
  local?: number;
  clock?: number;
  stamp?: number;
  text?: number;
}

export const tsShapes = shapeParser<Shape>(grammar, lexer);

export interface TsLine {
  epochMs: number;
  /** The host's UTC offset, from its local date and time minus the epoch (15-minute steps). */
  offsetMinutes?: number;
}

const LOCAL = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)$/;

/** Parse a `TS ...` separator line, or null when the line is not one. */
export function parseTs(text: string): TsLine | null {
  if (!text.startsWith('TS ')) return null;
  const t = tsShapes.lex(text.trimEnd());
  const s = t ? tsShapes.shape(t) : null;
  if (!t || !s || s.epoch === undefined) return null;
  const [sec, frac = ''] = t.tokens[s.epoch].text.split('.');
  const out: TsLine = { epochMs: Number(sec) * 1000 + Number(frac.slice(0, 3).padEnd(3, '0')) };
  if (s.local !== undefined) {
    const local = s.clock !== undefined ? `${t.tokens[s.local].text} ${t.tokens[s.clock].text}` : t.tokens[s.local].text;
    const m = LOCAL.exec(local);
    if (m) {
      const wallAsUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
      out.offsetMinutes = Math.round((wallAsUtc - Number(sec) * 1000) / 900_000) * 15;
    }
  }
  return out;
}

export interface LogLine {
  stamp: { year: number; month: number; day: number; hour: number; minute: number; second: number };
  text: string;
}

/** Parse a pt-stalk log line (`2014_10_19_12_51_02 Collect 1 triggered`), or null. */
export function parseLogLine(text: string): LogLine | null {
  const c = text.charCodeAt(0);
  if (!(c >= 48 && c <= 57) || text.charCodeAt(4) !== 95) return null;
  const t = tsShapes.lex(text.trimEnd());
  const s = t ? tsShapes.shape(t) : null;
  if (!t || !s || s.stamp === undefined || s.text === undefined) return null;
  const n = t.tokens[s.stamp].text.split('_').map(Number);
  return { stamp: { year: n[0], month: n[1], day: n[2], hour: n[3], minute: n[4], second: n[5] }, text: t.tokens[s.text].text };
}

// `Check results: status(Threads_running)=2, matched=yes, cycles_true=1`
const CHECK = /^Check results: \w+\(([^)\s]{1,128})\)=(-?\d{1,20}(?:\.\d{1,9})?), matched=(yes|no)/;

class PtStalkParser implements LineParser {
  private data: Event | null = null;
  private log: Event | null = null;
  /** Unstamped lines before anything else in a block with no collector (a terminal's stderr). */
  private held: Line[] = [];
  private seen = false;

  constructor(private readonly ctx: FormatContext) {}

  line(l: Line): void {
    if (l.text.trim() === '') return;
    const ts = l.text.startsWith('TS ') ? parseTs(l.text) : null;
    if (ts) {
      this.flush();
      this.flushHeld();
      const time: EventTime = { ms: ts.epochMs, source: 'stamped' };
      const data: EventDataMap['ptstalk.sample'] = { epoch: ts.epochMs / 1000 };
      const collector = this.ctx.meta?.['ptstalk.collector'];
      if (collector) data.collector = collector;
      if (ts.offsetMinutes !== undefined) data.offset_minutes = ts.offsetMinutes;
      this.ctx.emit(makeEvent(this.ctx, ID, 'ptstalk.sample', l, l.text.trim(), data, time));
      return;
    }
    const log = parseLogLine(l.text);
    if (log) {
      this.flush();
      this.log = this.logEvent(l, log);
      return;
    }
    // In a collector's file (`-output`) what follows a log line is another program's output; in a
    // terminal paste it is pt-stalk's own stderr (a client's warning), folded into the line.
    const open = this.ctx.meta?.['ptstalk.collector'] ? this.data : (this.log ?? this.data);
    if (open) {
      open.src.lines++;
      return;
    }
    if (!this.seen && !this.ctx.meta?.['ptstalk.collector']) {
      this.held.push(l);
      return;
    }
    this.data = this.dataEvent(l);
  }

  end(): void {
    this.flush();
    this.flushHeld();
  }

  private logEvent(l: Line, log: LogLine): Event {
    const data: EventDataMap['ptstalk.log'] = {};
    const collector = this.ctx.meta?.['ptstalk.collector'];
    if (collector) data.collector = collector;
    const check = CHECK.exec(log.text);
    if (check) {
      data.variable = check[1];
      data.value = Number(check[2]);
      data.matched = check[3] === 'yes';
    }
    const e = makeEvent(this.ctx, ID, 'ptstalk.log', l, log.text, data, placeStamp(this.ctx.clock, log.stamp));
    this.seen = true;
    // what pt-stalk's terminal printed before its first log line (a client's warning) belongs to it
    if (this.held.length > 0) {
      e.src.line = this.held[0].no;
      e.src.offset = this.held[0].offset;
      e.src.lines += this.held.length;
      this.held = [];
    }
    return e;
  }

  private dataEvent(l: Line): Event {
    const data: EventDataMap['ptstalk.data'] = {};
    const collector = this.ctx.meta?.['ptstalk.collector'];
    const prefix = this.ctx.meta?.['ptstalk.prefix'];
    if (collector) data.collector = collector;
    if (prefix) data.prefix = prefix;
    return makeEvent(this.ctx, ID, 'ptstalk.data', l, `${collector ?? 'pt-stalk'} sample: ${l.text.trim().slice(0, 120)}`, data, UNPLACED);
  }

  private flushHeld(): void {
    this.seen = true;
    if (this.held.length === 0) return;
    const e = this.dataEvent(this.held[0]);
    e.src.lines = this.held.length;
    this.held = [];
    this.ctx.emit(e);
  }

  private flush(): void {
    for (const e of [this.data, this.log]) if (e) this.ctx.emit(e);
    this.data = null;
    this.log = null;
  }
}

/** How much of a window is pt-stalk's own log (its lines stamped `2014_10_19_12_51_02 `; a
 * terminal interleaves a client's warnings), when at least three lines are. */
function logShare(lines: readonly string[]): number {
  let n = 0;
  for (const t of lines) if (parseLogLine(t)) n++;
  return n >= 3 ? n / lines.length : 0;
}

export const ptStalk: Format = {
  id: ID,
  dataset: 'pt.stalk',
  kinds: ['ptstalk.sample', 'ptstalk.data', 'ptstalk.log'],
  // A file whose first line is a TS separator (pt-diskstats samples), or pt-stalk's own log; the
  // pt-stalk container forces this format on collectors no other format reads.
  sniff: (lines) => (lines.length > 0 && parseTs(lines[0]) ? 0.6 : logShare(lines) >= 0.4 ? 0.7 : 0),
  create: (ctx) => new PtStalkParser(ctx),
  samples: [
    { line: 'TS 1520256297.002113337 2018-03-05 13:24:57', kind: 'ptstalk.sample' },
    { line: 'TS 1281367519', kind: 'ptstalk.sample' },
    { line: 'TS 1283888686.311660000', kind: 'ptstalk.sample' },
    { line: 'TS 1327510177.628000 2012-01-25T10:49:37', kind: 'ptstalk.sample' },
    { line: 'Filesystem              1K-blocks     Used Available Use% Mounted on', kind: 'ptstalk.data' },
    { line: '2014_10_19_12_51_02 Collect 1 triggered', kind: 'ptstalk.log' },
  ],
};
