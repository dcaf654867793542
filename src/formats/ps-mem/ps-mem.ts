// Adapter for `ps_mem` / `ps_mem.py` tables: one row per program (`php-fpm (5)`: five processes),
// its RAM used (private + its share of shared memory), the total under the rule. ps_mem gives one
// figure per program, so a program of N processes becomes N rows of an equal share of it (the sum
// is exact; the split is ps_mem's own average, and the event says so). One `snapshot.ps` per table.
import type { ProcessRow, SnapshotData } from '../../event.js';
import grammar, { lexer } from '../../generated/ps-mem.js';
import type { Line } from '../../read/lines.js';
import { firstFields, groupsOf } from '../process-table.js';
import { type BlockReader, type Lead, MAX_LINE, type SnapshotMember, blockEvent, commandOf } from '../snapshot-family.js';
import { type Tokens, shapeParser } from '../token-parse.js';
import type { FormatContext } from '../types.js';
import { scaledBytes } from '../units.js';

const ID = 'ps-mem';

interface Shape {
  header?: true;
  sizes?: [number, number, number];
  swaps?: number[];
  program?: number;
  rule?: true;
  total?: number;
  end?: true;
}

export const psMemShapes = shapeParser<Shape>(grammar, lexer);

const HEADER = /^ *Private +\+ +Shared += +RAM used\b/;
const ROW = /^ *\d+(?:\.\d+)? (?:[KMGTPE]i)?B \+ +\d+(?:\.\d+)? (?:[KMGTPE]i)?B = +\d/;
/** Fields before the program's first word: 3 sizes (2 fields each), `+`, `=`, up to 2 swap sizes. */
const FIELDS_BEFORE_PROGRAM = 12;
/** More processes than one program row can stand for (a guard against a hostile count). */
const MAX_COUNT = 100_000;
/** Rows one table expands to at most; past it a program stays one row (a guard against many big counts). */
const MAX_ROWS = 200_000;

function sniff(lines: readonly string[]): number {
  let hits = 0;
  for (const t of lines) {
    if (HEADER.test(t)) return 0.95;
    if (ROW.test(t)) hits++;
  }
  return hits === 0 ? 0 : Math.min(0.85, 0.5 + hits / 10);
}

/** `8.8 MiB` → bytes (ps_mem prints one decimal: a size is known to ±0.05 of its unit); `0 B`. */
function size(text: string): number | null {
  const [n, unit] = text.split(' ');
  return unit === 'B' ? Number(n) : scaledBytes(n, unit);
}

/** `php-fpm (5)` → php-fpm, 5 processes; `sshd [1234]` (`-d`) → pid 1234. */
export function programOf(text: string): { name: string; count: number; pid?: number } {
  const counted = / \((\d{1,9})\)$/.exec(text);
  if (counted) return { name: text.slice(0, counted.index), count: Math.min(Number(counted[1]), MAX_COUNT) };
  const pid = / ?\[(\d{1,9})\]$/.exec(text);
  if (pid) return { name: text.slice(0, pid.index), count: 1, pid: Number(pid[1]) };
  return { name: text, count: 1 };
}

class PsMemTable implements BlockReader {
  private readonly data: SnapshotData = {};
  private readonly ev;
  private readonly rows: ProcessRow[] = [];
  private programs = 0;
  private headers = 0;
  private ruled = false;
  private total: number | null = null;
  private ended = false;
  /** Programs left as one row because the table had grown too big to split them. */
  private unsplit = 0;

  constructor(
    private readonly ctx: FormatContext,
    first: Line,
    lead: Lead,
  ) {
    this.ev = blockEvent(ctx, ID, 'snapshot.ps', first, lead, this.data);
    const command = commandOf(ctx, lead);
    if (command) this.data.command = command;
  }

