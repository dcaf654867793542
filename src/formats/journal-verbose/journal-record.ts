// One line of `journalctl -o verbose` read by its grammar: a record's header (its wall clock and
// cursor), a `KEY=value` field, or a journalctl marker; null for anything else. Also the record's
// instant: `__REALTIME_TIMESTAMP=` (microseconds since the epoch) or the cursor's `t=` (the same
// in hex) are exact; the header's clock alone is exact only when its zone is UTC or an offset.
import type { RawStamp } from '../../event.js';
import grammar, { lexer } from '../../generated/journal-verbose.js';
import { shapeParser } from '../token-parse.js';

interface Shape {
  header?: true;
  date?: number;
  clock?: number;
  zone?: number;
  cursor?: number;
  field?: number;
  marker?: number;
}

const shapes = shapeParser<Shape>(grammar, lexer);

export type JournalLine =
  | { type: 'header'; stamp: RawStamp; zone: string; realtimeMs?: number }
  | { type: 'field'; key: string; value: string }
  | { type: 'marker' };

/** Latest instant read from a log (year 9999): a larger one is hostile or corrupt. */
const MAX_MS = 253402300799999;

/** Microseconds since the epoch, as text in base 10 or 16, to milliseconds; undefined when absurd. */
export function microsToMs(text: string, radix: 10 | 16): number | undefined {
  if (text.length === 0 || text.length > 17) return undefined;
  const us = Number.parseInt(text, radix);
  const ms = Math.floor(us / 1000);
  return Number.isFinite(ms) && ms > 0 && ms <= MAX_MS ? ms : undefined;
}

const T_OF_CURSOR = /;t=([0-9a-f]{1,16});/;

