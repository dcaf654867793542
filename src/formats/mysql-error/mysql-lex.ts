// The MySQL error-log lexer (grammar/mysql-error.ne) by character codes: the same tokens as the
// moo lexer, rule for rule (a differential test holds it to that), without running a combined
// regex per token. Error logs run to millions of lines; moo stays the definition and the fallback.
import type { Token } from 'moo';
import type { Tokens } from '../token-parse.js';

const enum T {
  stamp55 = 1,
  stampIso,
  stampUtc,
  body,
  sp,
  thread,
  code,
  bracket,
  csv,
}
const NAMES = ['', 'stamp55', 'stampIso', 'stampUtc', 'body', 'sp', 'thread', 'code', 'bracket', 'csv'];
/** Token-type sequences longer than this get no numeric key (base 10 keys stay exact integers). */
const MAX_CODED = 15;

const digit = (c: number) => c >= 48 && c <= 57;
const ws = (c: number) => c === 32 || c === 9;
const letter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Character classes of the rules, as bits per ASCII code (one table, no callback per character). */
const DIGIT = 1;
const WS = 2;
const LOWER_HEX = 4;
const ANY_HEX = 8;
const LETTER = 16;
const LETTER_OR_SPACE = 32;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if (digit(c)) CLASS[c] |= DIGIT | LOWER_HEX | ANY_HEX;
  if (ws(c)) CLASS[c] |= WS;
  if (c >= 97 && c <= 102) CLASS[c] |= LOWER_HEX | ANY_HEX;
  if (c >= 65 && c <= 70) CLASS[c] |= ANY_HEX;
  if (letter(c)) CLASS[c] |= LETTER | LETTER_OR_SPACE;
  if (c === 32) CLASS[c] |= LETTER_OR_SPACE;
}

/** Length of the run of characters of class `cls` from p. */
function run(s: string, p: number, cls: number): number {
  let q = p;
  for (; q < s.length; q++) {
    const c = s.charCodeAt(q);
    if (c >= 128 || (CLASS[c] & cls) === 0) break;
  }
  return q - p;
}

/** `\d{1,2}:\d\d:\d\d` at p (hour greedy, as the regex backtracks); the end, or -1. */
function clock(s: string, p: number): number {
  if (!digit(s.charCodeAt(p))) return -1;
  const c = digit(s.charCodeAt(p + 1)) ? p + 2 : p + 1;
  if (s.charCodeAt(c) !== 58 || !digit(s.charCodeAt(c + 1)) || !digit(s.charCodeAt(c + 2))) return -1;
  if (s.charCodeAt(c + 3) !== 58 || !digit(s.charCodeAt(c + 4)) || !digit(s.charCodeAt(c + 5))) return -1;
  return c + 6;
}

/** ` {1,2}` then the clock: two spaces are taken when there are two. */
function spacedClock(s: string, p: number): number {
  if (s.charCodeAt(p) !== 32) return -1;
  return clock(s, s.charCodeAt(p + 1) === 32 ? p + 2 : p + 1);
}

function digitsAt(s: string, p: number, n: number): boolean {
  for (let i = p; i < p + n; i++) if (!digit(s.charCodeAt(i))) return false;
  return true;
}

/** stamp55: `\d{6} {1,2}\d{1,2}:\d\d:\d\d`. */
function stamp55(s: string): number {
  return digitsAt(s, 0, 6) ? spacedClock(s, 6) : -1;
}

/** stampIso: `\d{4}-\d\d-\d\d(?:T| {1,2})\d{1,2}:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?`. */
function stampIso(s: string): number {
  if (!digitsAt(s, 0, 4) || s.charCodeAt(4) !== 45 || !digitsAt(s, 5, 2) || s.charCodeAt(7) !== 45 || !digitsAt(s, 8, 2)) return -1;
  let e = s.charCodeAt(10) === 84 ? clock(s, 11) : spacedClock(s, 10);
  if (e < 0) return -1;
  if (s.charCodeAt(e) === 46) {
    const r = run(s, e + 1, DIGIT);
    if (r > 0) e += 1 + Math.min(r, 9);
  }
  const z = s.charCodeAt(e);
  if (z === 90) return e + 1;
  if ((z === 43 || z === 45) && digitsAt(s, e + 1, 2)) {
    if (s.charCodeAt(e + 3) === 58) return digitsAt(s, e + 4, 2) ? e + 6 : e;
    return digitsAt(s, e + 3, 2) ? e + 5 : e;
  }
  return e;
}

