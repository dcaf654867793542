// Adapter for `vmstat` tables (`vmstat 1 5`, pt-stalk's `-vmstat`; `-a`, `-w`, `-t`, Oracle
// ExaWatcher's `--time--` first column) and `vmstat -s`
// listings. One `snapshot.vmstat` event per table (memory from its last row, since the rows are
// one second apart and carry no time unless `-t`) or per listing. Sizes are KiB unless the
// command says `-S`; with no command the unit is assumed and the event says so.
import type { MemoryTotals, SnapshotData } from '../../event.js';
import grammar, { lexer } from '../../generated/vmstat.js';
import type { Line } from '../../read/lines.js';
import { type BlockReader, type Lead, type SnapshotMember, MAX_LINE, blockEvent, commandOf } from '../snapshot-family.js';
import { type Tokens, shapeParser } from '../token-parse.js';
import { type FormatContext, placeStamp } from '../types.js';

const ID = 'vmstat';

interface Shape {
  groups?: true;
  columns?: number[];
  values?: number[];
  date?: number;
  time?: number;
  value?: number;
  kb?: boolean;
  name?: number[];
}

export const vmstatShapes = shapeParser<Shape>(grammar, lexer);

// FreeBSD: ` procs      memory      page ...` over `r b w     avm    fre ...` (KiB)
const GROUPS = /^ *(?:--time-- +)?-*procs(?: -+| {2,}memory {2,}page)/;
const COLUMNS = /^ *r +b +(?:swpd +free|w +avm +fre)\b/;
const LISTING = /^ *\d+ K (?:total|used|active|inactive|free|buffer) memory$|^ *\d+ K (?:swap cache|total swap|used swap|free swap)$/;

const TABLE_FIELDS: Record<string, keyof MemoryTotals> = { free: 'free_bytes', fre: 'free_bytes', buff: 'buffers_bytes', cache: 'cached_bytes' };
const LISTING_FIELDS: Record<string, keyof MemoryTotals> = {
  'total memory': 'total_bytes',
  'used memory': 'used_bytes',
  'free memory': 'free_bytes',
  'buffer memory': 'buffers_bytes',
  'swap cache': 'cached_bytes',
  'total swap': 'swap_total_bytes',
  'free swap': 'swap_free_bytes',
};

function sniff(lines: readonly string[]): number {
  let hits = 0;
  for (const t of lines) {
    if (GROUPS.test(t) || COLUMNS.test(t) || /^ *\d+ K total memory$/.test(t)) return 0.95;
    if (LISTING.test(t)) hits++;
  }
  return hits === 0 ? 0 : Math.min(0.8, 0.4 + hits / 10);
}

/** Bytes per printed unit: `-S M` → MiB, `-S m` → MB, `-S k` → kB; KiB otherwise. */
function unitOf(command: string | undefined): number {
  const m = command ? /(?:^|\s)(?:-S *|--unit[ =])([kKmM])\b/.exec(command) : null;
  if (!m) return 1024;
  return { k: 1000, K: 1024, m: 1_000_000, M: 1_048_576 }[m[1] as 'k' | 'K' | 'm' | 'M'];
}

class Vmstat implements BlockReader {
  private readonly data: SnapshotData = {};
  private readonly ev;
  private readonly unit: number;
  private columns: string[] = [];
  private utc = false;
  private rows = 0;
  private listing = false;
  private groups = false;
  private readonly raw: Record<string, number> = {};
  private memory: MemoryTotals = {};

  constructor(
    private readonly ctx: FormatContext,
    first: Line,
    lead: Lead,
  ) {
    this.ev = blockEvent(ctx, ID, 'snapshot.vmstat', first, lead, this.data);
    const command = commandOf(ctx, lead);
    if (command) this.data.command = command;
    else this.data.unit_assumed = 'KiB';
    this.unit = unitOf(command);
  }

  take(l: Line): boolean {
    if (l.text.trim() === '') return false;
    if (l.text.length > MAX_LINE) return false; // no vmstat line is this long
    const t = vmstatShapes.lex(l.text);
    const s = t ? vmstatShapes.shape(t) : null;
    if (!t || !s) return false;
    const ok = s.value !== undefined ? this.listingLine(t, s) : this.tableLine(t, s);
    if (ok) this.ev.src.lines++;
    return ok;
  }

