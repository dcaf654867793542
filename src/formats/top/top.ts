// Adapter for `top -b` frames (procps 3.2 `Mem: 1018508k total`, procps-ng `MiB Mem :` with the
// transitional `free. 123632 cached Mem`, 4.x `309 sleep, 0 d-sleep`, translated summaries: German
// `MiB Spch :`, Spanish `Tareas:` / `MiB Intercambio:` / `búf/caché`, see top-words.ts), busybox
// top (`Mem: 449532K used, ...`, no RSS column) and headerless process tables (pt-summary). One frame
// is one `snapshot.top` event: memory in bytes, load, tasks, uptime, every process row. top prints
// only a time of day, so the frame carries a pending stamp for the dating stage.
import type { MemoryTotals, ProcessRow, SnapshotData } from '../../event.js';
import grammar, { lexer } from '../../generated/top.js';
import type { Line } from '../../read/lines.js';
import { type Columns, MAX_FIELDS, columnsOf, firstFields, groupsOf, rowOf } from '../process-table.js';
import { type BlockReader, type Lead, type SnapshotMember, blockEvent, commandOf } from '../snapshot-family.js';
import { type Tokens, shapeParser } from '../token-parse.js';
import type { FormatContext } from '../types.js';
import { num, sizeBytes, unitBytes, unitLetter } from '../units.js';
import { MEM_LABELS, MEM_LEADS, SWAP_LABELS, SWAP_LEADS, TASKS_LEADS, TASK_LABELS, alternation, carriedField } from './top-words.js';

const ID = 'top';

interface Shape {
  clock?: number;
  days?: number;
  hhmm?: number;
  mins?: number;
  load?: [number, number, number];
  lead?: number;
  /** Each figure: its value token, then its label's token(s) (`2 en cours`: two words). */
  items?: number[][];
  header?: number[];
  cells?: number[];
  dots?: number;
  bb?: number;
  bbLoad?: number;
}

export const topShapes = shapeParser<Shape>(grammar, lexer);

const HEADER = /^top - \d{1,2}:\d\d:\d\d up /;
const SUMMARY = new RegExp(
  `^(?:(?:${alternation(TASKS_LEADS)}): +\\d|%?C(?:pu|PU)\\(s\\): |(?:[KMGTPE]iB +)?(?:${alternation([...MEM_LEADS, ...SWAP_LEADS])}) *: +[\\d.,]+k? \\S+,|Mem: \\d+K used, \\d+K free, )`,
);
// the user column translated (es `USUARIO`), pl `WIRT`/`REZ`
const TABLE = /^ *PID +(?:\S+ +PR +NI +[VW]IRT +RE[SZ]\b|USERNAME +(?:THR +)?PRI +NICE +SIZE +RES\b|PPID +USER +STAT +VSZ +%VSZ +(?:CPU +)?%CPU +COMMAND)/;
const BB_MEM = /^Mem: \d+K used, \d+K free, \d+K shrd, /;
const BB_LOAD = /^Load average: (\d+\.\d+) (\d+\.\d+) (\d+\.\d+) (\d+)\/(\d+)/;

function sniff(lines: readonly string[]): number {
  let hits = 0;
  for (const t of lines) {
    if (HEADER.test(t) || BB_MEM.test(t)) return 0.95;
    if (SUMMARY.test(t) || TABLE.test(t)) hits++;
  }
  return hits === 0 ? 0 : Math.min(0.9, 0.5 + hits / 10);
}

/** The bytes one bare number of a summary line stands for: `KiB Mem :` → 1024; `Mem:` (k suffix) → 1024. */
function summaryUnit(lead: string): number {
  const m = /^([KMGTPE])iB/.exec(lead);
  const letter = m ? unitLetter(m[1]) : null;
  return letter ? unitBytes(letter) : 1024;
}

type TaskCounts = NonNullable<SnapshotData['tasks']>;

