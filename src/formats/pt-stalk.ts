// Adapter for pt-stalk collection files no snapshot format reads (`-df`, `-procvmstat`,
// `-processlist`, `-innodbstatus1`, `-output`, ...): each `TS <epoch>` separator becomes a stamped
// `ptstalk.sample` anchor, and the lines of each sample fold into one `ptstalk.data` event, so the
// bundle is accounted for without pretending to understand every collector's output.
import type { Event, EventTime } from '../event.js';
import grammar, { lexer } from '../generated/pt-stalk.js';
import type { Line } from '../read/lines.js';
import { shapeParser } from './token-parse.js';
import { type Format, type FormatContext, type LineParser, UNPLACED, makeEvent } from './types.js';

const ID = 'pt-stalk';

interface Shape {
  epoch: number;
  local?: number;
  clock?: number;
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
  if (!t || !s) return null;
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

class PtStalkParser implements LineParser {
  private data: Event | null = null;

  constructor(private readonly ctx: FormatContext) {}

  line(l: Line): void {
    if (l.text.trim() === '') return;
    const ts = l.text.startsWith('TS ') ? parseTs(l.text) : null;
    if (ts) {
      this.flush();
      const time: EventTime = { ms: ts.epochMs, source: 'stamped' };
      const data: { epoch: number; collector?: string; offset_minutes?: number } = { epoch: ts.epochMs / 1000 };
      const collector = this.ctx.meta?.['ptstalk.collector'];
      if (collector) data.collector = collector;
      if (ts.offsetMinutes !== undefined) data.offset_minutes = ts.offsetMinutes;
      this.ctx.emit(makeEvent(this.ctx, ID, 'ptstalk.sample', l, l.text.trim(), data, time));
      return;
    }
    if (this.data) {
      this.data.src.lines++;
      return;
    }
    const data: { collector?: string; prefix?: string } = {};
    const collector = this.ctx.meta?.['ptstalk.collector'];
    const prefix = this.ctx.meta?.['ptstalk.prefix'];
    if (collector) data.collector = collector;
    if (prefix) data.prefix = prefix;
    this.data = makeEvent(this.ctx, ID, 'ptstalk.data', l, `${collector ?? 'pt-stalk'} sample: ${l.text.trim().slice(0, 120)}`, data, UNPLACED);
  }

  end(): void {
    this.flush();
  }

  private flush(): void {
    if (this.data) this.ctx.emit(this.data);
    this.data = null;
  }
}

export const ptStalk: Format = {
  id: ID,
  dataset: 'pt.stalk',
  // A file whose first line is a TS separator (pt-diskstats samples); the pt-stalk container
  // forces this format on collectors no other format reads.
  sniff: (lines) => (lines.length > 0 && parseTs(lines[0]) ? 0.6 : 0),
  create: (ctx) => new PtStalkParser(ctx),
  samples: [
    'TS 1520256297.002113337 2018-03-05 13:24:57',
    'TS 1281367519',
    'TS 1327510177.628000 2012-01-25T10:49:37',
    'Filesystem              1K-blocks     Used Available Use% Mounted on',
  ],
};
