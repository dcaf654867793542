// The syslog / journald wrapper around a program's own line: `May 21 18:49:20 host prog[123]: `
// (RFC 3164, year-less), `2016-05-21T18:49:20+0800 host prog[123]: ` (journalctl -o short-iso),
// `2016-05-21T18:49:20.123456+08:00 host prog[123]: ` (rsyslog high-precision). Parsed without a
// regex backtracking over the message; shared by every format that can arrive inside syslog.
import type { RawStamp } from '../event.js';
import { MONTHS } from './months.js';

export interface SyslogLine {
  stamp: RawStamp;
  host: string;
  program: string;
  pid?: number;
  /** The program's own text, after `prog[pid]: `. */
  rest: string;
  /** Characters of the line taken by the prefix. */
  cut: number;
}


const BSD = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d) /;
const ISO = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:?\d\d)? /;
const HOST_PROG = /^(\S{1,255}) ([^\s:[]{1,128})(?:\[(\d{1,10})\])?: ?/;

function offsetOf(z: string): number {
  if (z === 'Z') return 0;
  const sign = z[0] === '-' ? -1 : 1;
  const digits = z.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/** The syslog wrapper of a line, or null when the line has none. */
export function parseSyslog(text: string): SyslogLine | null {
  let stamp: RawStamp;
  let len: number;
  const b = BSD.exec(text);
  if (b) {
    const month = MONTHS[b[1]];
    if (!month) return null;
    stamp = { month, day: Number(b[2]), hour: Number(b[3]), minute: Number(b[4]), second: Number(b[5]) };
    len = b[0].length;
  } else {
    const i = ISO.exec(text);
    if (!i) return null;
    stamp = { year: +i[1], month: +i[2], day: +i[3], hour: +i[4], minute: +i[5], second: +i[6] };
    if (i[7]) stamp.millis = Math.floor(Number(`0.${i[7]}`) * 1000);
    if (i[8]) stamp.offsetMinutes = offsetOf(i[8]);
    len = i[0].length;
  }
  const hp = HOST_PROG.exec(text.slice(len));
  if (!hp) return null;
  const cut = len + hp[0].length;
  return {
    stamp,
    host: hp[1],
    program: hp[2],
    pid: hp[3] !== undefined ? Number(hp[3]) : undefined,
    rest: text.slice(cut),
    cut,
  };
}
