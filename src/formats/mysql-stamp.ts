// The MySQL / MariaDB stamps and the file-level test for the format: what a stamp token means
// as a wall-clock time, and how sure the first lines of a file are a server's error log.
import type { RawStamp } from '../event.js';
import { PrefixReader } from './prefix.js';

/** Syslog / journald program names that are the server or its wrapper. */
export const SERVER_PROGRAM = /^(?:mysqld|mariadbd|mysqld_safe|mariadbd-safe|mysql|mariadb)$/;

/** `160521 11:06:36`, `2016-05-21T11:06:36.123456Z`, `2023-05-28  8:34:45`, `07:00:44 UTC`. */
export function parseMysqlStamp(type: string, text: string): RawStamp | null {
  if (type === 'stamp55') {
    const yy = Number(text.slice(0, 2));
    const [h, mi, s] = text.slice(6).trim().split(':').map(Number);
    return { year: yy < 70 ? 2000 + yy : 1900 + yy, month: Number(text.slice(2, 4)), day: Number(text.slice(4, 6)), hour: h, minute: mi, second: s };
  }
  if (type === 'stampIso') {
    const m = /^(\d{4})-(\d\d)-(\d\d)(?:T| {1,2})(\d{1,2}):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|([+-])(\d\d):?(\d\d))?$/.exec(text);
    if (!m) return null;
    const st: RawStamp = { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: +m[6] };
    if (m[7]) st.millis = Math.floor(Number(`0.${m[7]}`) * 1000);
    if (m[8] === 'Z') st.offsetMinutes = 0;
    else if (m[8]) st.offsetMinutes = (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
    return st;
  }
  if (type === 'stampUtc') {
    const [h, mi, s] = text.slice(0, 8).split(':').map(Number);
    return { hour: h, minute: mi, second: s, offsetMinutes: 0 };
  }
  return null;
}

const STAMPED_SHAPE = /^\s*(?:\d{6} |\d{4}-\d\d-\d\d|\d\d:\d\d:\d\d UTC)/;
const MYSQL_WORDS = /\[(?:Note|Warning|ERROR|System)\]|InnoDB: |mysqld_safe |mysqld|mariadbd|Aborted connection/;

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
    if (MYSQL_WORDS.test(text) && (STAMPED_SHAPE.test(text) || text.startsWith('InnoDB:'))) hits++;
  }
  if (n === 0 || hits === 0) return 0;
  return Math.min(1, 0.3 + hits / n);
}
