// The text report, for a terminal: the answer first (failures with their verdicts, incidents with
// downtime, advice), then the inputs, then the folded timeline. Colour only when asked (a TTY
// without NO_COLOR); log text has its control characters made visible.
import type { Analysis } from '../analyze.js';
import type { Event } from '../event.js';
import { humanBytes, humanDuration } from '../correlate/verdict.js';
import { foldTimeline } from './fold.js';
import { plain } from './sanitize.js';

export interface TextOptions {
  color?: boolean;
  verbose?: boolean;
}

const SGR = { red: '31', yellow: '33', green: '32', dim: '2', bold: '1' } as const;

export function text(a: Analysis, opts: TextOptions = {}): string {
  const c = (code: keyof typeof SGR, s: string) => (opts.color ? `\u001b[${SGR[code]}m${s}\u001b[0m` : s);
  const when = (ms: number) => a.clock.wall(ms);
  const out: string[] = [];
  const first = a.events.find((e) => Number.isFinite(e.time.ms));
  const offset = first ? a.clock.offsetName(first.time.ms) : '';
  out.push(c('bold', `oomtrail: ${a.failures.length} memory failure${a.failures.length === 1 ? '' : 's'}, ${a.incidents.length} incident${a.incidents.length === 1 ? '' : 's'}`));
  out.push(`Times are in ${a.clock.zone}${offset ? ` (UTC${offset})` : ''}.`);
  out.push('');

  out.push(c('bold', 'Failures'));
  if (a.failures.length === 0) out.push('  none found');
  a.failures.forEach((f, i) => {
    const e = f.event;
    const asked = f.requested_bytes ? ` (${humanBytes(f.requested_bytes)} asked)` : '';
    out.push(`  ${i + 1}. ${c('red', when(e.time.ms))}  ${e.kind}${asked}  ${plain(e.src.path)}:${e.src.line}`);
    out.push(`     ${plain(e.message)}`);
    if (f.before) {
      const b = f.before;
      const mem = b.memory?.total_bytes ? `; memory ${humanBytes(b.memory.used_bytes ?? 0)} used of ${humanBytes(b.memory.total_bytes)}` : '';
      const fpm = b.php_fpm ? `; php-fpm ${b.php_fpm.processes} workers, ${humanBytes(b.php_fpm.rss_bytes)}` : '';
      out.push(`     before: ${when(b.event.time.ms)} (${humanDuration(b.gap_seconds)} earlier, ${plain(b.event.src.path)}:${b.event.src.line})${mem}${fpm}`);
    } else out.push('     before: no snapshot captured');
    if (f.after) out.push(`     after:  ${when(f.after.event.time.ms)} (${humanDuration(f.after.gap_seconds)} later, ${plain(f.after.event.src.path)}:${f.after.event.src.line})`);
    out.push(`     culprit: ${f.culprit ?? 'none named'}`);
    out.push(`     ${c('yellow', plain(f.verdict))}`);
  });
  out.push('');

  out.push(c('bold', 'Incidents'));
  if (a.incidents.length === 0) out.push('  none');
  a.incidents.forEach((inc, i) => {
    const down = inc.downtime_seconds !== null ? `down ${humanDuration(inc.downtime_seconds)}` : 'downtime unknown';
    const outcome = inc.outcome === 'recovered' ? c('green', `recovered at ${when(inc.recovered_at ?? inc.end)}`) : c('red', inc.outcome);
    out.push(`  ${i + 1}. ${when(inc.start)} → ${when(inc.end)}  ${outcome}, ${down}; ${inc.failures} failure(s), ${inc.deaths} death(s), ${inc.restarts} restart attempt(s)`);
    for (const ch of inc.config_changes) out.push(`     config changed: ${ch}`);
  });
  out.push('');

  out.push(c('bold', 'Advice'));
  if (a.advice.length === 0) out.push('  none: the bundle holds no evidence to size settings from');
  for (const ad of a.advice) out.push(`  ${ad.setting}: ${ad.current ?? '?'} → ${ad.recommended}. ${plain(ad.reason)}`);
  out.push('');

  out.push(c('bold', 'Inputs'));
  for (const i of a.inputs) {
    const err = i.error ? c('red', `  error: ${plain(i.error)}`) : '';
    out.push(`  ${plain(i.path)}  [${i.formats.join(', ') || '-'}]  ${i.lines} lines, ${i.events} events, ${i.unrecognized} unrecognized${err}`);
  }
  out.push(`  total: ${a.stats.lines} lines (${a.stats.blank} blank), ${a.stats.events} events, ${a.stats.unrecognized} unrecognized`);
  out.push('');

  out.push(c('bold', opts.verbose ? 'Timeline' : 'Timeline (repeats folded)'));
  for (const f of foldTimeline(a.events, opts.verbose)) {
    out.push(timelineLine(a, f.event, f.count, f.lastMs, c));
  }
  return `${out.join('\n')}\n`;
}

function timelineLine(a: Analysis, e: Event, count: number, lastMs: number, c: (code: keyof typeof SGR, s: string) => string): string {
  const t = Number.isFinite(e.time.ms) ? a.clock.wall(e.time.ms) : 'time unknown       ';
  const mark = e.time.source === 'stamped' ? ' ' : e.time.source === 'inherited' ? '^' : e.time.source === 'interval' ? '~' : '?';
  const times = count > 1 ? c('dim', ` ×${count} (last ${a.clock.wall(lastMs)})`) : '';
  const first = plain(e.message.split('\n')[0]).slice(0, 200);
  const kind = e.kind === 'mysql.log' ? '' : `${e.kind}: `;
  const line = `  ${t}${mark} ${kind}${first}${times}`;
  return e.kind === 'line.unrecognized' ? c('dim', line) : line;
}