/** The header's wall clock as a stamp (offset 0 for UTC / GMT, the offset when it prints one). */
function stampOf(date: string, clock: string, zone: string): RawStamp {
  const stamp: RawStamp = { year: +date.slice(0, 4), month: +date.slice(5, 7), day: +date.slice(8, 10), hour: +clock.slice(0, 2), minute: +clock.slice(3, 5), second: +clock.slice(6, 8) };
  if (clock.length > 9) stamp.millis = Math.floor(Number(`0${clock.slice(8)}`) * 1000);
  if (zone === 'UTC' || zone === 'GMT' || zone === 'Z') stamp.offsetMinutes = 0;
  else if (zone[0] === '+' || zone[0] === '-') {
    const digits = zone.slice(1).replace(':', '');
    stamp.offsetMinutes = (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  return stamp;
}

/**
 * A field line, the lexer's `indent` and `field` rules in one anchored regex: most lines of a dump
 * are fields, so once the grammar has read one for a reader, the others skip the lexer.
 */
const FIELD = /^ {4}([A-Za-z0-9_]{1,64})=/;

/** Reads one dump's lines: the grammar for each until it has read a field, then the fast path for fields. */
export class JournalLines {
  private fieldShape = false;

  read(text: string): JournalLine | null {
    if (this.fieldShape) {
      const f = FIELD.exec(text);
      if (f) return { type: 'field', key: f[1], value: text.slice(f[0].length) };
    }
    const j = readWithGrammar(text);
    if (j?.type === 'field') this.fieldShape = true;
    return j;
  }
}

/** The line as its grammar reads it, or null (not a verbose record's line): detection and sniffing. */
export function readJournalLine(text: string): JournalLine | null {
  return readWithGrammar(text);
}

/** The same, always through the lexer and grammar (the tests compare the two). */
export function readWithGrammar(text: string): JournalLine | null {
  const c = text.charCodeAt(0);
  // cheap guards: a header opens with a weekday's capital, a field with its indent, a marker with `-`
  if (c !== 32 && c !== 45 && !(c >= 65 && c <= 90)) return null;
  const t = shapes.lex(text);
  const s = t ? shapes.shape(t) : null;
  if (!t || !s) return null;
  const at = (i: number | undefined) => t.tokens[i ?? 0].text;
  if (s.header) {
    const zone = at(s.zone);
    const cursor = T_OF_CURSOR.exec(at(s.cursor));
    const line: JournalLine = { type: 'header', stamp: stampOf(at(s.date), at(s.clock), zone), zone };
    const ms = cursor ? microsToMs(cursor[1], 16) : undefined;
    if (ms !== undefined) line.realtimeMs = ms;
    return line;
  }
  if (s.field !== undefined) {
    const f = at(s.field);
    const eq = f.indexOf('=');
    return { type: 'field', key: f.slice(0, eq), value: f.slice(eq + 1) };
  }
  return { type: 'marker' };
}

/** Is this a verbose record's header? (The container's detection.) */
export function isJournalHeader(text: string): boolean {
  return readJournalLine(text)?.type === 'header';
}

/** The fields of a record that place it and route its MESSAGE; the others are only counted. */
const KEPT = new Set(['MESSAGE', 'SYSLOG_IDENTIFIER', '_COMM', 'SYSLOG_PID', '_PID', '_HOSTNAME', '__REALTIME_TIMESTAMP', 'PRIORITY']);

/** A record being read: its header (absent when an excerpt starts mid-record) and kept fields. */
export class JournalEntry {
  readonly fields = new Map<string, string>();

  constructor(readonly header: Extract<JournalLine, { type: 'header' }> | null) {}

  add(key: string, value: string): void {
    if (KEPT.has(key) && !this.fields.has(key)) this.fields.set(key, value);
  }

  /** Who logged it: SYSLOG_IDENTIFIER, else _COMM, as a syslog tag (no blanks, colons, brackets). */
  get program(): string | undefined {
    const p = this.fields.get('SYSLOG_IDENTIFIER') ?? this.fields.get('_COMM');
    return p === undefined ? undefined : p.replace(/[\s:[\]]/g, '_').slice(0, 128) || undefined;
  }

  get pid(): number | undefined {
    const p = this.fields.get('SYSLOG_PID') ?? this.fields.get('_PID');
    return p !== undefined && /^\d{1,10}$/.test(p) ? Number(p) : undefined;
  }

  /** The exact instant, when the record gives one. */
  get exactMs(): number | undefined {
    const rt = this.fields.get('__REALTIME_TIMESTAMP');
    const ms = rt !== undefined && /^\d{1,17}$/.test(rt) ? microsToMs(rt, 10) : undefined;
    if (ms !== undefined) return ms;
    return this.header?.realtimeMs;
  }

  /** The record's time as a syslog stamp text: UTC when exact, else the header's clock (and offset). */
  stampText(): string | null {
    const ms = this.exactMs;
    if (ms !== undefined) return new Date(ms).toISOString(); // an instant, printed in UTC
    const s = this.header?.stamp;
    if (!s) return null;
    const p = (n: number | undefined, w = 2) => String(n ?? 0).padStart(w, '0');
    const frac = s.millis !== undefined ? `.${p(s.millis, 3)}` : '';
    const off = s.offsetMinutes;
    const zone = off === undefined ? '' : `${off < 0 ? '-' : '+'}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
    return `${p(s.year, 4)}-${p(s.month)}-${p(s.day)}T${p(s.hour)}:${p(s.minute)}:${p(s.second)}${frac}${zone}`;
  }

  /**
   * The MESSAGE as the journal line of its program would read (`<stamp> <host> <prog>[<pid>]: <text>`,
   * the host left out when the record names none), or null without MESSAGE or a time.
   */
  asSyslogLine(): string | null {
    const message = this.fields.get('MESSAGE');
    const stamp = this.stampText();
    if (message === undefined || stamp === null) return null;
    const program = this.program ?? 'unknown';
    const pid = this.pid;
    const host = this.fields.get('_HOSTNAME')?.replace(/[\s:]/g, '_').slice(0, 254);
    const tag = program === 'kernel' || pid === undefined ? program : `${program}[${pid}]`;
    // a hostless line needs a pid or `kernel` to be read as one (syslog-prefix.ts)
    const who = host ? `${host} ${tag}` : tag === program && program !== 'kernel' ? `- ${tag}` : tag;
    return `${stamp} ${who}: ${message}`;
  }
}
