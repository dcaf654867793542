// Adapter for `smem`'s process view (`smem`, `-t` total, `-k` sizes like `2.4M`, `-p` percentages,
// `-c` column sets, `-P`/`-U` filters): one row per process read by the header's columns, counting
// from both ends because the command (cut at 27 characters) may hold spaces. RSS is the row's
// resident size; the `-t` total line's figures go to `raw`. One `snapshot.ps` per table.
import type { ProcessRow, SnapshotData } from '../../event.js';
import grammar, { lexer } from '../../generated/smem.js';
import type { Line } from '../../read/lines.js';
import { groupsOf } from '../process-table.js';
import { type BlockReader, type Lead, MAX_LINE, type SnapshotMember, blockEvent, commandOf } from '../snapshot-family.js';
import { type Tokens, shapeParser } from '../token-parse.js';
import type { FormatContext } from '../types.js';
import { sizeBytes } from '../units.js';

const ID = 'smem';

interface Shape {
  header?: number[];
  cells?: number[];
  rule?: true;
}

export const smemShapes = shapeParser<Shape>(grammar, lexer);

// a process view's header: PID and a command column among smem's titles, USS or PSS in it
const HEADER = /^ *(?=.*\bPID\b)(?=.*\b(?:Command|Name)\b)(?:(?:PID|User|Command|Name|Swap|USS|PSS|RSS|VSS|Maps) +)*(?:USS|PSS)\b/;

function sniff(lines: readonly string[]): number {
  return lines.some((t) => HEADER.test(t)) ? 0.95 : 0;
}

interface Columns {
  names: string[];
  /** Where the command column is: the cells before it and after it are one token each. */
  command: number;
}

/** smem prints sizes in KiB, or with a unit letter under `-k`: bytes, or null (a `-p` percentage). */
function kib(text: string): number | null {
  return text.endsWith('%') ? null : sizeBytes(text, 1024);
}

class SmemTable implements BlockReader {
  private readonly data: SnapshotData = {};
  private readonly ev;
  private cols: Columns | null = null;
  private readonly rows: ProcessRow[] = [];
  private ruled = false;
  private totalled = false;
  private percent = false;

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
    if (l.text.trim() === '') return false;
    if (l.text.length > MAX_LINE || this.totalled) return false;
    const t = smemShapes.lex(l.text);
    const s = t ? smemShapes.shape(t) : null;
    if (!t || !s) return false;
    let ok = false;
    if (s.header) ok = this.header(t, s.header);
    else if (s.rule) ok = this.rule();
    else if (s.cells) ok = this.ruled ? this.total(t, s.cells) : this.row(t, s.cells, l.text);
    if (ok) this.ev.src.lines++;
    return ok;
  }

  private header(t: Tokens, idx: number[]): boolean {
    if (this.cols) return false;
    const names = idx.map((i) => t.tokens[i].text);
    const command = names.findIndex((n) => n === 'Command' || n === 'Name');
    if (command < 0 || !names.includes('PID')) return false; // `-u`, `-m`, `-w`: no process rows
    this.cols = { names, command };
    return true;
  }

  private rule(): boolean {
    if (!this.cols || this.ruled) return false;
    this.ruled = true;
    return true;
  }

  /** The cells by column: the command is the text between the cells before and after it. */
  private split(t: Tokens, cells: number[], text: string): { by: Map<string, string>; command: string } | null {
    const c = this.cols as Columns;
    const after = c.names.length - 1 - c.command;
    if (cells.length < c.command + after) return null;
    const by = new Map<string, string>();
    c.names.slice(0, c.command).forEach((n, i) => by.set(n, t.tokens[cells[i]].text));
    const tail = cells.slice(cells.length - after);
    c.names.slice(c.command + 1).forEach((n, i) => by.set(n, t.tokens[tail[i]].text));
    const mid = cells.slice(c.command, cells.length - after);
    const command = mid.length === 0 ? '' : text.slice(t.tokens[mid[0]].offset, t.tokens[mid[mid.length - 1]].offset + t.tokens[mid[mid.length - 1]].text.length);
    return { by, command };
  }

  private row(t: Tokens, cells: number[], text: string): boolean {
    if (!this.cols) return false;
    const cut = this.split(t, cells, text);
    if (!cut || cut.command === '') return false;
    const pid = Number(cut.by.get('PID'));
    if (!Number.isSafeInteger(pid)) return false;
    const row: ProcessRow = { pid, command: cut.command, rss_bytes: 0 };
    const user = cut.by.get('User');
    if (user !== undefined) row.user = user;
    for (const [col, field] of [['RSS', 'rss_bytes'], ['VSS', 'vsz_bytes']] as const) {
      const v = cut.by.get(col);
      if (v === undefined) continue;
      const b = kib(v);
      if (b === null && !v.endsWith('%')) return false;
      if (b === null) this.percent = true;
      else row[field] = b;
    }
    this.rows.push(row);
    return true;
  }

  /** `-t`: the process count, the user count, then each column's sum. */
  private total(t: Tokens, cells: number[], text = ''): boolean {
    const cut = this.split(t, cells, text);
    if (!cut || cut.command !== '') return false;
    const raw: Record<string, number> = {};
    for (const [col, v] of cut.by) {
      if (col === 'PID') raw.processes = Number(v);
      else if (col !== 'User') {
        const b = kib(v);
        if (b !== null) raw[`total_${col.toLowerCase()}_bytes`] = b;
      }
    }
    this.data.raw = raw;
    this.totalled = true;
    return true;
  }

  close(): void {
    const d = this.data;
    if (this.cols) {
      d.rows = this.rows;
      d.groups = groupsOf(this.rows);
      d.rss_known = this.cols.names.includes('RSS') && !this.percent;
      this.ev.message = `smem: ${this.rows.length} processes (${this.cols.names.join(' ')})`;
    } else d.partial = true;
    this.ctx.emit(this.ev);
  }
}

export const smemMember: SnapshotMember = {
  id: ID,
  dataset: 'smem',
  kind: 'snapshot.ps',
  commands: ['smem'],
  sniff,
  starts: (text) => HEADER.test(text),
  open: (ctx, lead, first) => new SmemTable(ctx, first, lead),
  samples: [
    { line: '  PID User     Command                         Swap      USS      PSS      RSS ', kind: 'snapshot.ps' },
    { line: '    PID User    Command                          Swap     USS      PSS      RSS ', kind: 'snapshot.ps' },
  ],
};
