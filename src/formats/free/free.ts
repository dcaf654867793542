// Adapter for `free`: old procps (`-/+ buffers/cache:`), procps-ng (`buff/cache available`), the
// wide `buffers cache available`, `-h` sizes (`486M`, `15Gi`, `0B`), `-t`/`-l` rows and translated
// headers and row labels (es `Inter:`, de `Speicher:`/`Auslager:`, zh_CN `内存：`), read by
// position. Bare numbers carry no unit: the command (`free -m`) decides, else KiB, and the event
// says when the unit was assumed. One `snapshot.free` event per output.
import type { MemoryTotals, SnapshotData } from '../../event.js';
import grammar, { lexer } from '../../generated/free.js';
import type { Line } from '../../read/lines.js';
import { type BlockReader, type Lead, type SnapshotMember, MAX_LINE, blockEvent, commandOf } from '../snapshot-family.js';
import { shapeParser } from '../token-parse.js';
import type { FormatContext } from '../types.js';
import { sizeBytes, type UnitLetter, unitBytes, unitLetter } from '../units.js';

const ID = 'free';

interface Shape {
  header?: number[];
  label?: number;
  values?: number[];
}

export const freeShapes = shapeParser<Shape>(grammar, lexer);

type Col = 'total' | 'used' | 'free' | 'shared' | 'buffers' | 'cached' | 'buffcache' | 'available';

const ENGLISH: Record<string, Col> = {
  total: 'total',
  used: 'used',
  free: 'free',
  shared: 'shared',
  buffers: 'buffers',
  cache: 'cached',
  cached: 'cached',
  'buff/cache': 'buffcache',
  available: 'available',
};

// `total` in the languages procps is translated to (procps-ng po/: de gesamt, pl razem, sv totalt,
// uk загалом, vi tổng, ka ჯამში, zh_CN 总计, ko 총계; es, fr, pt_BR, ro keep total), for a header
// whose other words are unknown.
const TOTAL = /^(?:total|gesamt|insgesamt|totale|totaal|totalt|razem|celkem|всего|загалом|tổng|ჯამში|总计|合計|총계)$/;

/** An indented line of 3 to 7 words, the first of them `total` in some language. */
function isHeader(text: string): boolean {
  if (!text.startsWith(' ')) return false;
  const w = text.trim().split(/\s+/);
  return w.length >= 3 && w.length <= 7 && TOTAL.test(w[0]) && w.every((x) => !/\d/.test(x));
}

function sniff(lines: readonly string[]): number {
  let hits = 0;
  for (const t of lines) {
    if (/^ +total +used +free\b/.test(t)) return 0.9;
    if (isHeader(t) || /^(?:Mem|Swap): +\d+(?:[.,]\d+)?[KMGTPEB]?i? +\d/.test(t)) hits++;
  }
  return hits === 0 ? 0 : Math.min(0.8, 0.4 + hits / 10);
}

/** Column roles of a header; positional when the words are translated. */
function columnsOf(words: string[]): { cols: Col[]; english: boolean } {
  const known = words.map((w) => ENGLISH[w]);
  if (known.every((c) => c !== undefined)) return { cols: known as Col[], english: true };
  if (words.length === 7) return { cols: ['total', 'used', 'free', 'shared', 'buffers', 'cached', 'available'], english: false };
  const modern = words.length === 6 && words[4].includes('/'); // tamp/cache, Puffer/Cache
  const cols: Col[] = modern
    ? ['total', 'used', 'free', 'shared', 'buffcache', 'available']
    : ['total', 'used', 'free', 'shared', 'buffers', 'cached'];
  return { cols: cols.slice(0, words.length), english: false };
}

interface Unit {
  bytes: number;
  si: boolean;
  assumed?: string;
}

/** The unit of bare numbers from the command's flags: `free -m`, `free -b -w`, `free --mega --si`. */
export function freeUnit(command: string | undefined): Unit {
  const m = command ? /(?:^|\s)free((?:\s+-[-\w=]+)*)/.exec(command) : null;
  if (!m) return { bytes: 1024, si: false, assumed: 'KiB' };
  let letter: UnitLetter = 'k';
  let si = false;
  for (const arg of m[1].trim().split(/\s+/)) {
    const long = /^--(bytes|kilo|mega|giga|tera|peta|kibi|mebi|gibi|tebi|pebi|si)$/.exec(arg);
    if (long) {
      if (long[1] === 'si') si = true;
      else letter = unitLetter(long[1]) ?? letter;
      continue;
    }
    if (!/^-[a-z]+$/i.test(arg)) continue;
    for (const f of arg.slice(1)) if ('bkmg'.includes(f)) letter = unitLetter(f) ?? letter; // -t is the Total row, not tera
  }
  return { bytes: unitBytes(letter, si), si };
}

