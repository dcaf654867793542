// The Markdown report, for $GITHUB_STEP_SUMMARY and issue comments: the answer first, then the
// text report's content as GFM tables. No raw HTML at all; every piece of log text is a code span
// (nothing inside is interpreted, not even @mentions) and our own prose is backslash-escaped.
// Tables are capped and the whole stays under GitHub's 1 MiB, saying what it left out.
import { humanBytes, humanDuration } from '../correlate/verdict.js';
import { answerRows } from './answer.js';
import { confidenceLines, explainSections } from './explain-lines.js';
import { type Report, shortPath, wallOf } from './model.js';
import { clip, markdown as md, markdownCode as code } from './sanitize.js';
import { TIME_MARKS, routineCounts, shortTimeline } from './text-timeline.js';
import { type TextOptions, headline } from './text.js';
import { kindLabel, routineWords } from './words.js';

export const MAX_TIMELINE_ROWS = 400;
export const MAX_TABLE_ROWS = 200;
/** GitHub's step summary takes at most 1 MiB; stay a little under it. */
export const MAX_MARKDOWN_BYTES = 1_000_000;
const MAX_CELL = 300;

/** At most `max` rows, and a line saying how many were left out (empty when none). */
function capped<T>(rows: readonly T[], max: number, what: string): { shown: readonly T[]; note: string[] } {
  if (rows.length <= max) return { shown: rows, note: [] };
  return { shown: rows.slice(0, max), note: [md(`… ${rows.length - max} more ${what} not shown here; the JSON report (--format json) has them all.`), ''] };
}

/** Prose with the bundle's own folder left out of the paths it names (they are relative to it). */
function rel(r: Report, text: string): string {
  const base = r.bundle.endsWith('/') ? r.bundle : `${r.bundle}/`;
  return text.split(base).join('');
}

