// The `top` lexer's main state (grammar/top.ne) for process-table lines, by character codes: the
// same tokens as moo (a differential test holds it to that) without its combined regex per
// token. A watcher's month of rounds is mostly process rows. It answers only lines it is sure of:
// printable ASCII cells and blanks, no cell where a header or summary rule (`top - `, `Tasks:`,
// `Mem:`, `%Cpu(s):`, ...) could start; any other line is left to moo (null).
import type { Token } from 'moo';
import type { Tokens } from '../token-parse.js';
import { MEM_LEADS, SWAP_LEADS, TASKS_LEADS, alternation } from './top-words.js';

/** Where a rule of the main state other than the cell rules could match (the grammar's words, top-words.ts): a superset, checked at a cell's start. */
const SPECIAL = new RegExp(
  `top - \\d|(?:${alternation(TASKS_LEADS)}):|CPU: {1,4}\\d|Load average: \\d|%?C(?:pu|PU)(?:\\(s\\)|\\d)|(?:[KMGTPE]iB +)?(?:${alternation([...MEM_LEADS, ...SWAP_LEADS])}) *:`,
  'y',
);
/** First characters of SPECIAL's alternatives: only a cell starting with one is checked. */
const SPECIAL_FIRST = new Set([...'tCL%KMGTPE', ...[...TASKS_LEADS, ...MEM_LEADS, ...SWAP_LEADS].map((w) => w[0])].map((c) => c.charCodeAt(0)));

const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;

/** End of the run of digits from p. */
function digits(s: string, p: number, q: number): number {
  while (p < q && isDigit(s.charCodeAt(p))) p++;
  return p;
}

/** `\d\d` at p (within q). */
function twoDigits(s: string, p: number, q: number): boolean {
  return p + 2 <= q && isDigit(s.charCodeAt(p)) && isDigit(s.charCodeAt(p + 1));
}

/** clock: `\d+(?:-\d\d)?:\d\d(?::\d\d)?(?:\.\d+)?` over the whole cell [p, q) whose digits run to d. */
function isClock(s: string, d: number, q: number): boolean {
  let i = d;
  if (s.charCodeAt(i) === 45) {
    if (!twoDigits(s, i + 1, q)) return false;
    i += 3;
  }
  if (s.charCodeAt(i) !== 58 || !twoDigits(s, i + 1, q)) return false;
  i += 3;
  if (i < q && s.charCodeAt(i) === 58) {
    if (!twoDigits(s, i + 1, q)) return false;
    i += 3;
  }
  if (i < q && s.charCodeAt(i) === 46) {
    const e = digits(s, i + 1, q);
    if (e === i + 1) return false;
    i = e;
  }
  return i === q;
}

/** The cell rule a whole cell [p, q) of printable ASCII matches first, in the grammar's order. */
function cellType(s: string, p: number, q: number): string {
  const c = s.charCodeAt(p);
  if (c === 46 && q - p >= 3) {
    let i = p;
    while (i < q && s.charCodeAt(i) === 46) i++;
    if (i === q) return 'dots';
  }
  if (isDigit(c)) {
    const d = digits(s, p, q);
    if (d === q) return 'int';
    const sep = s.charCodeAt(d);
    let e = d;
    if (sep === 46 || sep === 44) {
      e = digits(s, d + 1, q);
      if (e > d + 1 && e === q) return 'dec';
      if (e === d + 1) e = -1;
    }
    if (e > 0 && e === q - 1 && 'kmgtpeKMGTPE'.includes(s[e])) return 'size';
    if (isClock(s, d, q)) return 'clock';
    return 'text';
  }
  if (c === 45) {
    const d = digits(s, p + 1, q);
    return d > p + 1 && d === q ? 'neg' : 'text';
  }
  if (c === 37) {
    let i = p + 1;
    while (i < q && isUpper(s.charCodeAt(i))) i++;
    return i > p + 1 && i === q ? 'col' : 'text';
  }
  if (isUpper(c)) {
    let i = p + 1;
    for (; i < q; i++) {
      const x = s.charCodeAt(i);
      if (!isUpper(x) && !isDigit(x) && x !== 95) break;
    }
    if (i < q && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 46)) i++; // TIME+, fr UTIL.
    return i === q ? 'col' : 'text';
  }
  return 'text';
}

/** Digits of the shape code per cell type (spaces alternate with cells, so they need none). */
const CODE: Record<string, number> = { dots: 1, int: 2, neg: 3, dec: 4, size: 5, clock: 6, col: 7, text: 8 };
/** Lines of more cells get no numeric code (base 9 with two flag bits stays an exact integer). */
const MAX_CODED_CELLS = 15;

function token(type: string, s: string, from: number, to: number, index: number): Token {
  const text = s.slice(from, to);
  return { type, value: text, text, offset: from, lineBreaks: 0, line: 1, col: from + 1, index } as unknown as Token;
}

/**
 * The tokens moo's main state gives this line, or null when the line is not one this scanner is
 * sure of. `code` numbers the token-type sequence (cell types in base 9, then whether the line
 * opens and ends with blanks) so the shape cache needs no string key; lines of many cells get the key.
 */
export function lexTopCells(s: string): Tokens | null {
  const tokens: Token[] = [];
  let cells = 0;
  let code = 0;
  let p = 0;
  const n = s.length;
  while (p < n) {
    const c = s.charCodeAt(p);
    let q = p + 1;
    let type: string;
    if (c === 32 || c === 9) {
      while (q < n && (s.charCodeAt(q) === 32 || s.charCodeAt(q) === 9)) q++;
      type = 'sp';
    } else {
      if (c < 33 || c > 126) return null;
      for (; q < n; q++) {
        const x = s.charCodeAt(q);
        if (x === 32 || x === 9) break;
        if (x < 33 || x > 126) return null;
      }
      if (SPECIAL_FIRST.has(c)) {
        SPECIAL.lastIndex = p;
        if (SPECIAL.test(s)) return null;
      }
      type = cellType(s, p, q);
      code = code * 9 + CODE[type];
      cells++;
    }
    tokens.push(token(type, s, p, q, tokens.length));
    p = q;
  }
  if (cells > MAX_CODED_CELLS) return { tokens, key: tokens.map((t) => t.type).join(' ') };
  const lead = tokens.length > 0 && tokens[0].type === 'sp' ? 2 : 0;
  const trail = tokens.length > 0 && tokens[tokens.length - 1].type === 'sp' ? 1 : 0;
  return { tokens, key: '', code: code * 4 + lead + trail };
}
