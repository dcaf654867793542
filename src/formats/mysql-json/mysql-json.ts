// MySQL 8's JSON error log (log_sink_json): each record's `msg` means what the classic line with
// that text means (buffer pool mmap failure, out of memory, start, ready, shutdown...), so a record
// is read as that line: `<time> <thread> [<label>] [MY-<err_code>] [<subsystem>] <msg>`, handed to
// the mysql-error format's own parser, dated by `time` (or `ts`, milliseconds since the epoch).
// A line that is not a flat JSON object with a `msg` is counted unrecognized; nothing throws.
import grammar, { lexer } from '../../generated/mysql-json.js';
import type { Line } from '../../read/lines.js';
import { mysqlError } from '../mysql-error/mysql-error.js';
import { shapeParser } from '../token-parse.js';
import { type Format, type FormatContext, type LineParser, unrecognized } from '../types.js';

const ID = 'mysql-json';

const shapes = shapeParser<[number, number][]>(grammar, lexer);

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)$/;
const LABELS = new Set(['System', 'Error', 'Warning', 'Note']);
const SUBSYSTEM = /^[A-Za-z][\w-]{0,31}$/;

/** The record's fields (strings decoded, numbers as text), or null when the line is not a record. */
export function readRecord(text: string): Map<string, string> | null {
  if (text.charCodeAt(text.search(/\S/)) !== 123) return null; // `{`
  const t = shapes.lex(text);
  const pairs = t ? shapes.shape(t) : null;
  if (!t || !pairs) return null;
  const fields = new Map<string, string>();
  for (const [k, v] of pairs) {
    const key = decode(t.tokens[k].text);
    const raw = t.tokens[v].text;
    const value = raw.startsWith('"') ? decode(raw) : raw;
    if (key === null || value === null) return null;
    if (!fields.has(key)) fields.set(key, value);
  }
  return fields.has('msg') ? fields : null;
}

/** A JSON string token's text (the lexer took only valid escapes; a lone surrogate stays as is). */
function decode(token: string): string | null {
  try {
    return JSON.parse(token) as string;
  } catch {
    return null;
  }
}

/** The classic error-log line a record stands for. */
export function classicLine(f: Map<string, string>): string {
  const msg = (f.get('msg') ?? '').replace(/[\r\n]+/g, ' ').trim();
  let time = f.get('time');
  const ts = f.get('ts');
  if ((time === undefined || !ISO.test(time)) && ts !== undefined && /^\d{1,15}$/.test(ts)) time = new Date(Number(ts)).toISOString();
  if (time === undefined || !ISO.test(time)) return msg; // no time: the line as an unstamped one
  const thread = /^\d{1,20}$/.test(f.get('thread') ?? '') ? f.get('thread') : '0';
  const label = f.get('label') ?? '';
  const code = f.get('err_code') ?? '';
  const sub = f.get('subsystem') ?? '';
  // the classic line has both tags or neither (8.0.3 had neither: its records' subsystem is empty)
  const tags = /^\d{1,6}$/.test(code) && SUBSYSTEM.test(sub) ? `[MY-${code.padStart(6, '0')}] [${sub}] ` : '';
  return `${time} ${thread} [${LABELS.has(label) ? label : 'Note'}] ${tags}${msg}`;
}

function sniff(lines: readonly string[]): number {
  if (lines.length === 0) return 0;
  let hits = 0;
  for (const raw of lines) {
    const f = readRecord(raw);
    if (f && (f.has('prio') || f.has('err_code') || f.has('err_symbol'))) hits++;
  }
  return hits / lines.length;
}

class MysqlJsonParser implements LineParser {
  private readonly inner: LineParser;

  constructor(private readonly ctx: FormatContext) {
    this.inner = mysqlError.create(ctx);
  }

  line(l: Line): void {
    if (l.text.trim() === '') return this.inner.line(l);
    const f = readRecord(l.text);
    if (!f) return this.ctx.emit(unrecognized(this.ctx, ID, l));
    this.inner.line({ text: classicLine(f), no: l.no, offset: l.offset, truncated: l.truncated });
  }

  end(): void {
    this.inner.end();
  }
}

export const mysqlJson: Format = {
  id: ID,
  dataset: 'mysql.error',
  kinds: mysqlError.kinds,
  sniff,
  create: (ctx) => new MysqlJsonParser(ctx),
  samples: [
    {
      line: '{ "prio" : 2, "err_code" : 4356, "subsystem" : "", "SQL_state" : "HY000", "source_file" : "sql_plugin.cc", "function" : "reap_plugins", "msg" : "Shutting down plugin \'sha256_password\'", "time" : "2017-10-15T12:29:08.862969Z", "err_symbol" : "ER_PLUGIN_SHUTTING_DOWN_PLUGIN", "label" : "Note" }',
      kind: 'mysql.log',
    },
    {
      line: '{ "log_type" : 1, "prio" : 0, "err_code" : 1408, "msg" : "/usr/sbin/mysqld: ready for connections. Version: \'8.0.3-rc-log\'  socket: \'/var/lib/mysql/mysql.sock\'  port: 3306  MySQL Community Server (GPL)", "time" : "2017-10-15T12:29:10.952502Z", "err_symbol" : "ER_STARTUP", "SQL_state" : "HY000", "label" : "Note" }',
      kind: 'mysql.ready',
    },
  ],
};
