// The text report, for a terminal: the answer first (five rows, answer.ts), then each failure
// with its verdict once, incidents, advice, what was read, and the key timeline rows (routine ones
// summarised unless --verbose), wrapped to the terminal's width. Colour only when asked; log text
// has its control characters made visible. --each gives one section per bundle after an overview.
import { humanBytes, humanDuration } from '../correlate/verdict.js';
import { type Report, shortPath, wallOf } from './model.js';
import { answerRows, releaseAnswered } from './answer.js';
import { closerOf, closes, episodeLine, failureTotal, opens } from './episode-words.js';
import { confidenceLines, explainSections } from './explain-lines.js';
import { clip, plain } from './sanitize.js';
import { TIME_MARKS, cut, routineCounts, shortTimeline, timelineLine } from './text-timeline.js';
import { kindLabel, routineWords } from './words.js';

export interface TextOptions {
  color?: boolean;
  verbose?: boolean;
  /** Columns to wrap to (the terminal's; 80 when unknown). */
  width?: number;
}

export const SGR = { red: '31', yellow: '33', green: '32', dim: '2', bold: '1' } as const;
export type Paint = (code: keyof typeof SGR, s: string) => string;

export { TIME_MARKS, shortTimeline, timelineText } from './text-timeline.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `2 memory failures, 2 incidents, down 7 h 44 m in all`. */
export function headline(r: Report): string {
  const s = r.summary;
  const down = s.incidents.reduce((n, i) => n + (i.downtime_seconds ?? 0), 0);
  // a downtime with no ready line is a lower bound: so is the sum
  const atLeast = s.incidents.some((i) => i.outcome !== 'recovered' && i.downtime_seconds !== null) ? 'at least ' : '';
  const downText = down > 0 ? `, down ${atLeast}${humanDuration(down)} in all` : '';
  const errors = r.errors.length > 0 ? `, ${plural(r.errors.length, 'unreadable input')}` : '';
  return `${plural(failureTotal(s), 'memory failure')}, ${plural(s.incidents.length, 'incident')}${downText}${errors}`;
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
  const w = rows.reduce((m, row) => Math.max(m, row.label.length), 0) + 2;
  for (const row of rows) {
    const [first, ...rest] = wrap(x.say(row.text), x.width, ' '.repeat(w + 2));
    out.push(`  ${x.c('bold', row.label.padEnd(w))}${first.trimStart()}`, ...rest);
  }
  out.push('');
}

/** A verdict told once: the late culprit the answer's "What held the memory" already tells is
 * named, not retold (--verbose tells it whole). */
function verdictOnce(x: Ctx, f: Ctx['r']['summary']['failures'][number], told: Ctx['r']['summary']['failures'][number] | null): string {
  if (x.verbose || f.culprit_evidence !== 'release' || told !== f) return f.verdict;
  return `${f.verdict_from_before} Likely culprit: ${f.culprit}, with ${f.culprit_confidence ?? 'low'} confidence, from memory it released later (see "What held the memory").`;
}

