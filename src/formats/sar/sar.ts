// Adapter for `sar -r` / `sar -S` reports: one `snapshot.sar` event per row, memory in bytes from
// kbmemfree/kbavail/kbmemused/kbbuffers/kbcached/kbswpfree. Rows carry only a time of day; the
// banner's date (`10/08/22`: DD/MM/YY or MM/DD/YY by locale, chosen by validity, then by the
// `saDD` file the command read, else MM/DD) places them, and each time says how it was chosen.
import type { EventTime, MemoryTotals, RawStamp, SnapshotData } from '../../event.js';
import grammar, { lexer } from '../../generated/sar.js';
import type { Line } from '../../read/lines.js';
import { Clock } from '../../time/clock.js';
import { type BlockReader, type Lead, type SnapshotMember, MAX_LINE, blockEvent, commandOf } from '../snapshot-family.js';
import { type Tokens, shapeParser } from '../token-parse.js';
import { type FormatContext, UNPLACED } from '../types.js';
import { num } from '../units.js';

const ID = 'sar';

interface Shape {
  date?: number;
  time?: number;
  ampm?: number;
  names?: number[];
  values?: number[];
  average?: number;
  restart?: number;
}

export const sarShapes = shapeParser<Shape>(grammar, lexer);

const BANNER = /^Linux \S+ \(\S*\)\s+(?:\d\d\/\d\d\/\d\d|\d{4}-\d\d-\d\d)/;
const HEADER = /^\d\d:\d\d:\d\d(?: [AP]M)? +(?:kbmemfree|kbswpfree)\b/;

const FIELDS: Record<string, keyof MemoryTotals> = {
  kbmemfree: 'free_bytes',
  kbavail: 'available_bytes',
  kbmemused: 'used_bytes',
  kbbuffers: 'buffers_bytes',
  kbcached: 'cached_bytes',
  kbswpfree: 'swap_free_bytes',
};

function sniff(lines: readonly string[]): number {
  let banner = false;
  for (const t of lines) {
    if (HEADER.test(t)) return 0.95;
    if (BANNER.test(t)) banner = true;
  }
  return banner ? 0.5 : 0;
}

interface Day {
  year: number;
  month: number;
  day: number;
  note: string;
}

function valid(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The banner's date; `NN/NN/YY` is read by validity, then by the `saDD` file name, else MM/DD. */
export function bannerDay(text: string, command: string | undefined): Day | null {
  const iso = /^(\d{4})-(\d\d)-(\d\d)$/.exec(text);
  if (iso) return { year: +iso[1], month: +iso[2], day: +iso[3], note: 'sar row time on the banner date' };
  const m = /^(\d\d)\/(\d\d)\/(\d\d(?:\d\d)?)$/.exec(text);
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[2])];
  const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  const mdy = valid(year, a, b);
  const dmy = valid(year, b, a);
  if (!mdy && !dmy) return null;
  const base = `sar row time on the banner date ${text}`;
  if (mdy !== dmy) return mdy ? { year, month: a, day: b, note: `${base} (only MM/DD/YY is a date)` } : { year, month: b, day: a, note: `${base} (only DD/MM/YY is a date)` };
  const sa = command ? /\bsa(\d\d)\b/.exec(command) : null;
  if (sa && Number(sa[1]) === a && a !== b) return { year, month: b, day: a, note: `${base} read as DD/MM/YY: the file sa${sa[1]} names the day` };
  if (sa && Number(sa[1]) === b) return { year, month: a, day: b, note: `${base} read as MM/DD/YY: the file sa${sa[1]} names the day` };
  return { year, month: a, day: b, note: `${base} read as MM/DD/YY; DD/MM/YY would also be a date` };
}

class SarReport implements BlockReader {
  private day: Day | null = null;
  private names: string[] = [];
  private held: Line[];
  private last: { ev: ReturnType<typeof blockEvent>; secs: number } | null = null;
  private dayOffset = 0;
  private readonly command: string | undefined;

  constructor(
    private readonly ctx: FormatContext,
    private readonly lead: Lead,
  ) {
    this.held = [...lead.lines];
    this.command = commandOf(ctx, lead);
  }

