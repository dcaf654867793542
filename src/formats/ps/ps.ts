// Adapter for `ps` tables read by their header (`ps aux`, `ps -ef`, `ps -eaF`, `ps -eo ...`,
// `ps x`), headerless `ps -ef`/`ps aux` rows (pt-mysql-summary), and `pstree` (counts per name).
// One `snapshot.ps` event per table. A table with no RSS column keeps its rows but says
// `rss_known: false`, so nobody reads its zero sizes as memory.
import type { ProcessGroup, ProcessRow, SnapshotData } from '../../event.js';
import grammar, { lexer } from '../../generated/ps.js';
import type { Line } from '../../read/lines.js';
import { type Columns, MAX_FIELDS, columnsOf, firstFields, groupsOf, rowOf } from '../process-table.js';
import { type BlockReader, type Lead, type SnapshotMember, blockEvent, commandOf } from '../snapshot-family.js';
import { type Tokens, shapeParser } from '../token-parse.js';
import type { FormatContext } from '../types.js';

const ID = 'ps';

interface Shape {
  header?: number[];
  cells?: number[];
  tree?: true;
}

export const psShapes = shapeParser<Shape>(grammar, lexer);

const CAPS = /^ *[A-Z%][A-Z%+ ]*$/;
const CMD_COL = /(?:^| )(?:CMD|COMMAND|ARGS|COMM)(?: |$)/;
const TOP_COL = /(?:^| )(?:VIRT|RES)(?: |$)/;
// Headerless rows: `ps -ef` (UID PID PPID C STIME TTY TIME CMD) and `ps aux`.
const EF_ROW = /^\S+ +\d+ +\d+ +\d+ +(?:\d\d:\d\d|[A-Z][a-z]{2}\d\d|\d{4}) +\S+ +(?:\d+-)?\d\d:\d\d:\d\d +\S/;
const AUX_ROW = /^\S+ +\d+ +\d+[.,]\d +\d+[.,]\d +\d+ +\d+ +\S+ +\S+ +\S+ +\d+:\d\d +\S/;
const EF_COLS = ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'];
const AUX_COLS = ['USER', 'PID', '%CPU', '%MEM', 'VSZ', 'RSS', 'TTY', 'STAT', 'START', 'TIME', 'COMMAND'];
const PSTREE = /^pstree\b/;
const TREE = /^ *(?:[^\s(]*\(\d+\)|\S*[\u2500-\u257f]|[|`]-)/;

function isHeader(text: string): boolean {
  return CAPS.test(text) && / PID |^ *PID /.test(text) && CMD_COL.test(text) && !TOP_COL.test(text);
}

function sniff(lines: readonly string[]): number {
  let hits = 0;
  for (const t of lines) {
    if (isHeader(t)) return 0.9;
    if (EF_ROW.test(t) || AUX_ROW.test(t) || (TREE.test(t) && /\(\d+\)|[\u2500-\u257f]/.test(t))) hits++;
  }
  return hits === 0 ? 0 : Math.min(0.8, 0.3 + hits / lines.length);
}

class PsTable implements BlockReader {
  private readonly data: SnapshotData = {};
  private readonly ev;
  private cols: Columns | null = null;
  private readonly rows: ProcessRow[] = [];
  private readonly tree = new Map<string, number>();
  private treeLines = 0;
  /** Waiting for the root line of a `pstree` (its first line may have no tree characters). */
  private treeRoot: boolean;

  constructor(
    private readonly ctx: FormatContext,
    first: Line,
    lead: Lead,
  ) {
    this.ev = blockEvent(ctx, ID, 'snapshot.ps', first, lead, this.data);
    const command = commandOf(ctx, lead);
    if (command) this.data.command = command;
    this.treeRoot = PSTREE.test(command ?? '') && !TREE.test(first.text);
    if (EF_ROW.test(first.text)) this.cols = columnsOf(EF_COLS);
    else if (AUX_ROW.test(first.text)) this.cols = columnsOf(AUX_COLS);
  }

  take(l: Line): boolean {
    if (l.text.trim() === '') return this.rows.length === 0 && this.treeLines === 0;
    const t = psShapes.lex(firstFields(l.text, this.cols ? this.cols.names.length + 1 : MAX_FIELDS));
    const s = t ? psShapes.shape(t) : null;
    if (!t || !s) return false;
    let ok = false;
    if (s.tree) ok = this.rows.length === 0 && !this.cols && this.treeLine(t);
    else if (s.cells && this.treeRoot) {
      this.tree.set(t.tokens[s.cells[0]].text, 1); // `systemd --switched-root ...`: the root, with arguments
      this.treeLines++;
      this.treeRoot = false;
      ok = true;
    }
    else if (s.header) ok = this.header(t, s.header);
    else if (s.cells && this.cols && this.treeLines === 0) {
      const r = rowOf(this.cols, s.cells.map((i) => t.tokens[i]), l.text);
      if (r) this.rows.push(r);
      ok = r !== null;
    }
    if (ok) this.ev.src.lines++;
    return ok;
  }

  private header(t: Tokens, idx: number[]): boolean {
    if (this.cols || this.treeLines > 0) return false;
    this.cols = columnsOf(idx.map((i) => t.tokens[i].text));
    return this.cols !== null;
  }

  /** Count the processes a pstree line names: threads (`{mysqld}`) are not, nor `-a` arguments. */
  private treeLine(t: Tokens): boolean {
    this.treeRoot = false;
    const add = (name: string, n: number) => this.tree.set(name, (this.tree.get(name) ?? 0) + n);
    let prev = '';
    for (const tok of t.tokens) {
      if (tok.type === 'tproc') add(tok.text.slice(0, tok.text.lastIndexOf('(')), 1);
      else if (tok.type === 'tgroup') {
        const star = tok.text.indexOf('*');
        const n = Number(tok.text.slice(0, star));
        for (const name of tok.text.slice(star + 2, -1).split(/[\u2500-\u257f]+/)) if (name) add(name, n);
      } else if (tok.type === 'text' && (prev === '' || prev === 'tconn')) add(tok.text, 1); // not `pstree -a` arguments
      prev = tok.type ?? '';
    }
    this.treeLines++;
    return true;
  }

  close(): void {
    const d = this.data;
    if (this.treeLines > 0) {
      const groups: ProcessGroup[] = [...this.tree].map(([command, count]) => ({ command, count, rss_bytes: 0, max_rss_bytes: 0 }));
      d.groups = groups.sort((a, b) => b.count - a.count || a.command.localeCompare(b.command));
      d.rss_known = false;
      this.ev.message = `pstree: ${groups.reduce((n, g) => n + g.count, 0)} processes`;
    } else if (this.cols) {
      d.rows = this.rows;
      d.groups = groupsOf(this.rows);
      d.rss_known = this.cols.at.rss !== undefined;
      this.ev.message = `ps: ${this.rows.length} processes (${this.cols.names.join(' ')})`;
    }
    this.ctx.emit(this.ev);
  }
}

export const psMember: SnapshotMember = {
  id: ID,
  dataset: 'ps',
  kind: 'snapshot.ps',
  commands: ['ps'],
  echoes: ['pstree'],
  sniff,
  // after `pstree -a`, the root's line (`systemd --switched-root ...`) has no tree characters
  starts: (text, command) => isHeader(text) || EF_ROW.test(text) || AUX_ROW.test(text) || TREE.test(text) || PSTREE.test(command ?? ''),
  open: (ctx, lead, first) => new PsTable(ctx, first, lead),
  samples: [
    { line: 'USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND', kind: 'snapshot.ps' },
    { line: 'UID        PID  PPID  C    SZ   RSS PSR STIME TTY          TIME CMD', kind: 'snapshot.ps' },
    { line: '  PID TTY      STAT   TIME COMMAND', kind: 'snapshot.ps' },
    { line: 'root      1690     1  0 12:52 ?        00:00:00 /bin/sh /usr/bin/mysqld_safe', kind: 'snapshot.ps' },
    { line: 'systemd(1)─┬─php-fpm(1234)─┬─php-fpm(1235)', kind: 'snapshot.ps' },
  ],
};
