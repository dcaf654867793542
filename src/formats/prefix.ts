// Prefixes added by the way logs are collected, peeled off before a grammar sees the line and
// kept as metadata: docker stream garbage bytes, `docker logs -t` and CRI stamps, compose
// `db_1  | `, Docker Desktop's host stamp, syslog / journald wrappers, `- ` bullets, MySQLTuner's
// `[--] 1) `, a paste's `> ` quote marks, glued code fences and indentation. Each layer is guarded
// by first-character checks, so a plain log runs no regex.
import { type SyslogLine, parseSyslog } from './syslog/syslog-prefix.js';

export interface Stripped {
  text: string;
  /** Bytes removed from the front (the line's offset moves by this much). */
  cut: number;
  meta?: Record<string, string>;
  /** The syslog / journald wrapper, when the line had one. */
  syslog?: SyslogLine;
}

const CRI = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)) (stdout|stderr) ([FP]) /;
const DOCKER_TS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:?\d\d)) /;
const HOST_STAMP = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) /;
const HOST_STAMP_COLON = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d:/;
const DATE_AHEAD = /^\d{4}-\d\d-\d\d[T ]/;
const COMPOSE = /^[_*]?([A-Za-z0-9][\w.-]{0,63}) *\| ?/; // `_mysql  | `: markdown emphasis before the name
/** A server or container stamp where a paste's indentation ends. */
const STAMP_AHEAD = /^(?:\d{4}-\d\d-\d\d[T ]|\d{6} {1,2}\d{1,2}:\d\d:\d\d|\d\d:\d\d:\d\d UTC)/;
const COMPOSE_CUT = /^ +\| ?(?=\d)/; // a paste that cut the service name off
const TUNER = /^\[--\] \d{1,6}\) /;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `2016-...`: four digits and a dash at `i`. */
function isoAt(t: string, i: number): boolean {
  return isDigit(t.charCodeAt(i)) && isDigit(t.charCodeAt(i + 3)) && t.charCodeAt(i + 4) === 45;
}

/**
 * `160521 11:06:36` / `160521  9:06:36`: a 5.5 stamp opens the line, so no prefix can (a compose
 * name would need ` |` after its first word; every other layer starts otherwise).
 */
function stamp55At(t: string): boolean {
  for (let i = 1; i < 6; i++) if (!isDigit(t.charCodeAt(i))) return false;
  if (t.charCodeAt(6) !== 32) return false;
  const c = t.charCodeAt(7);
  return isDigit(c) || (c === 32 && isDigit(t.charCodeAt(8)));
}

/**
 * Peels collection prefixes off lines of one file. Stateful on purpose: a style seen once (a
 * Docker Desktop host stamp, a compose service name) is trusted on the lines that follow.
 */
export class PrefixReader {
  private hostStamp = false;
  private dockerTs = false;
  private readonly services = new Set<string>();

  /** The styles trusted so far, as text (a parser's carried state, see SplitLineParser). */
  get state(): string {
    return JSON.stringify([this.hostStamp, this.dockerTs, [...this.services].sort()]);
  }

  set state(text: string) {
    const [hostStamp, dockerTs, services] = JSON.parse(text) as [boolean, boolean, string[]];
    this.hostStamp = hostStamp;
    this.dockerTs = dockerTs;
    this.services.clear();
    for (const s of services) this.services.add(s);
  }

  strip(raw: string): Stripped {
    // the common case, a line starting with its own stamp (`160521 ...`): no layer can apply
    const c0 = raw.charCodeAt(0);
    if (isDigit(c0) && stamp55At(raw)) return { text: raw, cut: 0 };
    if (isDigit(c0) && !isoAt(raw, 0) && raw.charCodeAt(10) !== 84 && raw.indexOf('|') < 0) return { text: raw, cut: 0 };
    let t = raw;
    let meta: Record<string, string> | undefined;
    const put = (k: string, v: string) => {
      meta ??= {};
      meta[k] = v;
    };
    let c = t.charCodeAt(0);
    if (c === 62 || c === 96 || c === 32 || c === 9) {
      const n = this.pasteWrap(t, c);
      if (n > 0) {
        put(c === 62 ? 'paste.quote' : c === 96 ? 'paste.fence' : 'paste.indent', t.slice(0, n));
        t = t.slice(n);
        c = t.charCodeAt(0);
      }
    }
    // `~2016-10-13T18:57:46.586Z ...`: a docker json-file frame header's printable leftover byte.
    if (t.length > 12 && !isDigit(c) && isoAt(t, 1) && t.charCodeAt(11) === 84) {
      put('docker.stream_garbage', t[0]);
      t = t.slice(1);
      c = t.charCodeAt(0);
    }
    if (isDigit(c) && isoAt(t, 0)) {
      const s = this.containerStamp(t);
      if (s) {
        put('container.time', s.stamp);
        if (s.stream) put('container.stream', s.stream);
        t = t.slice(s.len);
        c = t.charCodeAt(0);
      }
    }
    if (t.indexOf('|') > 0 || c === 32) {
      const m = COMPOSE.exec(t);
      if (m && this.composeLike(m[1], t.charCodeAt(m[0].length))) {
        put('container.name', m[1]);
        t = t.slice(m[0].length);
        c = t.charCodeAt(0);
      } else if (c === 32) {
        const cut = COMPOSE_CUT.exec(t);
        if (cut) {
          put('container.name', '');
          t = t.slice(cut[0].length);
          c = t.charCodeAt(0);
        }
      }
    }
    if (isDigit(c) && t.charCodeAt(10) === 32 && isoAt(t, 0)) {
      const h = this.hostPrefix(t);
      if (h) {
        put('container.time', h);
        t = t.slice(h.length + 1);
        c = t.charCodeAt(0);
      }
    }
    let syslog: SyslogLine | undefined;
    if ((c >= 65 && c <= 90 && t.charCodeAt(3) === 32) || (isDigit(c) && t.charCodeAt(10) === 84 && this.maybeIsoSyslog(t))) {
      const s = parseSyslog(t);
      if (s && /^[A-Za-z/_]/.test(s.program)) {
        syslog = s;
        t = s.rest;
        c = t.charCodeAt(0);
      }
    }
    if (c === 45 && t.charCodeAt(1) === 32 && isDigit(t.charCodeAt(2))) {
      put('paste.bullet', '-');
      t = t.slice(2);
    } else if (c === 91 && t.startsWith('[--] ')) {
      const m = TUNER.exec(t);
      if (m) {
        put('quoted_by', 'mysqltuner');
        t = t.slice(m[0].length);
      }
    }
    if (t.length === raw.length) return { text: raw, cut: 0 };
    const out: Stripped = { text: t, cut: Buffer.byteLength(raw.slice(0, raw.length - t.length)) };
    if (meta) out.meta = meta;
    if (syslog) out.syslog = syslog;
    return out;
  }

