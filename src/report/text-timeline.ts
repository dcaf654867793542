// The timeline for people: the key rows (failures, starts, deaths, kills, configs, a changed
// buffer pool size, cited snapshots) unless --verbose, routine rows counted for a one-line summary,
// and `oomtrail timeline -f text`: the timeline alone. Shared by the text and Markdown reports.
import type { Report, TimelineRow } from './model.js';
import { plain, plainLines } from './sanitize.js';
import { type Paint, SGR, type TextOptions } from './text.js';
import { isKeyKind, kindLabel } from './words.js';

export const TIME_MARKS = '^ time from the line before, ? inferred, ~ an interval';

/** Cut to `max` columns with an ellipsis (a terminal row, not evidence: the full line is in --verbose). */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const ch = text.charCodeAt(end - 1);
  if (ch >= 0xd800 && ch <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
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
  let lastFailure: TimelineRow | null = null;
  for (const row of r.timeline) {
    const snapshot = row.kind.startsWith('snapshot.');
    // a buffer pool size is news only when it changed from the last start's
    const pool = row.kind === 'mysql.buffer_pool_init' ? row.message : null;
    const changed = pool === null || (lastPool !== null && pool !== lastPool);
    // the server aborting in the second its memory failure was logged is that failure's end
    const consequence = row.kind === 'mysql.abort' && lastFailure !== null && lastFailure.path === row.path && lastFailure.wall === row.wall;
    const key = row.failure || (isKeyKind(row.kind) && changed && !consequence) || cited.has(`${row.path}:${row.line}`) || (snapshot && !snapshots.has(row.kind));
    if (pool !== null) lastPool = pool;
    if (row.failure) lastFailure = row;
    if (!key) continue;
    shown.push(row);
    if (snapshot) snapshots.add(row.kind);
    else snapshots.clear();
  }
  return shown;
}

export function routineCounts(r: Report, shown: readonly TimelineRow[]): Map<string, number> {
  const kept = new Set(shown);
  const counts = new Map<string, number>();
  for (const row of r.timeline) if (!kept.has(row)) counts.set(row.kind, (counts.get(row.kind) ?? 0) + 1);
  return counts;
}

export function timelineLine(row: TimelineRow, c: Paint, verbose: boolean, width = 80): string {
  const times = row.count > 1 ? ` ×${row.count}${row.last_wall ? ` (last ${row.last_wall})` : ''}` : '';
  const mark = row.mark === '^' && !verbose ? ' ' : row.mark;
  const label = row.kind === 'mysql.log' ? '' : `${kindLabel(row.kind)}: `;
  const [first, ...rest] = row.message.trimEnd().split('\n');
  const lead = `  ${row.wall.padEnd(19)}${mark} ${label}`;
  const body = verbose ? plain(first) + times : cut(plain(first) + times, Math.max(20, width - lead.length));
  const more = verbose && rest.length > 0 ? `\n${plainLines(rest.join('\n')).replace(/^/gm, '      ')}` : '';
  const line = lead + body + more;
  if (row.failure) return c('red', line);
  return row.kind === 'line.unrecognized' ? c('dim', line) : line;
}

/** `oomtrail timeline -f text`: the timeline alone, one row a line, bundle after bundle. */
export function timelineText(reports: readonly Report[], opts: TextOptions = {}): string {
  const c: Paint = (code, s) => (opts.color ? `\u001b[${SGR[code]}m${s}\u001b[0m` : s);
  const out: string[] = [];
  for (const r of reports) {
    if (reports.length !== 1) out.push(c('bold', `━━━ ${plain(r.bundle)} ━━━`));
    out.push(c('dim', `Times are in ${r.zone_label}; ${opts.verbose ? TIME_MARKS : '? time inferred, ~ known only within an interval'}.`));
    // the timeline alone is read like a log (often piped): rows are cut only past 200 characters
    for (const row of r.timeline) out.push(timelineLine(row, c, opts.verbose === true, 240));
  }
  return `${out.join('\n')}\n`;
}