  take(l: Line): boolean {
    if (l.text.trim() === '') return true; // blank lines separate a report's parts
    if (l.text.length > MAX_LINE) return false; // no sar line is this long
    const t = sarShapes.lex(l.text);
    const s = t ? sarShapes.shape(t) : null;
    if (!t || !s) return false;
    if (s.date !== undefined) {
      if (this.last || this.names.length > 0) return false; // the next report
      this.day = bannerDay(t.tokens[s.date].text, this.command);
    } else if (s.names) {
      const names = s.names.map((i) => t.tokens[i].text);
      if (!names.some((n) => n in FIELDS)) return false; // not a memory report
      this.names = names;
    } else if (s.average !== undefined) {
      if (!this.last || s.values?.length !== this.names.length) return false;
      this.last.ev.src.lines++; // the report's averages fold into its last row
      return true;
    } else if (s.values) {
      return this.row(l, t, s);
    }
    this.held.push(l); // banner, header, LINUX RESTART: folded into the next row
    return true;
  }

  private row(l: Line, t: Tokens, s: Shape): boolean {
    const values = (s.values ?? []).map((i) => num(t.tokens[i].text));
    if (this.names.length === 0 || values.length !== this.names.length) return false;
    this.flush();
    const memory: MemoryTotals = {};
    const raw: Record<string, number> = {};
    this.names.forEach((n, i) => {
      raw[n] = values[i];
      const field = FIELDS[n];
      if (field) memory[field] = values[i] * 1024;
    });
    if (raw.kbswpfree !== undefined && raw.kbswpused !== undefined) memory.swap_total_bytes = (raw.kbswpfree + raw.kbswpused) * 1024;
    const data: SnapshotData = { memory, raw };
    if (this.command) data.command = this.command;
    const ev = blockEvent(this.ctx, ID, 'snapshot.sar', l, { lines: this.held }, data);
    ev.src.lines++;
    ev.message = `sar: ${l.text.trim().replace(/\s+/g, ' ')}`;
    this.held = [];
    const stamp = this.stampOf(t, s);
    const secs = stamp.hour * 3600 + stamp.minute * 60 + stamp.second;
    if (this.last && secs < this.last.secs) this.dayOffset++; // past midnight
    ev.time = this.place(stamp);
    if (!Number.isFinite(ev.time.ms)) ev.pending = { stamp };
    this.last = { ev, secs };
    return true;
  }

  private stampOf(t: Tokens, s: Shape): RawStamp {
    const [h, minute, second] = t.tokens[s.time as number].text.split(':').map(Number);
    let hour = h;
    const ampm = s.ampm === undefined ? '' : t.tokens[s.ampm].text;
    if (ampm === 'PM' && hour < 12) hour += 12;
    if (ampm === 'AM' && hour === 12) hour = 0;
    return { hour, minute, second };
  }

  private place(st: RawStamp): EventTime {
    if (!this.day) return UNPLACED;
    const { year, month, day } = this.day;
    const d = Clock.addDays({ year, month, day }, this.dayOffset);
    const ms = this.ctx.clock.instant({ ...st, ...d });
    const note = this.dayOffset > 0 ? `${this.day.note}, plus ${this.dayOffset} day(s) past midnight` : this.day.note;
    return { ms, source: 'inferred', note };
  }

  private flush(): void {
    if (this.last) this.ctx.emit(this.last.ev);
  }

  close(): void {
    this.flush();
    if (this.held.length === 0) return;
    // a banner or header with no rows after it: a report with nothing in it, cut off
    const ev = blockEvent(this.ctx, ID, 'snapshot.sar', this.held[0], { lines: this.held }, { partial: true });
    this.ctx.emit(ev);
  }
}

export const sarMember: SnapshotMember = {
  id: ID,
  dataset: 'sar',
  kind: 'snapshot.sar',
  commands: ['sar'],
  sniff,
  starts: (text) => BANNER.test(text) || HEADER.test(text),
  open: (ctx, lead) => new SarReport(ctx, lead),
  samples: [
    { line: 'Linux 5.18.0-2-amd64 (opsproc3) \t10/08/22 \t_x86_64_\t(12 CPU)', kind: 'snapshot.sar' },
    { line: '00:00:02    kbmemfree   kbavail kbmemused  %memused kbbuffers  kbcached  kbcommit   %commit  kbactive   kbinact   kbdirty', kind: 'snapshot.sar' },
  ],
};