  /** CRI (`... stderr F `) or `docker logs -t` (`2016-10-13T18:57:46.586597078Z `) before the line. */
  private containerStamp(t: string): { stamp: string; stream?: string; len: number } | null {
    if (t.charCodeAt(10) !== 84) return null;
    const sp = t.indexOf(' ');
    if (sp < 0) return null;
    const next = t.charCodeAt(sp + 1);
    if (next === 115) {
      const m = CRI.exec(t);
      if (m) return { stamp: m[1], stream: m[2], len: m[0].length };
    }
    // MySQL 5.7 stamps its own lines the same way, with exactly six fraction digits. A docker
    // stamp has up to nine, or is followed by the program's own dated line.
    let frac = 0;
    if (t.charCodeAt(19) === 46) {
      let i = 20;
      while (isDigit(t.charCodeAt(i))) i++;
      frac = i - 20;
    }
    if (!this.dockerTs && frac <= 6 && !isoAt(t, sp + 1)) return null;
    const m = DOCKER_TS.exec(t);
    if (!m) return null;
    this.dockerTs = true;
    return { stamp: m[1], len: m[0].length };
  }

  /**
   * A paste's wrapping before the log text, as a length: `> ` quote marks (a quoted empty line is
   * all wrapping), a code fence glued to the first line (`` ```2024-11-21T14:29:08Z ``), or the
   * indentation of a markdown code block (tabs, spaces) when a stamp follows it.
   */
  private pasteWrap(t: string, c: number): number {
    if (c === 62) return t.length === 1 ? 1 : t.charCodeAt(1) === 32 ? 2 : 0;
    let n = 1;
    while (n < 16 && t.charCodeAt(n) === c) n++;
    if (c === 96) return n <= 3 && isDigit(t.charCodeAt(n)) ? n : 0;
    while (n < 16 && (t.charCodeAt(n) === 32 || t.charCodeAt(n) === 9)) n++;
    return isDigit(t.charCodeAt(n)) && STAMP_AHEAD.test(t.slice(n)) ? n : 0;
  }

  /**
   * Docker Desktop's local-time stamp before the server's own (`2023-06-13 13:08:54 2023-06-13 12:08:54 ...`),
   * or a log viewer's stamp glued with a colon (`2016-03-28 01:15:17:160327 17:15:17 [ERROR] ...`):
   * no server writes a colon right after its stamp, so that form is always a prefix.
   */
  private hostPrefix(t: string): string | null {
    if (t.charCodeAt(19) === 58 && HOST_STAMP_COLON.test(t)) return t.slice(0, 19);
    if (!this.hostStamp && !isoAt(t, 20)) return null;
    const m = HOST_STAMP.exec(t);
    if (!m) return null;
    const rest = t.slice(m[0].length);
    if (DATE_AHEAD.test(rest)) {
      this.hostStamp = true;
      return m[1];
    }
    // Once the file has shown its host stamps, a host stamp before an undated line is one too;
    // a server stamp is followed by a thread id (digits), never by other text.
    if (this.hostStamp && !isDigit(rest.charCodeAt(0))) return m[1];
    return null;
  }

  /** `2016-05-21T18:49:20+0800 host mysqld[1]: `: worth a regex only when a name follows the stamp. */
  private maybeIsoSyslog(t: string): boolean {
    if (this.dockerTs) return false;
    const sp = t.indexOf(' ');
    const n = t.charCodeAt(sp + 1);
    return sp > 0 && !isDigit(n) && n !== 91;
  }

  /** `db_1  | `, `php74_1 | `, `1Panel-mysql-JhRU  | `: a compose service, not a table cell. */
  private composeLike(name: string, after: number): boolean {
    if (this.services.has(name) || /[_-]\d+$/.test(name) || isDigit(after) || after === 91) {
      this.services.add(name);
      return true;
    }
    return false;
  }
}

/** Stateless strip of one line (each call trusts only what the line itself shows). */
export function stripPrefix(text: string): Stripped {
  return new PrefixReader().strip(text);
}