function failures(x: Ctx, out: string[]): void {
  const { r, c } = x;
  if (r.summary.failures.length === 0) return;
  out.push(c('bold', 'Failures'));
  const seen = new Map<string, number>();
  const told = releaseAnswered(r);
  let n = 0;
  r.summary.failures.forEach((f) => {
    if (closes(r.summary, f)) return; // an episode's last member: its first tells of it
    const i = n++;
    const asked = f.requested_bytes ? `, ${humanBytes(f.requested_bytes)} asked` : '';
    const head = wrap(`${wallOf(f.time)}  ${kindLabel(f.action)}${asked} (${x.say(shortPath(r, f.path))}:${f.line})`, x.width - 5, '');
    out.push(`  ${`${i + 1}.`.padEnd(3)}${c('red', head[0].slice(0, 19))}${head[0].slice(19)}`, ...head.slice(1).map((l) => `     ${l}`));
    const ep = opens(r.summary, f);
    const last = ep && closerOf(r.summary, ep);
    if (ep) out.push(...wrap(episodeLine(ep, last ? x.say(`${shortPath(r, last.path)}:${last.line}`) : undefined), x.width, '     '));
    const same = seen.get(gist(f.verdict));
    if (same !== undefined) out.push(`     Same verdict as ${same}.`);
    else {
      seen.set(gist(f.verdict), i + 1);
      out.push(...wrap(x.say(verdictOnce(x, f, told)), x.width, '     ').map((l) => c('yellow', l)));
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
      inc.downtime_seconds === null || (inc.outcome !== 'recovered' && inc.downtime_seconds === 0)
        ? `downtime unknown (no ready line; unknown after the server's last line, ${wallOf(inc.end)})`
        : inc.outcome === 'recovered'
          ? `down ${humanDuration(inc.downtime_seconds)}`
          : `down at least ${humanDuration(inc.downtime_seconds)} (no ready line; unknown after the server's last line, ${wallOf(inc.end)})`;
    const tone = inc.outcome === 'recovered' ? 'green' : 'red';
    const counts = [plural(inc.failures, 'memory failure'), inc.deaths > 0 ? `died ${inc.deaths === 1 ? 'once' : `${inc.deaths} times`}` : '', inc.restarts > 0 ? plural(inc.restarts, 'restart attempt') : '']
      .filter(Boolean)
      .join(', ');
    out.push(...wrap(`${i + 1}. ${wallOf(inc.start)} → ${until(inc.end, inc.start)}  ${down}; ${counts}`, x.width, '     ').map((l, j) => (j === 0 ? `  ${c(tone, l.trimStart())}` : c(tone, l))));
    for (const ch of inc.config_changes) out.push(`     config changed: ${plain(ch)}`);
  });
  out.push('');
}

/** What the snapshots say beyond the failures (explain-lines.ts), whole: with --verbose (the answer has one row of each). */
function explained(x: Ctx, out: string[]): void {
  const sections = explainSections(x.r);
  if (sections.length === 0 || !x.verbose) return;
  out.push(x.c('bold', 'Memory explained'));
  for (const s of sections) {
    out.push(`  ${x.say(s.title)}`);
    for (const line of s.lines) {
      const [first, ...rest] = wrap(x.say(line), x.width, '      ');
      out.push(`    - ${first.trimStart()}`, ...rest);
    }
  }
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
  if (x.verbose) for (const line of confidenceLines(r)) out.push(...wrap(x.say(`How firm: ${line}`), x.width, '    ').map((l, i) => (i === 0 ? `  ${l.trimStart()}` : l)));
  out.push('');
}

function inputs(x: Ctx, out: string[]): void {
  const { r, c } = x;
  const t = r.summary.stats;
  const unrec = `${t.unrecognized > 0 ? `, ${plural(t.unrecognized, 'line')} not recognized` : ''}${t.uninterpreted > 0 ? `, ${plural(t.uninterpreted, 'line')} carried uninterpreted` : ''}`;
  const names = r.summary.inputs.map((i) => x.say(shortPath(r, i.path)));
  const list = names.length <= 4 || x.verbose ? `: ${names.join(', ')}` : ` (--verbose lists them)`;
  const [first, ...rest] = wrap(`Read ${plural(names.length, 'file')}${list}; ${t.lines} lines, ${t.events} events${unrec}.`, x.width, '  ');
  out.push(first.trimStart(), ...rest);
  if (x.verbose) {
    for (const i of r.summary.inputs) {
      const err = i.error ? c('red', `  error: ${plain(i.error)}`) : '';
      out.push(`  ${x.say(shortPath(r, i.path))}  [${i.formats.join(', ') || '-'}]  ${i.lines} lines, ${i.events} events, ${i.unrecognized} unrecognized${i.uninterpreted > 0 ? `, ${i.uninterpreted} uninterpreted` : ''}${err}`);
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
  explained(x, out);
  inputs(x, out);
  timeline(x, out);
}

/** Key timeline rows shown without --verbose: half from the start, half from the end. */
export const MAX_KEY_ROWS = 400;

function timeline(x: Ctx, out: string[]): void {
  const { r, c } = x;
  const rows = shortTimeline(r, x.verbose);
  const marks = rows.some((row) => row.mark === '?' || row.mark === '~' || (x.verbose && row.mark === '^'));
  const legend = marks ? `; ${x.verbose ? TIME_MARKS : '? time inferred, ~ known only within an interval'}` : '';
  out.push(c('bold', `Timeline`) + (x.verbose ? ` (every event${legend})` : ` (key events${legend})`));
  // key rows are bounded too (a crash loop's are thousands): the first and last, the count between
  const bounded = !x.verbose && rows.length > MAX_KEY_ROWS;
  const head = bounded ? rows.slice(0, MAX_KEY_ROWS / 2) : rows;
  for (const row of head) out.push(timelineLine(row, c, x.verbose, x.width));
  if (bounded) {
    out.push(c('dim', `  … ${rows.length - MAX_KEY_ROWS} more key rows (--verbose shows every event)`));
    for (const row of rows.slice(rows.length - MAX_KEY_ROWS / 2)) out.push(timelineLine(row, c, x.verbose, x.width));
  }
  const hidden = r.timeline.length - rows.length;
  if (hidden > 0) out.push(c('dim', routineLine(hidden, routineCounts(r, rows), x.width)));
}

/** One line: as many routine kinds named as fit the width (`server note ×30, shell command ×12 and 27 more`). */
function routineLine(hidden: number, counts: ReadonlyMap<string, number>, width: number): string {
  const lead = `  … ${hidden} routine rows (--verbose)`;
  for (let most = 5; most > 0; most--) {
    const line = `${lead}: ${routineWords(counts, most)}`;
    if (line.length <= width) return line;
  }
  return cut(lead, width);
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
