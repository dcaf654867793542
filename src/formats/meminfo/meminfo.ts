// Adapter for /proc/meminfo dumps: one `snapshot.meminfo` event per dump (a new dump starts when
// `MemTotal:` comes again), memory totals in bytes from MemTotal/MemFree/MemAvailable/Buffers/
// Cached/SwapTotal/SwapFree, and every key/value as printed in `raw`. A tail with no MemTotal
// (a paste cut) is still a dump, marked partial.
import type { MemoryTotals, SnapshotData } from '../../event.js';
import grammar, { lexer } from '../../generated/meminfo.js';
import type { Line } from '../../read/lines.js';
import { type BlockReader, type Lead, type SnapshotMember, MAX_LINE, blockEvent, commandOf } from '../snapshot-family.js';
import { shapeParser } from '../token-parse.js';
import type { FormatContext } from '../types.js';

const ID = 'meminfo';

interface Shape {
  key: number;
  value: number;
  kb: boolean;
}

export const meminfoShapes = shapeParser<Shape>(grammar, lexer);

/** A line only meminfo prints (`kB`, or a HugePages count): what a dump may start with. */
const SURE = /^(?:[A-Za-z][\w()]*: *\d+ kB|HugePages_\w+: *\d+) *$/;

const FIELDS: Record<string, keyof MemoryTotals> = {
  MemTotal: 'total_bytes',
  MemFree: 'free_bytes',
  MemAvailable: 'available_bytes',
  Buffers: 'buffers_bytes',
  Cached: 'cached_bytes',
  SwapTotal: 'swap_total_bytes',
  SwapFree: 'swap_free_bytes',
};

function sniff(lines: readonly string[]): number {
  let hits = 0;
  for (const t of lines) {
    if (/^MemTotal: +\d+ kB/.test(t)) return 0.95;
    if (SURE.test(t)) hits++;
  }
  return hits < 3 ? 0 : Math.min(0.85, 0.3 + hits / lines.length);
}

class Dump implements BlockReader {
  private readonly data: SnapshotData = {};
  private readonly ev;
  private readonly raw: Record<string, number> = {};
  private readonly memory: MemoryTotals = {};

  constructor(
    private readonly ctx: FormatContext,
    first: Line,
    lead: Lead,
  ) {
    this.ev = blockEvent(ctx, ID, 'snapshot.meminfo', first, lead, this.data);
    const command = commandOf(ctx, lead);
    if (command) this.data.command = command;
  }

  take(l: Line): boolean {
    if (l.text.trim() === '') return false;
    if (l.text.length > MAX_LINE) return false; // no meminfo line is this long
    const t = meminfoShapes.lex(l.text);
    const s = t ? meminfoShapes.shape(t) : null;
    if (!t || !s) return false;
    const key = t.tokens[s.key].text.slice(0, -1);
    if (key in this.raw) return false; // `MemTotal:` again: the next dump
    const value = Number(t.tokens[s.value].text);
    this.raw[key] = value;
    const field = FIELDS[key];
    if (field && s.kb) this.memory[field] = value * 1024;
    this.ev.src.lines++;
    return true;
  }

  close(): void {
    const d = this.data;
    if (Object.keys(this.memory).length > 0) d.memory = this.memory;
    d.raw = this.raw;
    if (this.memory.total_bytes === undefined) d.partial = true;
    const total = this.raw.MemTotal;
    this.ev.message = total === undefined ? `meminfo: ${Object.keys(this.raw).length} values` : `meminfo: MemTotal ${total} kB, MemFree ${this.raw.MemFree ?? '?'} kB`;
    this.ctx.emit(this.ev);
  }
}

export const meminfoMember: SnapshotMember = {
  id: ID,
  dataset: 'meminfo',
  kind: 'snapshot.meminfo',
  commands: ['cat /proc/meminfo', 'head /proc/meminfo', 'less /proc/meminfo', 'more /proc/meminfo'],
  sniff,
  starts: (text) => SURE.test(text),
  open: (ctx, lead, first) => new Dump(ctx, first, lead),
  samples: [{ line: 'MemTotal:        1018508 kB', kind: 'snapshot.meminfo' }, { line: 'MemAvailable:    3196264 kB', kind: 'snapshot.meminfo' }, { line: 'HugePages_Total:       0', kind: 'snapshot.meminfo' }],
};
