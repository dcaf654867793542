// The text report, for a terminal: the answer first (five rows, answer.ts), then each failure
// with its verdict once, incidents, advice, what was read, and the key timeline rows (routine ones
// summarised unless --verbose), wrapped to the terminal's width. Colour only when asked; log text
// has its control characters made visible. --each gives one section per bundle after an overview.
import { humanBytes, humanDuration } from '../correlate/verdict.js';
import { type Report, type TimelineRow, shortPath, wallOf } from './model.js';
import { answerRows } from './answer.js';
import { clip, plain, plainLines } from './sanitize.js';
import { isKeyKind, kindLabel, routineWords } from './words.js';

export interface TextOptions {
  color?: boolean;
  verbose?: boolean;
  /** Columns to wrap to (the terminal's; 80 when unknown). */
  width?: number;
}

const SGR = { red: '31', yellow: '33', green: '32', dim: '2', bold: '1' } as const;
type Paint = (code: keyof typeof SGR, s: string) => string;

export const TIME_MARKS = '^ time from the line before, ? inferred, ~ an interval';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `2 memory failures, 2 incidents, down 7 h 44 m in all`. */
export function headline(r: Report): string {
  const s = r.summary;
  const down = s.incidents.reduce((n, i) => n + (i.downtime_seconds ?? 0), 0);
  const downText = down > 0 ? `, down ${humanDuration(down)} in all` : '';
  const errors = r.errors.length > 0 ? `, ${plural(r.errors.length, 'unreadable input')}` : '';
  return `${plural(s.failures.length, 'memory failure')}, ${plural(s.incidents.length, 'incident')}${downText}${errors}`;
}