  private tableLine(t: Tokens, s: Shape): boolean {
    if (this.listing) return false;
    if (s.groups) {
      if (this.groups || this.columns.length > 0) return false; // the next table
      this.groups = true;
      return true;
    }
    if (s.columns) {
      if (this.columns.length > 0) return false;
      const names = s.columns.map((i) => t.tokens[i].text);
      // FreeBSD's group line has words where Linux has dashes: ` procs      memory      page`
      if (names[0] === 'procs' && !this.groups) return (this.groups = true);
      if (names[0] !== 'r' || names[1] !== 'b') return false;
      this.utc = names[names.length - 1] === 'UTC';
      this.columns = names.filter((n) => /^[a-z][a-z0-9]*$/.test(n));
      return true;
    }
    const values = (s.values ?? []).map((i) => Number(t.tokens[i].text));
    if (this.columns.length === 0 || values.length !== this.columns.length) return false;
    this.rows++;
    this.memory = {};
    this.columns.forEach((c, i) => {
      this.raw[c] = values[i];
      const field = TABLE_FIELDS[c];
      if (field) this.memory[field] = values[i] * this.unit;
    });
    if (s.date !== undefined && s.time !== undefined) {
      const [year, month, day] = t.tokens[s.date].text.split('-').map(Number);
      const [hour, minute, second] = t.tokens[s.time].text.split(':').map(Number);
      this.ev.time = placeStamp(this.ctx.clock, { year, month, day, hour, minute, second, ...(this.utc ? { offsetMinutes: 0 } : {}) });
    } else if (s.time !== undefined) {
      // a time of day only (ExaWatcher): the dating stage finds its date, as for top
      const [hour, minute, second] = t.tokens[s.time].text.split(':').map(Number);
      this.ev.pending = { stamp: { hour, minute, second } };
    }
    this.ev.message = `vmstat: ${t.tokens.map((x) => x.text).join('').trim().replace(/\s+/g, ' ')}`;
    return true;
  }

  private listingLine(t: Tokens, s: Shape): boolean {
    if (this.groups || this.columns.length > 0) return false;
    const name = (s.name ?? []).map((i) => t.tokens[i].text).join(' ');
    if (name in this.raw) return false; // the next listing
    this.listing = true;
    const value = Number(t.tokens[s.value as number].text);
    this.raw[name] = value;
    const field = LISTING_FIELDS[name];
    if (field && s.kb) this.memory[field] = value * this.unit;
    return true;
  }

  close(): void {
    if (this.ev.src.lines === 0) return; // the line that opened the block was not a vmstat line after all
    const d = this.data;
    if (Object.keys(this.memory).length > 0) d.memory = this.memory;
    d.raw = this.raw;
    if (this.listing) delete d.unit_assumed; // `498448 K total memory` says its unit
    if (this.listing) this.ev.message = `vmstat -s: ${this.raw['total memory'] ?? '?'} K total memory, ${this.raw['free memory'] ?? '?'} K free`;
    else if (this.rows === 0) d.partial = true;
    this.ctx.emit(this.ev);
  }
}

export const vmstatMember: SnapshotMember = {
  id: ID,
  dataset: 'vmstat',
  kind: 'snapshot.vmstat',
  commands: ['vmstat'],
  sniff,
  starts: (text) => GROUPS.test(text) || COLUMNS.test(text) || LISTING.test(text),
  open: (ctx, lead, first) => new Vmstat(ctx, first, lead),
  samples: [
    { line: 'procs -----------memory---------- ---swap-- -----io---- -system-- ----cpu----', kind: 'snapshot.vmstat' },
    { line: ' r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st', kind: 'snapshot.vmstat' },
    { line: '       498448 K total memory', kind: 'snapshot.vmstat' },
    { line: '--time-- procs -----------memory---------- ---swap-- -----io---- --system-- -----cpu-----', kind: 'snapshot.vmstat' },
  ],
};