// Row labels in procps-ng's translations (po/: de, es, fr, ka, ko, pl, pt_BR, ro, sv, uk, vi, zh_CN),
// older ones seen in real output (de `Auslager:`, ru `Память:`/`Подкачка:`, gl), known even under an
// English header (a procps that translates the rows and not the header)
const MEM_ROW = new Set(['Mem:', 'Speicher:', 'Mem.:', 'Pamięć:', 'Minne:', 'Пам.:', 'Память:', 'BNhớ:', '内存：', '메모리:', 'მეხს:']);
const SWAP = new Set(['Swap:', 'Inter:', 'Auslager:', 'Échange:', 'Wymiana:', 'Växl.:', 'Своп.:', 'Подкачка:', 'Tráo đổi:', '交换：', '스  왑:', 'სვაპი:', 'Espazo de intercambio:']);
const EXTRA = /^(?:Total|Low|High):$/;

class FreeOutput implements BlockReader {
  private readonly data: SnapshotData = {};
  private readonly ev;
  private cols: Col[] = [];
  private english = true;
  private readonly unit: Unit;
  private memory: MemoryTotals = {};
  private memRow = false;
  private swapRow = false;

  constructor(
    private readonly ctx: FormatContext,
    first: Line,
    lead: Lead,
  ) {
    this.ev = blockEvent(ctx, ID, 'snapshot.free', first, lead, this.data);
    const command = commandOf(ctx, lead);
    if (command) this.data.command = command;
    this.unit = freeUnit(command);
  }

  take(l: Line): boolean {
    if (l.text.trim() === '') return false;
    if (l.text.length > MAX_LINE) return false; // no free line is this long
    const t = freeShapes.lex(l.text);
    const s = t ? freeShapes.shape(t) : null;
    if (!t || !s) return false;
    const text = (i: number) => t.tokens[i].text;
    if (s.header) {
      if (this.cols.length > 0) return false; // the next output
      ({ cols: this.cols, english: this.english } = columnsOf(s.header.map(text)));
    } else {
      if (this.cols.length === 0) return false;
      const bytes = (s.values ?? []).map((i) => sizeBytes(text(i), this.unit.bytes, this.unit.si));
      if (bytes.some((b) => b === null)) return false;
      // `486M` says its unit; a bare `994` is read in the command's unit, or an assumed one
      if (this.unit.assumed && s.values?.some((i) => /\d$/.test(text(i)) && text(i) !== '0')) this.data.unit_assumed = this.unit.assumed;
      const memRow = this.memRow;
      if (!this.row(text(s.label as number), bytes as number[])) return false;
      if (!memRow && this.memRow) this.ev.message = `free: ${l.text.trim().replace(/\s+/g, ' ')}`;
    }
    this.ev.src.lines++;
    return true;
  }

  /** One labelled row; false when it does not fit this output. */
  private row(label: string, v: number[]): boolean {
    const known = MEM_ROW.has(label) || label.startsWith('-/+') || SWAP.has(label) || EXTRA.test(label);
    if (this.english && !known) return false; // a garbled label (`  ap:`) is not guessed at
    if (label.startsWith('-/+')) {
      // old procps: used and free without buffers and cache; that free is what was available
      if (!this.memRow || v.length !== 2) return false;
      this.memory.available_bytes = v[1];
      return true;
    }
    if (EXTRA.test(label)) return this.memRow && v.length === 3;
    if (!this.memRow && (MEM_ROW.has(label) || !known)) {
      if (v.length !== this.cols.length) return false;
      this.memRow = true;
      this.cols.forEach((c, i) => this.setMem(c, v[i]));
      return true;
    }
    if (!this.swapRow && this.memRow && (SWAP.has(label) || !known) && v.length === 3) {
      this.swapRow = true;
      this.memory.swap_total_bytes = v[0];
      this.memory.swap_free_bytes = v[2];
      return true;
    }
    return false;
  }

  private setMem(c: Col, b: number): void {
    const m = this.memory;
    if (c === 'total') m.total_bytes = b;
    else if (c === 'used') m.used_bytes = b;
    else if (c === 'free') m.free_bytes = b;
    else if (c === 'buffers') m.buffers_bytes = b;
    else if (c === 'cached' || c === 'buffcache') m.cached_bytes = b; // buff/cache: buffers included
    else if (c === 'available') m.available_bytes = b;
  }

  close(): void {
    if (Object.keys(this.memory).length > 0) this.data.memory = this.memory;
    if (!this.memRow) this.data.partial = true;
    this.ctx.emit(this.ev);
  }
}

export const freeMember: SnapshotMember = {
  id: ID,
  dataset: 'free',
  kind: 'snapshot.free',
  commands: ['free'],
  sniff,
  starts: isHeader,
  open: (ctx, lead, first) => new FreeOutput(ctx, first, lead),
  samples: [
    { line: '             total       used       free     shared    buffers     cached', kind: 'snapshot.free' },
    { line: '              total        used        free      shared  buff/cache   available', kind: 'snapshot.free' },
    { line: '              total        used        free      shared     buffers       cache   available', kind: 'snapshot.free' },
    { line: '              total       utilisé      libre     partagé tamp/cache   disponible', kind: 'snapshot.free' },
  ],
};