/** Greedy word wrap for terminal paragraphs (a word longer than the width gets a line of its own). */
export function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let cur = '';
  const room = Math.max(20, width - indent.length);
  for (const word of text.split(' ')) {
    if (cur && cur.length + 1 + word.length > room) {
      lines.push(indent + cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) lines.push(indent + cur);
  return lines;
}

/** Cut to `max` columns with an ellipsis (a terminal row, not evidence: the full line is in --verbose). */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const ch = text.charCodeAt(end - 1);
  if (ch >= 0xd800 && ch <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** A verdict with its numbers left out: two failures whose verdicts differ only there say the same. */
function gist(verdict: string): string {
  return verdict.replace(/\d+(?:\.\d+)?/g, '#');
}

/** `2016-05-21 14:09:57`, or `14:09:57` when on the day of `from`. */
function until(iso: string | null, from: string | null): string {
  const w = wallOf(iso);
  return from && iso && wallOf(from).slice(0, 10) === w.slice(0, 10) ? w.slice(11) : w;
}

interface Ctx {
  r: Report;
  c: Paint;
  width: number;
  verbose: boolean;
  /** Log-derived prose, inert, with the bundle's own folder left out of paths. */
  say: (s: string) => string;
}

function answer(x: Ctx, out: string[]): void {
  const rows = answerRows(x.r);
  const w = Math.max(...rows.map((row) => row.label.length)) + 2;
  for (const row of rows) {
    const [first, ...rest] = wrap(x.say(row.text), x.width, ' '.repeat(w + 2));
    out.push(`  ${x.c('bold', row.label.padEnd(w))}${first.trimStart()}`, ...rest);
  }
  out.push('');
}

function failures(x: Ctx, out: string[]): void {
  const { r, c } = x;
  if (r.summary.failures.length === 0) return;
  out.push(c('bold', 'Failures'));
  const seen = new Map<string, number>();
  r.summary.failures.forEach((f, i) => {
    const asked = f.requested_bytes ? `, ${humanBytes(f.requested_bytes)} asked` : '';
    const head = wrap(`${wallOf(f.time)}  ${kindLabel(f.action)}${asked} (${x.say(shortPath(r, f.path))}:${f.line})`, x.width - 5, '');
    out.push(`  ${`${i + 1}.`.padEnd(3)}${c('red', head[0].slice(0, 19))}${head[0].slice(19)}`, ...head.slice(1).map((l) => `     ${l}`));
    const same = seen.get(gist(f.verdict));
    if (same !== undefined) out.push(`     Same verdict as ${same}.`);
    else {
      seen.set(gist(f.verdict), i + 1);
      out.push(...wrap(x.say(f.verdict), x.width, '     ').map((l) => c('yellow', l)));
    }
    if (x.verbose) out.push(`     log: ${clip(plain(f.message), Math.max(20, x.width - 10))}`);
    const b = f.before;
    if (b && same === undefined && x.verbose) {
      const mem = b.memory?.total_bytes ? `; ${humanBytes(b.memory.used_bytes ?? 0)} used of ${humanBytes(b.memory.total_bytes)}` : '';
      const fpm = b.php_fpm ? `; php-fpm ${plural(b.php_fpm.processes, 'worker')}, ${humanBytes(b.php_fpm.rss_bytes)}` : '';
      const my = b.mysqld ? `; mysqld ${humanBytes(b.mysqld.rss_bytes)}` : '';
      out.push(...wrap(`memory before: ${wallOf(b.time)} (${x.say(shortPath(r, b.path))}:${b.line})${mem}${fpm}${my}`, x.width, '     '));
    }
  });
  out.push('');
}

function incidents(x: Ctx, out: string[]): void {
  const { r, c } = x;
  if (r.summary.incidents.length === 0) return;
  out.push(c('bold', 'Incidents (the server down)'));
  r.summary.incidents.forEach((inc, i) => {
    const down =
      inc.downtime_seconds === null
        ? 'downtime unknown'
        : inc.outcome === 'recovered'
          ? `down ${humanDuration(inc.downtime_seconds)}`
          : `down at least ${humanDuration(inc.downtime_seconds)} (no ready line before the evidence ends)`;
    const tone = inc.outcome === 'recovered' ? 'green' : 'red';
    const counts = [plural(inc.failures, 'memory failure'), inc.deaths > 0 ? `died ${inc.deaths === 1 ? 'once' : `${inc.deaths} times`}` : '', inc.restarts > 0 ? plural(inc.restarts, 'restart attempt') : '']
      .filter(Boolean)
      .join(', ');
    out.push(...wrap(`${i + 1}. ${wallOf(inc.start)} → ${until(inc.end, inc.start)}  ${down}; ${counts}`, x.width, '     ').map((l, j) => (j === 0 ? `  ${c(tone, l.trimStart())}` : c(tone, l))));
    for (const ch of inc.config_changes) out.push(`     config changed: ${plain(ch)}`);
  });
  out.push('');
}

function advice(x: Ctx, out: string[]): void {
  const { r, c } = x;
  if (r.summary.advice.length === 0) return;
  out.push(c('bold', 'Advice'));
  for (const ad of r.summary.advice) {
    const [first, ...rest] = wrap(x.say(`${ad.setting}: ${ad.current ?? '?'} → ${ad.recommended}. ${ad.reason}`), x.width, '    ');
    out.push(`  ${first.trimStart()}`, ...rest);
  }
  out.push('');
}

function inputs(x: Ctx, out: string[]): void {
  const { r, c } = x;
  const t = r.summary.stats;
  const unrec = t.unrecognized > 0 ? `, ${plural(t.unrecognized, 'line')} not recognized` : '';
  const names = r.summary.inputs.map((i) => x.say(shortPath(r, i.path)));
  const list = names.length <= 4 || x.verbose ? `: ${names.join(', ')}` : ` (--verbose lists them)`;
  const [first, ...rest] = wrap(`Read ${plural(names.length, 'file')}${list}; ${t.lines} lines, ${t.events} events${unrec}.`, x.width, '  ');
  out.push(first.trimStart(), ...rest);
  if (x.verbose) {
    for (const i of r.summary.inputs) {
      const err = i.error ? c('red', `  error: ${plain(i.error)}`) : '';
      out.push(`  ${x.say(shortPath(r, i.path))}  [${i.formats.join(', ') || '-'}]  ${i.lines} lines, ${i.events} events, ${i.unrecognized} unrecognized${err}`);
    }
  }
  out.push('');
}

function section(r: Report, c: Paint, opts: TextOptions, out: string[]): void {
  const base = r.bundle.endsWith('/') ? r.bundle : `${r.bundle}/`;
  const x: Ctx = { r, c, width: opts.width ?? 80, verbose: opts.verbose === true, say: (s) => plain(s.split(base).join('')) };
  out.push(c('bold', `oomtrail: ${headline(r)}`));
  out.push(...wrap(`${plain(r.bundle)}; times in ${r.zone_label}`, x.width, ''));
  for (const e of r.errors) out.push(c('red', `Could not read ${plain(e.path)}: ${plain(e.reason)}`));
  out.push('');
  answer(x, out);
  failures(x, out);
  incidents(x, out);
  advice(x, out);
  inputs(x, out);
  timeline(x, out);
}

function timeline(x: Ctx, out: string[]): void {
  const { r, c } = x;
  const rows = shortTimeline(r, x.verbose);
  const marks = rows.some((row) => row.mark === '?' || row.mark === '~' || (x.verbose && row.mark === '^'));
  const legend = marks ? `; ${x.verbose ? TIME_MARKS : '? time inferred, ~ known only within an interval'}` : '';
  out.push(c('bold', `Timeline`) + (x.verbose ? ` (every event${legend})` : ` (key events${legend})`));
  for (const row of rows) out.push(timelineLine(row, c, x.verbose, x.width));
  const hidden = r.timeline.length - rows.length;
  if (hidden > 0) out.push(...wrap(`… ${hidden} routine rows not shown (--verbose shows them): ${routineWords(routineCounts(r, rows))}`, x.width, '  ').map((l) => c('dim', l)));
}

/** The timeline rows shown: every row with --verbose, else the key ones (kindLabel, words.ts). */
export function shortTimeline(r: Report, verbose: boolean): TimelineRow[] {
  if (verbose) return r.timeline;
  const cited = new Set<string>();
  for (const f of r.summary.failures) for (const s of [f.before, f.after]) if (s) cited.add(`${s.path}:${s.line}`);
  const shown: TimelineRow[] = [];
  // snapshot kinds shown since the last key event: repeated snapshots are routine
  const snapshots = new Set<string>();
  let lastPool: string | null = null;
  for (const row of r.timeline) {
    const snapshot = row.kind.startsWith('snapshot.');
    // a buffer pool size is news only when it differs from the last start's
    const pool = row.kind === 'mysql.buffer_pool_init' ? row.message : null;
    const key = row.failure || (isKeyKind(row.kind) && (pool === null || pool !== lastPool)) || cited.has(`${row.path}:${row.line}`) || (snapshot && !snapshots.has(row.kind));
    if (pool !== null) lastPool = pool;
    if (!key) continue;
    shown.push(row);
    if (snapshot) snapshots.add(row.kind);
    else snapshots.clear();
  }
  return shown;
}

function routineCounts(r: Report, shown: readonly TimelineRow[]): Map<string, number> {
  const kept = new Set(shown);
  const counts = new Map<string, number>();
  for (const row of r.timeline) if (!kept.has(row)) counts.set(row.kind, (counts.get(row.kind) ?? 0) + 1);
  return counts;
}

function timelineLine(row: TimelineRow, c: Paint, verbose: boolean, width = 80): string {
  const times = row.count > 1 ? ` ×${row.count}${row.last_wall ? ` (last ${row.last_wall})` : ''}` : '';
  const mark = row.mark === '^' && !verbose ? ' ' : row.mark;
  const label = row.kind === 'mysql.log' ? '' : `${kindLabel(row.kind)}: `;
  const [first, ...rest] = row.message.trimEnd().split('\n');
  const lead = `  ${row.wall}${mark} ${label}`;
  const body = verbose ? plain(first) + times : cut(plain(first) + times, Math.max(20, width - lead.length));
  const more = verbose && rest.length > 0 ? `\n${plainLines(rest.join('\n')).replace(/^/gm, '      ')}` : '';
  const line = lead + body + more;
  if (row.failure) return c('red', line);
  return row.kind === 'line.unrecognized' ? c('dim', line) : line;
}

export function text(reports: readonly Report[], opts: TextOptions = {}): string {
  const c: Paint = (code, s) => (opts.color ? `\u001b[${SGR[code]}m${s}\u001b[0m` : s);
  const out: string[] = [];
  if (reports.length !== 1) {
    const failing = reports.filter((r) => r.summary.failures.length > 0).length;
    out.push(c('bold', `oomtrail sweep: ${plural(reports.length, 'bundle')}, ${failing} with memory failures`));
    for (const r of reports) out.push(`  ${plain(r.bundle)}: ${headline(r)}`);
    out.push('');
  }
  reports.forEach((r, i) => {
    if (reports.length !== 1) out.push(c('bold', `━━━ ${i + 1}/${reports.length}  ${plain(r.bundle)} ━━━`));
    section(r, c, opts, out);
    if (i < reports.length - 1) out.push('');
  });
  return `${out.join('\n')}\n`;
}

/** `oomtrail timeline -f text`: the timeline alone, one row a line, bundle after bundle. */
export function timelineText(reports: readonly Report[], opts: TextOptions = {}): string {
  const c: Paint = (code, s) => (opts.color ? `\u001b[${SGR[code]}m${s}\u001b[0m` : s);
  const out: string[] = [];
  for (const r of reports) {
    if (reports.length !== 1) out.push(c('bold', `━━━ ${plain(r.bundle)} ━━━`));
    out.push(c('dim', `Times are in ${r.zone_label}; ${TIME_MARKS}.`));
    // the timeline alone is read like a log (often piped): rows are cut only past 200 characters
    for (const row of r.timeline) out.push(timelineLine(row, c, opts.verbose === true, 240));
  }
  return `${out.join('\n')}\n`;
}