function answer(r: Report, out: string[]): void {
  out.push(...table(['question', 'answer'], answerRows(r).map((a) => [`**${md(a.label)}**`, md(rel(r, a.text))])), '');
}

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map((c) => c || ' ').join(' | ')} |`)];
}

function where(r: Report, path: string, line: number): string {
  return code(`${shortPath(r, path)}:${line}`);
}

/** The verdict, or `same as N` when an earlier failure's says the same (numbers aside). */
function verdictCell(seen: Map<string, number>, verdict: string, n: number): string {
  const gist = verdict.replace(/\d+(?:\.\d+)?/g, '#');
  const same = seen.get(gist);
  if (same !== undefined) return md(`same as ${same}`);
  seen.set(gist, n);
  return md(clip(verdict, 600));
}

function failures(r: Report, h: string, out: string[]): void {
  out.push(`${h} Failures`, '');
  if (r.summary.failures.length === 0) {
    out.push('None found.', '');
    return;
  }
  const seen = new Map<string, number>();
  const { shown, note } = capped(r.summary.failures, MAX_TABLE_ROWS, 'failures');
  const rows = shown.map((f, i) => {
    const b = f.before;
    const before = b
      ? [
          `${wallOf(b.time)} (${humanDuration(b.gap_seconds)} earlier)`,
          b.memory?.total_bytes ? `${humanBytes(b.memory.used_bytes ?? 0)} used of ${humanBytes(b.memory.total_bytes)}` : '',
          b.php_fpm ? `php-fpm ${b.php_fpm.processes} × ≤${humanBytes(b.php_fpm.max_rss_bytes)} = ${humanBytes(b.php_fpm.rss_bytes)}` : '',
          b.mysqld ? `mysqld ${humanBytes(b.mysqld.rss_bytes)}` : '',
        ]
          .filter(Boolean)
          .join('; ')
      : 'no snapshot captured';
    return [
      String(i + 1),
      wallOf(f.time),
      md(kindLabel(f.action)),
      f.requested_bytes ? humanBytes(f.requested_bytes) : '',
      where(r, f.path, f.line),
      before,
      f.culprit ? `${code(f.culprit)}${f.culprit_evidence ? ` (${f.culprit_evidence}, ${f.culprit_confidence} confidence)` : ''}` : '',
      verdictCell(seen, rel(r, f.verdict), i + 1),
    ];
  });
  out.push(...table(['#', 'time', 'failure', 'asked', 'where', 'memory before', 'culprit', 'verdict'], rows), '', ...note);
}

function incidents(r: Report, h: string, out: string[]): void {
  out.push(`${h} Incidents`, '');
  if (r.summary.incidents.length === 0) {
    out.push('None.', '');
    return;
  }
  const { shown, note } = capped(r.summary.incidents, MAX_TABLE_ROWS, 'incidents');
  const rows = shown.map((inc, i) => [
    String(i + 1),
    wallOf(inc.start),
    wallOf(inc.end),
    inc.outcome === 'recovered' ? `recovered at ${wallOf(inc.recovered_at)}` : `**${inc.outcome}**`,
    inc.downtime_seconds !== null ? `${inc.outcome === 'recovered' ? '' : '≥ '}${humanDuration(inc.downtime_seconds)}` : 'unknown',
    String(inc.failures),
    String(inc.deaths),
    String(inc.restarts),
    inc.config_changes.map((c) => code(c)).join(', '),
  ]);
  out.push(...table(['#', 'start', 'end', 'outcome', 'downtime', 'memory failures', 'times it died', 'restart attempts', 'config changes'], rows), '', ...note);
}

function advice(r: Report, h: string, out: string[]): void {
  out.push(`${h} Advice`, '');
  if (r.summary.advice.length === 0) {
    out.push('None: what was observed calls for no change, or is too little to size a setting from.', '');
    return;
  }
  const rows = r.summary.advice.map((a) => [code(a.setting), a.current ? code(a.current) : '?', code(a.recommended), md(clip(rel(r, a.reason), 600))]);
  out.push(...table(['setting', 'current', 'recommended', 'reason'], rows), '');
  const firm = confidenceLines(r);
  if (firm.length > 0) out.push(...firm.map((l) => `- How firm: ${md(clip(rel(r, l), 600))}`), '');
}

function explained(r: Report, h: string, out: string[]): void {
  const sections = explainSections(r);
  if (sections.length === 0) return;
  out.push(`${h} Memory explained`, '');
  for (const s of sections) out.push(`**${md(s.title)}**`, '', ...s.lines.map((l) => `- ${md(clip(rel(r, l), 600))}`), '');
}

function inputs(r: Report, h: string, out: string[]): void {
  out.push(`${h} Inputs`, '');
  const { shown, note } = capped(r.summary.inputs, MAX_TABLE_ROWS, 'inputs');
  const rows = shown.map((i) => [code(shortPath(r, i.path)), i.formats.map((f) => code(f)).join(', '), String(i.lines), String(i.events), String(i.unrecognized), i.error ? md(i.error) : '']);
  const s = r.summary.stats;
  rows.push(['**total**', '', String(s.lines), String(s.events), String(s.unrecognized), '']);
  out.push(...table(['input', 'formats', 'lines', 'events', 'unrecognized', 'error'], rows), '', ...note);
}

function timeline(r: Report, h: string, verbose: boolean, out: string[]): void {
  const rows = shortTimeline(r, verbose);
  const marks = rows.some((t) => t.mark === '?' || t.mark === '~' || (verbose && t.mark === '^'));
  const legend = marks ? ` Time marks: ${verbose ? TIME_MARKS : '? time inferred, ~ known only within an interval'}.` : '';
  out.push(`${h} Timeline`, '', md(`${verbose ? 'Every event.' : 'Key events (routine rows summarised below; --verbose shows them).'}${legend}`), '');
  const shown = rows.slice(0, MAX_TIMELINE_ROWS);
  const cells = shown.map((t) => [
    `${t.wall}${t.mark === ' ' || (t.mark === '^' && !verbose) ? '' : md(t.mark)}`,
    t.failure ? `**${md(kindLabel(t.kind))}**` : md(kindLabel(t.kind)),
    code(clip(t.message.split('\n')[0].trimEnd(), MAX_CELL)),
    t.count > 1 ? `×${t.count}${t.last_wall ? ` (last ${t.last_wall})` : ''}` : '',
    where(r, t.path, t.line),
  ]);
  out.push(...table(['time', 'event', 'message', 'repeats', 'where'], cells), '');
  if (rows.length > shown.length) out.push(md(`… ${rows.length - shown.length} more timeline rows not shown; run oomtrail with --format text${verbose ? ' --verbose' : ''} for all of them.`), '');
  const hidden = r.timeline.length - rows.length;
  if (hidden > 0) out.push(md(`${hidden} routine rows not shown: ${routineWords(routineCounts(r, rows))}.`), '');
}

function section(r: Report, level: number, verbose: boolean, out: string[]): void {
  const h = '#'.repeat(level + 1);
  out.push(`${'#'.repeat(level)} oomtrail: ${md(headline(r))}`, '');
  out.push(`Bundle ${code(r.bundle, false)}. Times are in ${md(r.zone_label)}.`, '');
  for (const e of r.errors) out.push(`> **Could not read** ${code(e.path, false)}: ${md(e.reason)}`, '');
  answer(r, out);
  failures(r, h, out);
  incidents(r, h, out);
  advice(r, h, out);
  if (verbose) explained(r, h, out);
  inputs(r, h, out);
  timeline(r, h, verbose, out);
}

/** Cut at a line boundary to stay under the byte limit, saying what was left out. */
export function withinLimit(text: string, limit = MAX_MARKDOWN_BYTES): string {
  const size = Buffer.byteLength(text, 'utf8');
  if (size <= limit) return text;
  const note = (left: number) => `\n\n> **Report cut here** to stay under GitHub's 1 MiB: ${left} more bytes (further rows and sections) left out. The JSON (--format json) or text report has everything.\n`;
  const room = Buffer.from(text, 'utf8').subarray(0, limit - 400).toString('utf8');
  const head = room.slice(0, room.lastIndexOf('\n')).replace(/\ufffd$/, '');
  return head + note(size - Buffer.byteLength(head, 'utf8'));
}

export function markdown(reports: readonly Report[], opts: TextOptions = {}): string {
  const verbose = opts.verbose === true;
  const out: string[] = [];
  if (reports.length === 1) section(reports[0], 2, verbose, out);
  else {
    const failing = reports.filter((r) => r.summary.failures.length > 0).length;
    out.push(`# oomtrail sweep: ${reports.length} bundles, ${failing} with memory failures`, '');
    const rows = reports.map((r, i) => [String(i + 1), code(r.bundle), String(r.summary.failures.length), String(r.summary.incidents.length), md(headline(r))]);
    out.push(...table(['#', 'bundle', 'failures', 'incidents', 'summary'], rows), '');
    for (const r of reports) section(r, 2, verbose, out);
  }
  return withinLimit(`${out.join('\n').trimEnd()}\n`);
}
