// The MySQL / MariaDB stamps and the file-level test for the format: the stamps' patterns, written
// once as small named pieces combined (as Luxon's regexParser combines its own), which the moo
// lexer of grammar/mysql-error.ne, the sniffer and the checks here all use; what a stamp token
// means as a wall-clock time; how sure the first lines of a file are a server's error log.
import type { RawStamp } from '../../event.js';
import type { Clock } from '../../time/clock.js';
import { PrefixReader } from '../prefix.js';

/** `160521`: 5.5's yymmdd. */
const DATE6 = String.raw`\d{6}`;
/** `2016-05-21`. */
const DATE = String.raw`\d{4}-\d\d-\d\d`;
/** `11:06:36`, `9:06:36`: the hour may be one digit. */
const CLOCK = String.raw`\d{1,2}:\d\d:\d\d`;
/** `.123456`: up to nanoseconds. */
const FRACTION = String.raw`(?:\.\d{1,9})?`;
/** `Z`, `+08:00`, `-0530`. */
const OFFSET = String.raw`(?:Z|[+-]\d\d:?\d\d)?`;
/** `07:00:44`: the crash banner's UTC time, two-digit hour. */
const CLOCK_UTC = String.raw`\d\d:\d\d:\d\d`;

const combine = (...pieces: string[]) => new RegExp(pieces.join(''));

/** `160521 11:06:36`, `160521  9:06:36` (5.5: the hour space-padded; mysqld_safe zero-pads). */
export const STAMP55 = combine(DATE6, ' {1,2}', CLOCK);
/** `2016-05-21 11:06:36`, `2016-05-21T11:06:36.123456Z`, `2023-05-28  8:34:45`, `...+08:00`. */
export const STAMP_ISO = combine(DATE, '(?:T| {1,2})', CLOCK, FRACTION, OFFSET);
/** `07:00:44 UTC - mysqld got signal 11 ;`. */
export const STAMP_UTC = combine(CLOCK_UTC, ' UTC');
/** A 5.5 stamp cut short (`160521 11:0`): a damaged line, not a message. */
export const STAMP55_CUT = combine('^', DATE6, String.raw` {1,2}\d{0,2}:?\d{0,2}:?\d?$`);

/** Syslog / journald program names that are the server or its wrapper. */
export const SERVER_PROGRAM = /^(?:mysqld|mariadbd|mysqld_safe|mariadbd-safe|mysql|mariadb)$/;

const d2 = (t: string, i: number) => (t.charCodeAt(i) - 48) * 10 + t.charCodeAt(i + 1) - 48;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** `9:06:36` or `11:06:36` from i: hour, minute, second (the lexer has checked the shape). */
function clockAt(t: string, i: number, st: RawStamp): number {
  let h = t.charCodeAt(i) - 48;
  let c = i + 1;
  if (isDigit(t.charCodeAt(c))) h = h * 10 + t.charCodeAt(c++) - 48;
  st.hour = h;
  st.minute = d2(t, c + 1);
  st.second = d2(t, c + 4);
  return c + 6;
}

/** The instant of a `160521 11:06:36` stamp at the start of `text` (as clock.instant(parseMysqlStamp(...))). */
export function stamp55Instant(text: string, clock: Clock): number {
  const yy = d2(text, 0);
  let i = text.charCodeAt(7) === 32 ? 8 : 7;
  let h = text.charCodeAt(i++) - 48;
  if (isDigit(text.charCodeAt(i))) h = h * 10 + text.charCodeAt(i++) - 48;
  return clock.wallInstant(yy < 70 ? 2000 + yy : 1900 + yy, d2(text, 2), d2(text, 4), h, d2(text, i + 1), d2(text, i + 4));
}

const ISO_WHOLE = combine('^', STAMP_ISO.source, '$');

/** `160521 11:06:36`, `2016-05-21T11:06:36.123456Z`, `2023-05-28  8:34:45`, `07:00:44 UTC` (lexer tokens), by character codes. */
export function parseMysqlStamp(type: string, text: string): RawStamp | null {
  if (type === 'stamp55') {
    const yy = d2(text, 0);
    const st: RawStamp = { year: yy < 70 ? 2000 + yy : 1900 + yy, month: d2(text, 2), day: d2(text, 4), hour: 0, minute: 0, second: 0 };
    clockAt(text, text.charCodeAt(7) === 32 ? 8 : 7, st);
    return st;
  }
  if (type === 'stampIso') {
    if (!ISO_WHOLE.test(text)) return null;
    const st: RawStamp = { year: d2(text, 0) * 100 + d2(text, 2), month: d2(text, 5), day: d2(text, 8), hour: 0, minute: 0, second: 0 };
    let i = clockAt(text, text.charCodeAt(11) === 32 ? 12 : 11, st);
    if (text.charCodeAt(i) === 46) {
      // the fraction's first three digits are the milliseconds (`.1` is 100 ms)
      let ms = 0;
      let n = 0;
      for (i++; isDigit(text.charCodeAt(i)); i++, n++) if (n < 3) ms = ms * 10 + text.charCodeAt(i) - 48;
      for (; n < 3; n++) ms *= 10;
      st.millis = ms;
    }
    const z = text.charCodeAt(i);
    if (z === 90) st.offsetMinutes = 0;
    else if (z === 43 || z === 45) {
      const m = text.charCodeAt(i + 3) === 58 ? i + 4 : i + 3;
      st.offsetMinutes = (z === 45 ? -1 : 1) * (d2(text, i + 1) * 60 + d2(text, m));
    }
    return st;
  }
  if (type === 'stampUtc') {
    return { hour: d2(text, 0), minute: d2(text, 3), second: d2(text, 6), offsetMinutes: 0 };
  }
  return null;
}

const STAMPED_SHAPE = combine(String.raw`^\s*(?:`, DATE6, ' |', DATE, '|', STAMP_UTC.source, ')');
const MYSQL_WORDS = /\[(?:Note|Warning|ERROR|System)\]|InnoDB: |mysqld_safe |mysqld|mariadbd|Aborted connection/;
/** A server line pasted without its stamp, the level first: `[ERROR] InnoDB: Cannot map ...`. */
const LEVEL_FIRST = /^\[(?:Note|Warning|ERROR|System)\] (?:\[|InnoDB: |Plugin |Aborting|mysqld|mariadbd|\/)/;

/** Share of the first lines that look like the server's (after collection prefixes). */
export function sniffMysql(lines: readonly string[]): number {
  let hits = 0;
  let n = 0;
  const prefixes = new PrefixReader();
  for (const raw of lines) {
    const s = prefixes.strip(raw);
    n++;
    if (s.syslog) {
      if (SERVER_PROGRAM.test(s.syslog.program)) hits++;
      continue;
    }
    const text = s.text;
    if (MYSQL_WORDS.test(text) && (STAMPED_SHAPE.test(text) || text.startsWith('InnoDB:') || LEVEL_FIRST.test(text))) hits++;
  }
  if (n === 0 || hits === 0) return 0;
  return Math.min(1, 0.3 + hits / n);
}
