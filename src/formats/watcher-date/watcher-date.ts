// Adapter for the `date` line of a watcher script (or a transcript's `date` command, or `watch`'s
// header): each becomes one stamped `watcher.date` event, the anchor that dates the snapshots after it. A zone
// abbreviation is kept but never used (CST is China or US Central): --tz decides; numeric
// offsets (`-R`, `-Is`) and epoch seconds are exact.
import type { EventTime, RawStamp } from '../../event.js';
import grammar, { lexer } from '../../generated/watcher-date.js';
import type { Line } from '../../read/lines.js';
import { shapeParser } from '../token-parse.js';
import { type Format, type FormatContext, type LineParser, makeEvent, unrecognized } from '../types.js';
import { monthOf } from '../months.js';

const ID = 'watcher-date';

interface Shape {
  form: string;
  month?: number;
  day?: number;
  year?: number;
  clock?: number;
  ampm?: number;
  zone?: number;
  iso?: number;
  epoch?: number;
  cjk?: number;
}

export const dateShapes = shapeParser<Shape>(grammar, lexer);

const ISO = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?(Z|[+-]\d\d(?::?\d\d)?)?$/;
const CJK = /^(\d{4})年 ?(\d{1,2})月 ?(\d{1,2})日$/;
const NUMERIC_ZONE = /^([+-])(\d\d):?(\d\d)?$/;

/** What a date line says: an exact instant (epoch, numeric offset) or a wall-clock stamp. */
export interface DateLine {
  form: string;
  epochMs?: number;
  stamp?: RawStamp;
  /** The zone abbreviation as printed (`CST`), never used to place the time. */
  zone?: string;
  /** `watch`'s header: the command whose output follows (`free -m`). */
  command?: string;
}

