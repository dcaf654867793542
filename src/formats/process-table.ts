// Process tables read by their header: which column holds the pid, user, resident and virtual
// size and the command, whatever the column set and order (top's PID USER ... RES ... COMMAND,
// `ps aux`, `ps -eaF`, `ps -eo pid,rss,comm`). Rows become ProcessRows; groups sum them by name.
import type { ProcessGroup, ProcessRow } from '../event.js';
import type { Token } from 'moo';
import { sizeBytes } from './units.js';

type Role = 'pid' | 'user' | 'command' | 'rss' | 'vsz';

const ROLES: Record<string, Role> = {
  PID: 'pid',
  USER: 'user',
  USERNAME: 'user', // BSD top
  UID: 'user',
  RUSER: 'user',
  COMMAND: 'command',
  CMD: 'command',
  ARGS: 'command',
  COMM: 'command',
  // top's column names in procps-ng's translations (po/): de, es, fr, pt_BR, ro, pl, sv
  BEFEHL: 'command',
  ORDEN: 'command',
  COMANDO: 'command',
  COMANDA: 'command',
  KOMENDA: 'command',
  KOMMANDO: 'command',
  USUARIO: 'user',
  'UTIL.': 'user', // fr
  'UTILIZ.': 'user', // ro
  'COM.': 'command', // fr
  REZ: 'rss',
  WIRT: 'vsz',
  RES: 'rss',
  RSS: 'rss',
  RSZ: 'rss',
  RSSIZE: 'rss',
  VIRT: 'vsz',
  VSZ: 'vsz',
  VSIZE: 'vsz',
  SIZE: 'vsz', // BSD top: the virtual size
};

export interface Columns {
  names: string[];
  /** Column index per role. */
  at: Partial<Record<Role, number>>;
}

/** The columns of a header line, or null when it has no PID or no command column. */
export function columnsOf(names: string[]): Columns | null {
  const at: Partial<Record<Role, number>> = {};
  names.forEach((n, i) => {
    const r = ROLES[n];
    if (r && at[r] === undefined) at[r] = i;
  });
  if (at.pid === undefined || at.command === undefined) return null;
  return { names, at };
}

/**
 * One row read against the columns: cells are the row's cell tokens (spaces left out), `text`
 * the whole line (the last column, the command, runs to its end). Null when the row does not fit.
 */
export function rowOf(cols: Columns, cells: Token[], text: string): ProcessRow | null {
  const n = cols.names.length;
  const cmdAt = cols.at.command as number;
  const cmdLast = cmdAt === n - 1;
  if (cmdLast ? cells.length < n : cells.length !== n) return null;
  const cell = (i: number | undefined) => (i === undefined ? undefined : cells[i]);
  const pidTok = cell(cols.at.pid) as Token;
  if (pidTok.type !== 'int') return null;
  const command = cmdLast ? text.slice(cells[cmdAt].offset).trimEnd() : cells[cmdAt].text;
  const row: ProcessRow = { pid: Number(pidTok.text), command, rss_bytes: 0 };
  const user = cell(cols.at.user);
  if (user) row.user = user.text;
  const rss = cell(cols.at.rss);
  if (rss) {
    const b = sizeBytes(rss.text, 1024);
    if (b === null) return null;
    row.rss_bytes = b;
  }
  const vsz = cell(cols.at.vsz);
  if (vsz) {
    const b = sizeBytes(vsz.text, 1024);
    if (b === null) return null;
    row.vsz_bytes = b;
  }
  return row;
}

/**
 * The line up to the end of its `n`th space-separated field. A row's grammar needs only the cells
 * before the command and the command's first word; the rest of the command is read from the
 * line itself. This keeps token sequences short (and their shapes few) however long the command.
 */
/** More fields than any header or summary line has: what a line is cut to before its header is known. */
export const MAX_FIELDS = 64;

export function firstFields(text: string, n: number): string {
  let fields = 0;
  let inField = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 9;
    if (!space && !inField) fields++;
    else if (space && inField && fields === n) return text.slice(0, i);
    inField = !space;
  }
  return text;
}

/** A process's name for grouping: `[kthreadd]` → kthreadd, `/usr/sbin/mysqld --x` → mysqld, `php-fpm: pool www` → php-fpm. */
export function processName(command: string): string {
  let c = command.trim();
  if (c.startsWith('[') && c.endsWith(']')) c = c.slice(1, -1);
  let first = c.split(/[ \t]/, 1)[0] ?? c;
  if (first.startsWith('/')) first = first.slice(first.lastIndexOf('/') + 1);
  if (first.endsWith(':')) first = first.slice(0, -1);
  return first || c;
}

/** Rows per process name: count, summed and largest RSS; largest RSS first. */
export function groupsOf(rows: readonly ProcessRow[]): ProcessGroup[] {
  const by = new Map<string, ProcessGroup>();
  for (const r of rows) {
    const name = processName(r.command);
    const g = by.get(name) ?? { command: name, count: 0, rss_bytes: 0, max_rss_bytes: 0 };
    g.count++;
    g.rss_bytes += r.rss_bytes;
    g.max_rss_bytes = Math.max(g.max_rss_bytes, r.rss_bytes);
    by.set(name, g);
  }
  return [...by.values()].sort((a, b) => b.rss_bytes - a.rss_bytes || b.count - a.count || a.command.localeCompare(b.command));
}