/** stampUtc: `\d\d:\d\d:\d\d UTC`. */
function stampUtc(s: string): number {
  const e = digit(s.charCodeAt(1)) ? clock(s, 0) : -1;
  return e === 8 && s.startsWith(' UTC', 8) ? 12 : -1;
}

/** thread: `(?:0x[0-9a-fA-F]{1,16}|[0-9a-f]{6,16}|\d{1,20})(?=[ \t])`. */
function thread(s: string, p: number): number {
  if (s.charCodeAt(p) === 48 && s.charCodeAt(p + 1) === 120) {
    const r = run(s, p + 2, ANY_HEX);
    if (r >= 1 && r <= 16 && ws(s.charCodeAt(p + 2 + r))) return p + 2 + r;
  }
  const h = run(s, p, LOWER_HEX);
  if (h >= 6 && h <= 16 && ws(s.charCodeAt(p + h))) return p + h;
  const d = run(s, p, DIGIT);
  if (d >= 1 && d <= 20 && ws(s.charCodeAt(p + d))) return p + d;
  return -1;
}

/** code: `\[MY-\d+\](?=[ \t])`. */
function code(s: string, p: number): number {
  if (!s.startsWith('[MY-', p)) return -1;
  const d = run(s, p + 4, DIGIT);
  const q = p + 4 + d;
  return d > 0 && s.charCodeAt(q) === 93 && ws(s.charCodeAt(q + 1)) ? q + 1 : -1;
}

/** bracket: `\[[A-Za-z][A-Za-z ]{0,15}\](?=[ \t])`. */
function bracket(s: string, p: number): number {
  if (!letter(s.charCodeAt(p + 1))) return -1;
  const m = run(s, p + 2, LETTER_OR_SPACE);
  const q = p + 2 + m;
  return m <= 15 && s.charCodeAt(q) === 93 && ws(s.charCodeAt(q + 1)) ? q + 1 : -1;
}

/** csv: `, \d{1,20}, [A-Za-z]{1,12}, `. */
function csv(s: string, p: number): number {
  if (s.charCodeAt(p + 1) !== 32) return -1;
  const d = run(s, p + 2, DIGIT);
  let q = p + 2 + d;
  if (d < 1 || d > 20 || s.charCodeAt(q) !== 44 || s.charCodeAt(q + 1) !== 32) return -1;
  const l = run(s, q + 2, LETTER);
  q += 2 + l;
  return l >= 1 && l <= 12 && s.charCodeAt(q) === 44 && s.charCodeAt(q + 1) === 32 ? q + 2 : -1;
}

/** `[ERROR]`, `[Warning]`, `[Note]`, `[System]` before a blank: the main state's level, a line without its stamp. */
function level(s: string): number {
  if (s.charCodeAt(0) !== 91) return -1;
  const e = s.indexOf(']', 1);
  if (e < 0 || !ws(s.charCodeAt(e + 1))) return -1;
  const w = s.slice(1, e);
  return w === 'ERROR' || w === 'Warning' || w === 'Note' || w === 'System' ? e + 1 : -1;
}

/** A token's type and end in one number (no allocation, no shared state): `end * 16 + type`. */
type Packed = number;
const typeOf = (t: Packed): T => t % 16;
const endOf = (t: Packed): number => Math.floor(t / 16);

/**
 * The next token at p in the head state (`tags` false: right after the stamp) or the tags state
 * (after the thread id, a tag or the csv fields: no thread id, no csv): its type and end, packed.
 */
