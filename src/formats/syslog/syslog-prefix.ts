// The syslog / journald wrapper around a program's own line: `May 21 18:49:20 host prog[123]: `
// (RFC 3164, year-less, seconds with a fraction for journalctl -o short-precise; the month may be
// another locale's, `avril 16`, `апр 28`, `5月 29`),
// `2016-05-21T18:49:20+0800 host prog[123]: ` (journalctl -o short-iso), rsyslog's high-precision
// ISO stamp, and OpenWrt's `logread` (`Sat Jan 25 09:40:15 2020 kern.err kernel: `). The host may
// be missing (`mars 01 10:28:39 systemd[1]: `). Parsed without a regex backtracking over the
// message; shared by every format that can arrive inside syslog.
import type { RawStamp } from '../../event.js';
import { MONTHS, monthOf } from '../months.js';

export interface SyslogLine {
  stamp: RawStamp;
  /** '' when the line names no host (logread, a journal printed without hostnames). */
  host: string;
  /** logread's `kern.err`: the facility and level where other forms have the host. */
  facility?: string;
  program: string;
  pid?: number;
  /** The program's own text, after `prog[pid]: `. */
  rest: string;
  /** Characters of the line taken by the prefix. */
  cut: number;
}


// `Mar 10 04:12:01.123456 ` too: journalctl -o short-precise
const BSD = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))? /;
// Another locale's month: letters (`avril`, `Mär`, `апр`, `janv.`) or a number and 月 / 월, which
// `%b` pads to the width of two digits (journalctl in ko_KR prints ` 9월 06 09:48:20`).
const LOCAL_BSD = /^(\p{L}{2,8}\.?| ?\d{1,2}[月월]) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))? /u;
// OpenWrt logread: `Sat Jan 25 09:40:15 2020 kern.err kernel: `
const LOGREAD = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d) (\d{4}) /;
const FACILITY = /^[a-z]{2,8}\d?\.(?:emerg|alert|crit|err|warn|warning|notice|info|debug)$/;
// No host: `systemd-oomd[666]: `, `kernel: `
const HOSTLESS = /^(?:([^\s:[]{1,128})\[(\d{1,10})\]|(kernel)): ?/;
const ISO = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:?\d\d)? /;
const HOST_PROG = /^(\S{0,254}[^\s:]) ([^\s:[]{1,128})(?:\[(\d{1,10})\])?: ?/;

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
  const b = BSD.exec(text) ?? LOCAL_BSD.exec(text);
  const r = b ? null : LOGREAD.exec(text);
  if (b) {
    const month = monthOf(b[1].trimStart());
    if (!month) return null;
    stamp = { month, day: Number(b[2]), hour: Number(b[3]), minute: Number(b[4]), second: Number(b[5]) };
    if (b[6]) stamp.millis = Math.floor(Number(`0.${b[6]}`) * 1000);
    len = b[0].length;
  } else if (r) {
    const month = MONTHS[r[1]];
    if (!month) return null;
    stamp = { year: +r[6], month, day: +r[2], hour: +r[3], minute: +r[4], second: +r[5] };
    len = r[0].length;
  } else {
    const i = ISO.exec(text);
    if (!i) return null;
    stamp = { year: +i[1], month: +i[2], day: +i[3], hour: +i[4], minute: +i[5], second: +i[6] };
    if (i[7]) stamp.millis = Math.floor(Number(`0.${i[7]}`) * 1000);
    if (i[8]) stamp.offsetMinutes = offsetOf(i[8]);
    len = i[0].length;
  }
  const after = text.slice(len);
  const hp = HOST_PROG.exec(after);
  if (hp) {
    const cut = len + hp[0].length;
    // `-` is RFC 5424's nil host (and what a journal record with no _HOSTNAME is given)
    const line: SyslogLine = { stamp, host: hp[1] === '-' ? '' : hp[1], program: hp[2], pid: hp[3] !== undefined ? Number(hp[3]) : undefined, rest: text.slice(cut), cut };
    if (r && FACILITY.test(hp[1])) {
      line.host = '';
      line.facility = hp[1];
    }
    return line;
  }
  const bare = HOSTLESS.exec(after);
  if (!bare) return null;
  const cut = len + bare[0].length;
  return { stamp, host: '', program: bare[1] ?? bare[3], pid: bare[2] !== undefined ? Number(bare[2]) : undefined, rest: text.slice(cut), cut };
}