class Frame implements BlockReader {
  private readonly data: SnapshotData = {};
  private readonly ev;
  private memory: MemoryTotals = {};
  private header = false;
  private summary = false;
  private cols: Columns | null = null;
  private rows: ProcessRow[] = [];

  constructor(
    private readonly ctx: FormatContext,
    first: Line,
    lead: Lead,
  ) {
    this.ev = blockEvent(ctx, ID, 'snapshot.top', first, lead, this.data);
    const command = commandOf(ctx, lead);
    if (command) this.data.command = command;
  }

  take(l: Line): boolean {
    if (l.text.trim() === '') return this.rows.length === 0; // a blank after the rows ends the frame
    const t = topShapes.lex(firstFields(l.text, this.cols ? this.cols.names.length + 1 : MAX_FIELDS));
    const s = t ? topShapes.shape(t) : null;
    if (!t || !s) return false;
    let ok: boolean;
    if (s.clock !== undefined) ok = this.topHeader(t, s);
    else if (s.lead !== undefined) ok = this.summaryLine(t, s);
    else if (s.header !== undefined) ok = this.tableHeader(t, s.header);
    else if (s.cells !== undefined) ok = this.row(t, s.cells, l.text);
    else if (s.bb !== undefined) ok = !this.cols; // busybox's CPU: line, nothing about memory
    else if (s.bbLoad !== undefined) ok = this.busyboxLoad(t.tokens[s.bbLoad].text);
    else {
      ok = s.dots !== undefined; // `...`: the paste cut the frame here
      if (ok) this.data.partial = true;
    }
    if (ok) this.ev.src.lines++;
    return ok;
  }

  close(): void {
    const d = this.data;
    if (Object.keys(this.memory).length > 0) d.memory = this.memory;
    if (this.cols) {
      d.rows = this.rows;
      d.groups = groupsOf(this.rows);
      d.rss_known = this.cols.at.rss !== undefined;
    } else if (this.header) d.partial = true;
    if (d.tasks?.total !== undefined && this.cols && this.rows.length < d.tasks.total) d.partial = true;
    this.ctx.emit(this.ev);
  }

  private topHeader(t: Tokens, s: Shape): boolean {
    if (this.header || this.summary || this.cols) return false; // the next frame
    this.header = true;
    const tok = (i: number | undefined) => (i === undefined ? '' : t.tokens[i].text);
    const [hour, minute, second] = tok(s.clock).split(':').map(Number);
    this.ev.pending = { stamp: { hour, minute, second } };
    let up = s.days !== undefined ? Number(tok(s.days)) * 86400 : 0;
    if (s.hhmm !== undefined) {
      const [h, m] = tok(s.hhmm).split(':').map(Number);
      up += h * 3600 + m * 60;
    }
    if (s.mins !== undefined) up += Number(tok(s.mins)) * 60;
    this.data.uptime_seconds = up;
    if (s.load) this.data.load = s.load.map((i) => num(tok(i))) as [number, number, number];
    this.ev.message = t.tokens.map((x) => x.text).join('').trim();
    return true;
  }

  private summaryLine(t: Tokens, s: Shape): boolean {
    if (this.cols) return false;
    this.summary = true;
    const lead = t.tokens[s.lead as number];
    const items = (s.items ?? []).map(([v, ...k]) => [t.tokens[v], k.map((i) => t.tokens[i].text).join(' ')] as const);
    if (lead.type === 'leadTasks') {
      const tasks: TaskCounts = {};
      for (const [v, k] of items) if (TASK_LABELS[k]) tasks[TASK_LABELS[k]] = Number(v.text);
      this.data.tasks = tasks;
    } else if (lead.type === 'leadMem' || lead.type === 'leadSwap') {
      const unit = summaryUnit(lead.text);
      const labels = lead.type === 'leadMem' ? MEM_LABELS : SWAP_LABELS;
      for (const [v, k] of items) {
        const field = labels[k] ?? carriedField(k);
        if (!field || v.type === 'numTrunc') continue; // `13191484+total`: digits lost, no value
        const b = sizeBytes(v.text, unit);
        if (b !== null) this.memory[field] = b;
      }
      if (lead.type === 'leadMem' && !items.some(([, k]) => MEM_LABELS[k] === 'total_bytes')) this.busyboxTotal();
    }
    return true;
  }

