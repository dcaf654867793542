// The text report, for a terminal: the answer first (failures with their one-line verdicts,
// incidents with downtime, advice), then the inputs, then the folded timeline. Colour only when
// asked (the CLI decides: a TTY, NO_COLOR, FORCE_COLOR); log text has its control characters
// made visible. Several bundles (--each) give one section each after a one-line overview.
import { humanBytes, humanDuration } from '../correlate/verdict.js';
import { explainSections } from './explain-lines.js';
import { type Report, type TimelineRow, shortPath, wallOf } from './model.js';
import { clip, plain, plainLines } from './sanitize.js';

export interface TextOptions {
  color?: boolean;
  verbose?: boolean;
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

/** Greedy word wrap for terminal paragraphs. */
function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(' ')) {
    if (cur && cur.length + 1 + word.length > width) {
      lines.push(indent + cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) lines.push(indent + cur);
  return lines;
}

function whatHappened(r: Report, c: Paint, out: string[]): void {
  if (r.paragraphs.length === 0) return;
  out.push(c('bold', 'What happened'));
  r.paragraphs.forEach((p, i) => {
    const [first, ...rest] = wrap(plain(p), 94, '     ');
    out.push(`  ${`${i + 1}.`.padEnd(3)}${first.trimStart()}`, ...rest);
  });
  out.push('');
}

function failures(r: Report, c: Paint, out: string[]): void {
  out.push(c('bold', 'Failures'));
  if (r.summary.failures.length === 0) out.push('  none found');
  r.summary.failures.forEach((f, i) => {
    const asked = f.requested_bytes ? `, ${humanBytes(f.requested_bytes)} asked` : '';
    out.push(`  ${i + 1}. ${c('red', wallOf(f.time))}  ${f.action}${asked}  (${plain(shortPath(r, f.path))}:${f.line})`);
    out.push(`     ${c('yellow', plain(f.verdict))}`);
    out.push(`     log:     ${clip(plain(f.message), 200)}`);
    const b = f.before;
    if (b) {
      const mem = b.memory?.total_bytes ? `; memory ${humanBytes(b.memory.used_bytes ?? 0)} used of ${humanBytes(b.memory.total_bytes)}` : '';
      const fpm = b.php_fpm ? `; php-fpm ${b.php_fpm.processes} workers, ${humanBytes(b.php_fpm.rss_bytes)}` : '';
      const my = b.mysqld ? `; mysqld ${humanBytes(b.mysqld.rss_bytes)}` : '';
      out.push(`     before:  ${wallOf(b.time)} (${humanDuration(b.gap_seconds)} earlier, ${plain(shortPath(r, b.path))}:${b.line})${mem}${fpm}${my}`);
    } else out.push('     before:  no snapshot captured');
    if (f.after) out.push(`     after:   ${wallOf(f.after.time)} (${humanDuration(f.after.gap_seconds)} later, ${plain(shortPath(r, f.after.path))}:${f.after.line})`);
    if (f.culprit) out.push(`     culprit: ${plain(f.culprit)}${f.culprit_evidence ? ` (${f.culprit_evidence} evidence, ${f.culprit_confidence} confidence)` : ''}`);
  });
  out.push('');
}

function incidents(r: Report, c: Paint, out: string[]): void {
  out.push(c('bold', 'Incidents'));
  if (r.summary.incidents.length === 0) out.push('  none');
  r.summary.incidents.forEach((inc, i) => {
    const down =
      inc.downtime_seconds === null
        ? 'downtime unknown'
        : inc.outcome === 'recovered'
          ? `down ${humanDuration(inc.downtime_seconds)}`
          : `at least ${humanDuration(inc.downtime_seconds)}: no ready line before the evidence ends`;
    const outcome = inc.outcome === 'recovered' ? c('green', `recovered at ${wallOf(inc.recovered_at ?? inc.end)}`) : c('red', inc.outcome);
    out.push(`  ${i + 1}. ${wallOf(inc.start)} → ${wallOf(inc.end)}  ${outcome}, ${down}; ${plural(inc.failures, 'failure')}, ${plural(inc.deaths, 'death')}, ${plural(inc.restarts, 'restart attempt')}`);
    for (const ch of inc.config_changes) out.push(`     config changed: ${plain(ch)}`);
  });
  out.push('');
}

function advice(r: Report, c: Paint, out: string[]): void {
  out.push(c('bold', 'Advice'));
  if (r.summary.advice.length === 0) out.push('  none: what was observed calls for no change, or is too little to size a setting from');
  for (const ad of r.summary.advice) out.push(`  ${plain(ad.setting)}: ${plain(ad.current ?? '?')} → ${plain(ad.recommended)}. ${plain(ad.reason)}`);
  out.push('');
}

function explained(r: Report, c: Paint, out: string[]): void {
  const sections = explainSections(r);
  if (sections.length === 0) return;
  out.push(c('bold', 'Memory explained'));
  for (const s of sections) {
    out.push(`  ${s.title}`);
    for (const line of s.lines) {
      const [first, ...rest] = wrap(plain(line), 94, '      ');
      out.push(`    - ${first.trimStart()}`, ...rest);
    }
  }
  out.push('');
}

function inputs(r: Report, c: Paint, out: string[]): void {
  out.push(c('bold', 'Inputs'));
  for (const i of r.summary.inputs) {
    const err = i.error ? c('red', `  error: ${plain(i.error)}`) : '';
    out.push(`  ${plain(i.path)}  [${i.formats.join(', ') || '-'}]  ${i.lines} lines, ${i.events} events, ${i.unrecognized} unrecognized${err}`);
  }
  const t = r.summary.stats;
  out.push(`  total: ${t.lines} lines (${t.blank} blank), ${t.events} events, ${t.unrecognized} unrecognized`);
  out.push('');
}

function timelineLine(row: TimelineRow, c: Paint, verbose: boolean): string {
  const times = row.count > 1 ? c('dim', ` ×${row.count}${row.last_wall ? ` (last ${row.last_wall})` : ''}`) : '';
  const kind = row.kind === 'mysql.log' ? '' : `${row.kind}: `;
  const [first, ...rest] = row.message.trimEnd().split('\n');
  const head = `  ${row.wall}${row.mark} ${kind}${verbose ? plain(first) : clip(plain(first), 200)}${times}`;
  const more = verbose && rest.length > 0 ? `\n${plainLines(rest.join('\n')).replace(/^/gm, '      ')}` : '';
  const line = head + more;
  if (row.failure) return c('red', line);
  return row.kind === 'line.unrecognized' ? c('dim', line) : line;
}

function section(r: Report, c: Paint, opts: TextOptions, out: string[]): void {
  out.push(`${c('bold', `oomtrail: ${headline(r)}`)}  ${plain(r.bundle)}`);
  out.push(`Times are in ${r.zone_label}.`);
  for (const e of r.errors) out.push(c('red', `Could not read ${plain(e.path)}: ${plain(e.reason)}`));
  out.push('');
  whatHappened(r, c, out);
  failures(r, c, out);
  incidents(r, c, out);
  advice(r, c, out);
  explained(r, c, out);
  inputs(r, c, out);
  out.push(c('bold', `Timeline (${r.folded ? 'repeats folded; ' : ''}${TIME_MARKS})`));
  for (const row of r.timeline) out.push(timelineLine(row, c, opts.verbose === true));
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