function headToken(s: string, p: number, tags: boolean): Packed {
  const c = s.charCodeAt(p);
  if (ws(c)) return (p + run(s, p, WS)) * 16 + T.sp;
  let q = tags ? -1 : thread(s, p);
  let type = T.thread;
  if (q < 0 && c === 91) {
    q = code(s, p);
    type = T.code;
    if (q < 0) {
      q = bracket(s, p);
      type = T.bracket;
    }
  } else if (q < 0 && c === 44 && !tags) {
    q = csv(s, p);
    type = T.csv;
  }
  return q < 0 ? s.length * 16 + T.body : q * 16 + type;
}

/**
 * The tokens of the last record lexed, as offsets into it: one object reused for every record,
 * so a line costs no allocation beyond the texts the parser asks for. Read it before the next
 * record is lexed; `tokens` builds moo-style Token objects (shape-cache misses, tests).
 */
class LexedRecord implements Tokens {
  text = '';
  count = 0;
  key = '';
  code?: number;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private types = new Uint8Array(64);

  reset(text: string): void {
    this.text = text;
    this.count = 0;
    this.key = '';
    this.code = 0;
  }

  push(type: T, from: number, to: number): void {
    const i = this.count++;
    if (i === this.types.length) this.grow();
    this.starts[i] = from;
    this.ends[i] = to;
    this.types[i] = type;
    if (this.code !== undefined) this.code = i < MAX_CODED ? this.code * 10 + type : undefined;
  }

  textAt(i: number): string {
    return this.text.slice(this.starts[i], this.ends[i]);
  }

  typeAt(i: number): string {
    return NAMES[this.types[i]];
  }

  startAt(i: number): number {
    return this.starts[i];
  }

  get tokens(): Token[] {
    const out: Token[] = [];
    for (let i = 0; i < this.count; i++) {
      const text = this.textAt(i);
      out.push({ type: this.typeAt(i), value: text, text, offset: this.starts[i], index: i } as unknown as Token);
    }
    return out;
  }

  private grow(): void {
    const n = this.types.length * 2;
    const [starts, ends, types] = [new Int32Array(n), new Int32Array(n), new Uint8Array(n)];
    starts.set(this.starts);
    ends.set(this.ends);
    types.set(this.types);
    [this.starts, this.ends, this.types] = [starts, ends, types];
  }
}

const record = new LexedRecord();

/**
 * Lex one record as the moo lexer would. `code` numbers the token-type sequence (base 10, one
 * digit per token) so a shape cache can skip building the string key; absent for long sequences.
 * The result is shared: valid until the next call.
 */
export function lexMysql(s: string): LexedRecord {
  record.reset(s);
  let p = stamp55(s);
  let type = T.stamp55;
  if (p < 0) {
    p = stampIso(s);
    type = T.stampIso;
  }
  if (p < 0) {
    p = stampUtc(s);
    type = T.stampUtc;
  }
  let tags = false;
  if (p < 0) {
    p = level(s);
    type = T.bracket;
    tags = true;
  }
  if (p < 0) {
    if (s.length > 0) record.push(T.body, 0, s.length);
  } else {
    record.push(type, 0, p);
    while (p < s.length) {
      const packed = headToken(s, p, tags);
      const t = typeOf(packed);
      const end = endOf(packed);
      if (t === T.thread || t === T.code || t === T.bracket || t === T.csv) tags = true;
      record.push(t, p, end);
      p = end;
    }
  }
  if (record.code === undefined) record.key = record.tokens.map((t) => t.type).join(' ');
  return record;
}

export type { LexedRecord };

/** Where a 5.5 stamp opening the text ends (as the lexer reads it), or -1. */
export const stamp55End = stamp55;

/** Where an ISO stamp opening the text ends (as the lexer reads it), or -1. */
export const stampIsoEnd = stampIso;

/** Whether the lexer reads the text from p on as one body token (no thread, level or code first), in the head or the tags state. */
export function bodyAt(s: string, p: number, tags: boolean): boolean {
  return p < s.length && typeOf(headToken(s, p, tags)) === T.body;
}