  take(l: Line): boolean {
    if (l.text.trim() === '') return !this.ended && this.total === null; // blanks inside the table
    if (l.text.length > MAX_LINE || this.ended) return false;
    const t = psMemShapes.lex(firstFields(l.text, FIELDS_BEFORE_PROGRAM + 1));
    const s = t ? psMemShapes.shape(t) : null;
    if (!t || !s) return false;
    let ok = false;
    if (s.header) ok = this.header();
    else if (s.sizes) ok = this.row(t, s, l.text);
    else if (s.rule) ok = this.rule();
    else if (s.total !== undefined) ok = this.totalLine(t.tokens[s.total].text);
    else if (s.end) ok = this.end();
    if (ok) this.ev.src.lines++;
    return ok;
  }

  /** A second header only where the old script printed one above its `TOTALS` row. */
  private header(): boolean {
    if (this.headers > 0 && (this.programs === 0 || this.ruled)) return false;
    this.headers++;
    return true;
  }

  private row(t: Tokens, s: Shape, text: string): boolean {
    if (this.ruled) return false;
    const ram = size(t.tokens[(s.sizes as number[])[2]].text);
    if (ram === null) return false;
    const program = text.slice(t.tokens[s.program as number].offset).trimEnd();
    if (program === 'TOTALS' && this.headers > 1) {
      this.total = ram; // the old script's totals: its own header, one row
      return true;
    }
    if (this.headers > 1) return false;
    const parsed = programOf(program);
    const { name, pid } = parsed;
    let count = parsed.count;
    if (this.rows.length + count > MAX_ROWS) {
      count = 1; // its processes not split: one row holds the program's whole figure
      this.unsplit++;
    }
    const share = Math.floor(ram / count);
    for (let i = 0; i < count; i++) {
      const r: ProcessRow = { command: name, rss_bytes: i === 0 ? ram - share * (count - 1) : share };
      if (pid !== undefined) r.pid = pid;
      this.rows.push(r);
    }
    this.programs++;
    return true;
  }

  /** `-----` above the total. */
  private rule(): boolean {
    if (this.ruled) return false;
    this.ruled = true;
    return true;
  }

  /** `=====` below the total: the table is over. */
  private end(): boolean {
    if (this.total === null) return false;
    this.ended = true;
    return true;
  }

  private totalLine(text: string): boolean {
    if (!this.ruled || this.total !== null) return false;
    this.total = size(text);
    return this.total !== null;
  }

  close(): void {
    const d = this.data;
    d.rows = this.rows;
    d.groups = groupsOf(this.rows);
    d.rss_known = true;
    if (this.total !== null) d.raw = { total_ram_used_bytes: this.total };
    if (this.programs === 0) d.partial = true;
    const total = this.total === null ? '' : `, ${(this.total / 1024 ** 2).toFixed(1)} MiB in all`;
    const unsplit = this.unsplit > 0 ? `; ${this.unsplit} programs left unsplit, the table being too long` : '';
    this.ev.message = `ps_mem: ${this.programs} programs, ${this.rows.length} processes${total} (RAM used per program, split evenly between its processes${unsplit})`;
    this.ctx.emit(this.ev);
  }
}

export const psMemMember: SnapshotMember = {
  id: ID,
  dataset: 'ps_mem',
  kind: 'snapshot.ps',
  commands: ['ps_mem', 'ps_mem.py'],
  sniff,
  starts: (text) => HEADER.test(text) || ROW.test(text),
  open: (ctx, lead, first) => new PsMemTable(ctx, first, lead),
  samples: [
    { line: ' Private  +   Shared  =  RAM used       Program', kind: 'snapshot.ps' },
    { line: ' Private  +   Shared  =  RAM used\tProgram', kind: 'snapshot.ps' },
    { line: '    784.0 KiB +   3.3 MiB =   4.1 MiB       php5-fpm (3)', kind: 'snapshot.ps' },
    { line: '804.3 MiB + 806.3 MiB =   1.6 GiB\tmysqld', kind: 'snapshot.ps' },
  ],
};
