// The Markdown report, for $GITHUB_STEP_SUMMARY and issue comments: the text report's content as
// GFM tables. No raw HTML at all; every piece of log text is a code span (nothing inside is
// interpreted, not even @mentions) and our own prose around it is backslash-escaped. Long
// timelines are cut so a step summary stays well under GitHub's 1 MiB.
import { humanBytes, humanDuration } from '../correlate/verdict.js';
import { explainSections } from './explain-lines.js';
import { type Report, shortPath, wallOf } from './model.js';
import { clip, markdown as md, markdownCode as code } from './sanitize.js';
import { TIME_MARKS, headline } from './text.js';

export const MAX_TIMELINE_ROWS = 400;
const MAX_CELL = 300;

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map((c) => c || ' ').join(' | ')} |`)];
}

function where(r: Report, path: string, line: number): string {
  return code(`${shortPath(r, path)}:${line}`);
}

function whatHappened(r: Report, h: string, out: string[]): void {
  if (r.paragraphs.length === 0) return;
  out.push(`${h} What happened`, '');
  r.paragraphs.forEach((p, i) => out.push(`${i + 1}. ${md(p)}`));
  out.push('');
}

function failures(r: Report, h: string, out: string[]): void {
  out.push(`${h} Failures`, '');
  if (r.summary.failures.length === 0) {
    out.push('None found.', '');
    return;
  }
  const rows = r.summary.failures.map((f, i) => {
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
      code(f.action),
      f.requested_bytes ? humanBytes(f.requested_bytes) : '',
      where(r, f.path, f.line),
      before,
      f.culprit ? `${code(f.culprit)}${f.culprit_evidence ? ` (${f.culprit_evidence}, ${f.culprit_confidence} confidence)` : ''}` : '',
      md(clip(f.verdict, 600)),
    ];
  });
  out.push(...table(['#', 'time', 'failure', 'asked', 'where', 'memory before', 'culprit', 'verdict'], rows), '');
}

function incidents(r: Report, h: string, out: string[]): void {
  out.push(`${h} Incidents`, '');
  if (r.summary.incidents.length === 0) {
    out.push('None.', '');
    return;
  }
  const rows = r.summary.incidents.map((inc, i) => [
    String(i + 1),
    wallOf(inc.start),
    wallOf(inc.end),
    inc.outcome === 'recovered' ? `recovered at ${wallOf(inc.recovered_at)}` : `**${inc.outcome}**`,
    inc.downtime_seconds !== null ? `${inc.outcome === 'recovered' ? '' : '≥ '}${humanDuration(inc.downtime_seconds)}` : 'unknown',
    `${inc.failures} / ${inc.deaths} / ${inc.restarts}`,
    inc.config_changes.map((c) => code(c)).join(', '),
  ]);
  out.push(...table(['#', 'start', 'end', 'outcome', 'downtime', 'failures / deaths / restarts', 'config changes'], rows), '');
}

function advice(r: Report, h: string, out: string[]): void {
  out.push(`${h} Advice`, '');
  if (r.summary.advice.length === 0) {
    out.push('None: what was observed calls for no change, or is too little to size a setting from.', '');
    return;
  }
  const rows = r.summary.advice.map((a) => [code(a.setting), a.current ? code(a.current) : '?', code(a.recommended), md(clip(a.reason, 600))]);
  out.push(...table(['setting', 'current', 'recommended', 'reason'], rows), '');
}

function explained(r: Report, h: string, out: string[]): void {
  const sections = explainSections(r);
  if (sections.length === 0) return;
  out.push(`${h} Memory explained`, '');
  for (const s of sections) out.push(`**${md(s.title)}**`, '', ...s.lines.map((l) => `- ${md(clip(l, 600))}`), '');
}

function inputs(r: Report, h: string, out: string[]): void {
  out.push(`${h} Inputs`, '');
  const rows = r.summary.inputs.map((i) => [code(i.path), i.formats.map((f) => code(f)).join(', '), String(i.lines), String(i.events), String(i.unrecognized), i.error ? md(i.error) : '']);
  const s = r.summary.stats;
  rows.push(['**total**', '', String(s.lines), String(s.events), String(s.unrecognized), '']);
  out.push(...table(['input', 'formats', 'lines', 'events', 'unrecognized', 'error'], rows), '');
}

function timeline(r: Report, h: string, out: string[]): void {
  out.push(`${h} Timeline`, '', md(`${r.folded ? 'Repeats folded (×N). ' : ''}Time marks: ${TIME_MARKS}.`), '');
  const shown = r.timeline.slice(0, MAX_TIMELINE_ROWS);
  const rows = shown.map((t) => [
    `${t.wall}${t.mark === ' ' ? '' : md(t.mark)}`,
    t.failure ? `**${code(t.kind)}**` : code(t.kind),
    code(clip(t.message.split('\n')[0].trimEnd(), MAX_CELL)),
    t.count > 1 ? `×${t.count}${t.last_wall ? ` (last ${t.last_wall})` : ''}` : '',
    where(r, t.path, t.line),
  ]);
  out.push(...table(['time', 'event', 'message', 'repeats', 'where'], rows), '');
  if (r.timeline.length > shown.length) out.push(md(`… ${r.timeline.length - shown.length} more timeline rows not shown; run oomtrail with --format text for all of them.`), '');
}

function section(r: Report, level: number, out: string[]): void {
  const h = '#'.repeat(level + 1);
  out.push(`${'#'.repeat(level)} oomtrail: ${md(headline(r))}`, '');
  out.push(`Bundle ${code(r.bundle, false)}. Times are in ${md(r.zone_label)}.`, '');
  for (const e of r.errors) out.push(`> **Could not read** ${code(e.path, false)}: ${md(e.reason)}`, '');
  whatHappened(r, h, out);
  failures(r, h, out);
  incidents(r, h, out);
  advice(r, h, out);
  explained(r, h, out);
  inputs(r, h, out);
  timeline(r, h, out);
}

export function markdown(reports: readonly Report[]): string {
  const out: string[] = [];
  if (reports.length === 1) section(reports[0], 2, out);
  else {
    const failing = reports.filter((r) => r.summary.failures.length > 0).length;
    out.push(`# oomtrail sweep: ${reports.length} bundles, ${failing} with memory failures`, '');
    const rows = reports.map((r, i) => [String(i + 1), code(r.bundle), String(r.summary.failures.length), String(r.summary.incidents.length), md(headline(r))]);
    out.push(...table(['#', 'bundle', 'failures', 'incidents', 'summary'], rows), '');
    for (const r of reports) section(r, 2, out);
  }
  return `${out.join('\n').trimEnd()}\n`;
}