  /** busybox prints no total: it is used + free. A figure above it is busybox's own overflow bug. */
  private busyboxTotal(): void {
    const m = this.memory;
    if (m.used_bytes === undefined || m.free_bytes === undefined) return;
    m.total_bytes = m.used_bytes + m.free_bytes;
    for (const k of ['buffers_bytes', 'cached_bytes'] as const) if ((m[k] ?? 0) > m.total_bytes) delete m[k];
  }

  /** busybox `Load average: 0.00 0.01 0.05 1/111 598`: the loads, running/total tasks, last pid. */
  private busyboxLoad(text: string): boolean {
    const m = BB_LOAD.exec(text);
    if (!m || this.cols) return false;
    this.summary = true;
    this.data.load = [Number(m[1]), Number(m[2]), Number(m[3])];
    this.data.tasks = { running: Number(m[4]), total: Number(m[5]) };
    return true;
  }

  private tableHeader(t: Tokens, header: number[]): boolean {
    if (this.cols) return false;
    const cols = columnsOf(header.map((i) => t.tokens[i].text));
    if (!cols) return false;
    this.cols = cols;
    if (!this.header) this.ev.message = `top process table: ${t.tokens.map((x) => x.text).join('').trim()}`;
    return true;
  }

  private row(t: Tokens, cells: number[], text: string): boolean {
    if (!this.cols) return false;
    const r = rowOf(this.cols, cells.map((i) => t.tokens[i]), text);
    if (!r) return false;
    this.rows.push(r);
    return true;
  }
}

export const topMember: SnapshotMember = {
  id: ID,
  dataset: 'top',
  kind: 'snapshot.top',
  commands: ['top'],
  echoes: ['htop'],
  sniff,
  starts: (text) => HEADER.test(text) || SUMMARY.test(text) || TABLE.test(text),
  open: (ctx, lead, first) => new Frame(ctx, first, lead),
  samples: [
    { line: 'top - 23:42:33 up 113 days, 23:49,  1 user,  load average: 0.03, 0.05, 0.00', kind: 'snapshot.top' },
    { line: 'top - 05:02:02 up 27 min,  1 user,  load average: 3.92, 3.93, 3.32', kind: 'snapshot.top' },
    { line: 'top - 11:20:21 up 8 days,  4:56,  5 users,  load average: 1.12, 1.90, 2.24', kind: 'snapshot.top' },
    { line: 'top - 21:50:05 up 20:47,  0 users,  load average: 0.02, 0.03, 0.06', kind: 'snapshot.top' },
    { line: 'Mem:   1018508k total,   949960k used,    68548k free,     2616k buffers', kind: 'snapshot.top' },
    { line: 'MiB Mem :  24105.6 total,  23487.5 free,    486.2 used,    409.0 buff/cache     ', kind: 'snapshot.top' },
    { line: 'KiB Swap:        0 total,        0 used,        0 free.   123632 cached Mem', kind: 'snapshot.top' },
    { line: 'Tasks: 413 total, 1 running, 309 sleep, 0 d-sleep, 0 stopped, 103 zombie', kind: 'snapshot.top' },
    { line: 'MiB Spch :  15937,3 total,  11392,4 free,   2832,9 used,   2176,4 buff/cache    ', kind: 'snapshot.top' },
    { line: 'Mem: 449532K used, 159356K free, 0K shrd, 0K buff, 139914323006485K cached', kind: 'snapshot.top' },
    { line: '  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND', kind: 'snapshot.top' },
    { line: '  PID USER      PR  NI  VIRT  RES  SHR S %CPU %MEM    TIME+  COMMAND', kind: 'snapshot.top' },
  ],
};