function offsetOf(z: string): number | undefined {
  if (z === 'Z') return 0;
  const m = NUMERIC_ZONE.exec(z);
  if (!m) return undefined;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

function utc(m: number): string {
  const a = Math.abs(m);
  return `${m < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

function clockOf(text: string, ampm: string | undefined): { hour: number; minute: number; second: number } {
  const [h, minute, second] = text.split(':').map(Number);
  let hour = h;
  if (ampm === 'PM' && hour < 12) hour += 12;
  if (ampm === 'AM' && hour === 12) hour = 0;
  return { hour, minute, second };
}

const INTERVAL = /^\d{1,5}(?:\.\d{1,3})?$/;
const WEEKDAY = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) /;

/**
 * `watch`'s header, `Every 2.0s: free -m` then (right-aligned) `host: Sun Jun 30 07:34:15 2019`
 * (procps-ng 3.3.10+ names the host): its date dates the output below it, in the host's zone.
 */
function parseWatchHeader(text: string): DateLine | null {
  const colon = text.indexOf('s: ', 6);
  if (colon < 0 || !INTERVAL.test(text.slice(6, colon))) return null;
  const rest = text.slice(colon + 3);
  const gap = rest.indexOf('  ');
  if (gap < 0) return null;
  let tail = rest.slice(gap).trim();
  if (!WEEKDAY.test(tail)) {
    const host = tail.indexOf(': ');
    tail = host > 0 ? tail.slice(host + 2) : '';
  }
  const d = tail.length <= 40 && WEEKDAY.test(tail) ? parseDateLine(tail) : null;
  return d?.stamp ? { ...d, form: 'watch', command: rest.slice(0, gap).trim() } : null;
}

// Every form of the grammar holds a clock (`18:48:01`, inside an ISO stamp too) or is an epoch
// alone: a line with neither is no date line, and is not lexed (a watcher asks of every line).
// Nor is a line with a lone ` - ` (`top - 05:02:02 up ...`, a round's top header): no rule lexes a
// single `-` before a blank (the deco needs two), so the lexer would fail there at a cost.
const HAS_CLOCK = /\d:\d\d:\d\d/;
/** An epoch alone, or between the grammar's `=====` decorations. */
const EPOCH_ALONE = /^(?:[=*#~-]{2,} +)?\d{9,10}(?:\.\d{1,9})?(?: +[=*#~-]{2,})?$/;

/** Parse a `date` line (or `watch`'s header), or null when the line is not one. */
export function parseDateLine(text: string): DateLine | null {
  if (text.startsWith('Every ') && text.length <= 4096) return parseWatchHeader(text);
  const trimmed = text.trim();
  if (trimmed.length < 10 || trimmed.length > 120) return null;
  if (!HAS_CLOCK.test(trimmed) && !EPOCH_ALONE.test(trimmed)) return null;
  if (trimmed.includes(' - ')) return null;
  return lexDateLine(trimmed);
}

/** The grammar's answer for a trimmed line, without the precheck (tests compare the two). */
export function lexDateLine(trimmed: string): DateLine | null {
  const t = dateShapes.lex(trimmed);
  const s = t ? dateShapes.shape(t) : null;
  if (!t || !s) return null;
  const tok = (i: number | undefined) => (i === undefined ? undefined : t.tokens[i].text);
  const out: DateLine = { form: s.form };
  if (s.epoch !== undefined) {
    const [sec, frac = ''] = (tok(s.epoch) ?? '').split('.');
    out.epochMs = Number(sec) * 1000 + Number(frac.slice(0, 3).padEnd(3, '0'));
    return out;
  }
  let stamp: RawStamp & { year: number; month: number; day: number };
  if (s.iso !== undefined) {
    const m = ISO.exec(tok(s.iso) ?? '');
    if (!m) return null;
    stamp = { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: +m[6] };
    if (m[7]) stamp.millis = Number(m[7].slice(0, 3).padEnd(3, '0'));
    if (m[8]) stamp.offsetMinutes = offsetOf(m[8]);
  } else if (s.cjk !== undefined) {
    const m = CJK.exec(tok(s.cjk) ?? '');
    if (!m) return null;
    stamp = { year: +m[1], month: +m[2], day: +m[3], ...clockOf(tok(s.clock) ?? '', undefined) };
  } else {
    const month = monthOf(tok(s.month) ?? '');
    if (!month) return null;
    stamp = { year: Number(tok(s.year)), month, day: Number(tok(s.day)), ...clockOf(tok(s.clock) ?? '', tok(s.ampm)) };
  }
  const zone = tok(s.zone);
  if (zone !== undefined) {
    const off = offsetOf(zone);
    if (off !== undefined) stamp.offsetMinutes = off;
    else out.zone = zone;
  }
  if (stamp.month < 1 || stamp.month > 12 || stamp.day < 1 || stamp.day > 31 || stamp.hour > 23 || stamp.minute > 59 || stamp.second > 60) return null;
  out.stamp = stamp;
  return out;
}

class WatcherDateParser implements LineParser {
  constructor(private readonly ctx: FormatContext) {}

  line(l: Line): void {
    if (l.text.trim() === '') return;
    const d = parseDateLine(l.text);
    if (!d) {
      this.ctx.emit(unrecognized(this.ctx, ID, l));
      return;
    }
    let time: EventTime;
    const data: { form: string; zone?: string; offset_minutes?: number } = { form: d.form };
    if (d.epochMs !== undefined) time = { ms: d.epochMs, source: 'stamped' };
    else {
      const st = d.stamp as RawStamp & { year: number; month: number; day: number };
      time = { ms: this.ctx.clock.instant(st), source: 'stamped' };
      if (st.offsetMinutes !== undefined) {
        data.offset_minutes = st.offsetMinutes;
        const ours = this.ctx.clock.offsetMinutes(time.ms);
        if (ours !== st.offsetMinutes) time.note = `the line says UTC${utc(st.offsetMinutes)} but --tz ${this.ctx.clock.zone} gives UTC${utc(ours)}: this host's zoneless stamps may be read in the wrong zone`;
      }
    }
    if (d.zone) {
      data.zone = d.zone;
      time.note = `zone abbreviation ${d.zone} ignored (ambiguous); placed in --tz ${this.ctx.clock.zone}`;
    }
    this.ctx.emit(makeEvent(this.ctx, ID, 'watcher.date', l, l.text.trim(), data, time));
  }

  end(): void {}
}

export const watcherDate: Format = {
  id: ID,
  dataset: 'watcher.date',
  kinds: ['watcher.date'],
  commands: ['date'],
  // Only the watcher and transcript containers use this format: date lines alone are no log.
  sniff: () => 0,
  create: (ctx) => new WatcherDateParser(ctx),
  samples: [
    { line: 'Sat May 21 18:48:01 CST 2016', kind: 'watcher.date' },
    { line: 'Tue Nov 24 04:14:08 UTC 2026', kind: 'watcher.date' },
    { line: 'Sat May 21 06:48:01 PM CST 2016', kind: 'watcher.date' },
    { line: 'Sat 21 May 2016 18:48:01 CST', kind: 'watcher.date' },
    { line: 'Sat, 21 May 2016 18:48:01 +0800', kind: 'watcher.date' },
    { line: '2016-05-21T18:48:01+08:00', kind: 'watcher.date' },
    { line: '2016-05-21 18:48:01', kind: 'watcher.date' },
    { line: '1463827681', kind: 'watcher.date' },
    { line: '2016年 05月 21日 星期六 18:48:01 CST', kind: 'watcher.date' },
    { line: '===== Sat May 21 18:48:01 CST 2016 =====', kind: 'watcher.date' },
    { line: 'Every 2.0s: free -m                                                           Mon Jun 27 04:21:26 2022', kind: 'watcher.date' },
  ],
};
