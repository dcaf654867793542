// The answer first: five short rows (what failed, when, for how long, what held the memory, what
// to change) built from a Report as plain text; text and Markdown each escape and lay them out.
// Other findings (accounting, releases, trends, episodes) drop in as one more row each.
import { humanBytes, humanDuration } from '../correlate/verdict.js';
import { type Report, wallOf } from './model.js';
import { citedRelease, culpritFromRelease, lasting, rate } from './explain-lines.js';
import { failureWords } from './words.js';
import { failureTotal, weight } from './episode-words.js';
type Failure = Report['summary']['failures'][number];

export interface AnswerRow {
  label: string;
  text: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

function whatFailed(r: Report): string {
  const counts = new Map<string, number>();
  r.summary.failures.forEach((f, i) => {
    const words = failureWords(f, humanBytes, r.victims?.[i] ?? null);
    const n = weight(r.summary, f); // an episode counts all its members once
    if (n > 0) counts.set(words, (counts.get(words) ?? 0) + n);
  });
  return [...counts.entries()].map(([words, n]) => `${words}${n > 1 ? `, ${times(n)}` : ''}`).join('; ');
}

function when(r: Report): string {
  const t = r.summary.failures.map((f) => wallOf(f.time));
  const total = failureTotal(r.summary);
  if (total <= 3 && t.length === total) return t.join(', ');
  return `${total} times from ${t[0]} to ${t[t.length - 1]}`;
}

function howLong(r: Report): string {
  const inc = r.summary.incidents;
  if (inc.length === 0) return 'no outage seen (no death or failed start of the server)';
  const parts = inc.map((i) =>
    i.downtime_seconds === null || (i.outcome !== 'recovered' && i.downtime_seconds === 0)
      ? `for an unknown time (no ready line; unknown after the server's last line, ${wallOf(i.end)})`
      : i.outcome === 'recovered'
        ? `${humanDuration(i.downtime_seconds)} (back at ${wallOf(i.recovered_at ?? i.end).slice(wallOf(i.start).slice(0, 10) === wallOf(i.recovered_at ?? i.end).slice(0, 10) ? 11 : 0)})`
        : `at least ${humanDuration(i.downtime_seconds)} (still down at the server's last line, ${wallOf(i.end)}; unknown after)`,
  );
  const total = inc.reduce((n, i) => n + (i.downtime_seconds ?? 0), 0);
  const atLeast = inc.some((i) => i.outcome !== 'recovered' && i.downtime_seconds !== null) ? 'at least ' : '';
  const lead = inc.length > 1 && total > 0 ? `down ${atLeast}${humanDuration(total)} in all: ` : 'down ';
  return inc.length > 4 ? `${lead.replace(/: $/, '')}` : `${lead}${parts.join(', ')}`;
}

/** The failure whose late culprit (a release after it) "What held the memory" tells, if that row tells one. */
export function releaseAnswered(r: Report): Failure | null {
  const fs = r.summary.failures;
  if (fs.some((f) => (f.culprit && f.before) || f.before?.memory?.total_bytes)) return null;
  return fs.find((f) => culpritFromRelease(r, f) !== null) ?? null;
}

function whatHeld(r: Report): string {
  const fs = r.summary.failures;
  const blamed = fs.find((f) => f.culprit && f.before);
  if (blamed?.before) {
    const b = blamed.before;
    const parts: string[] = [];
    if (b.php_fpm) parts.push(`${blamed.culprit === 'php-fpm' ? '' : 'php-fpm '}${plural(b.php_fpm.processes, 'worker')} held ${humanBytes(b.php_fpm.rss_bytes)}`);
    if (b.mysqld) parts.push(`${blamed.culprit === 'mysqld' ? 'it held' : 'mysqld'} ${humanBytes(b.mysqld.rss_bytes)}`);
    if (b.memory?.total_bytes) parts.push(`${humanBytes(b.memory.used_bytes ?? 0)} of ${humanBytes(b.memory.total_bytes)} in use`);
    const when = b.gap_seconds > 0 ? `${humanDuration(b.gap_seconds)} before the failure at ${wallOf(blamed.time)}` : `at the failure at ${wallOf(blamed.time)}`;
    return `${blamed.culprit}: ${parts.join('; ')} (${when})`;
  }
  const seen = fs.find((f) => f.before?.memory?.total_bytes);
  if (seen?.before) {
    const b = seen.before;
    const fpm = b.php_fpm ? `; php-fpm ${plural(b.php_fpm.processes, 'worker')} held ${humanBytes(b.php_fpm.rss_bytes)}` : '';
    const my = b.mysqld ? `; mysqld ${humanBytes(b.mysqld.rss_bytes)}` : '';
    return `no one process group to blame: ${humanBytes(b.memory?.used_bytes ?? 0)} of ${humanBytes(b.memory?.total_bytes ?? 0)} in use ${humanDuration(b.gap_seconds)} before${fpm}${my} (see the verdict)`;
  }
  const told = releaseAnswered(r);
  const late = told && culpritFromRelease(r, told);
  if (late) return late;
  return 'not captured: no memory snapshot shortly before any failure (see the verdict for what to run next time)';
}

function whatToChange(r: Report): string {
  const a = r.summary.advice;
  if (a.length > 0) {
    const firm = [...new Set(a.map((x) => x.confidence).filter((c) => c === 'low' || c === 'medium'))];
    const how = firm.length > 0 ? ` (${firm.join(' and ')} confidence: thin evidence, --verbose says why)` : '';
    return a.map((x) => `${x.setting} ${x.current ?? '?'} → ${x.recommended}`).join('; ') + how;
  }
  return 'no setting follows from this evidence alone; the verdict below says what to check';
}

/** The trend that runs out soonest (else the steepest growth): `+23 MiB/h since ...; ... lasts about 26 h`. */
function stillGrowing(r: Report): string | null {
  const growing = r.summary.trends.filter((t) => t.rate_bytes_per_hour > 0);
  if (growing.length === 0) return null;
  const t = [...growing].sort((a, b) => (a.exhausted_at ?? '~').localeCompare(b.exhausted_at ?? '~') || b.rate_bytes_per_hour - a.rate_bytes_per_hour)[0];
  const what = t.group === 'memory' ? 'memory in use' : `${t.group} RSS`;
  const since = t.since ? ` since ${t.since.action === 'shell.command' ? `\`${t.since.message}\`` : t.since.action}` : '';
  const runOut = t.exhausted_at && t.available_bytes !== null ? `: the ${humanBytes(t.available_bytes)} available lasts about ${lasting(t.available_bytes / t.rate_bytes_per_hour)}` : '';
  const more = growing.length > 1 ? ` (${plural(growing.length - 1, 'more trend')} in --verbose)` : '';
  return `${what} ${rate(t.rate_bytes_per_hour)}${since}, over ${t.samples} samples${runOut}${more}`;
}

/** The table that leaves the most memory out: what `top` or `ps` did not show. */
function notListed(r: Report): string | null {
  const open = r.summary.accounting.filter((x) => !x.complete && (x.unaccounted_bytes ?? 0) > 0);
  if (open.length === 0) return null;
  const x = open.reduce((a, b) => ((b.unaccounted_bytes ?? 0) > (a.unaccounted_bytes ?? 0) ? b : a));
  const of = x.total_tasks !== null ? `${x.listed_tasks} of ${x.total_tasks}` : `${x.listed_tasks}`;
  const more = open.length > 1 ? ` (${plural(open.length - 1, 'more table')} in --verbose)` : '';
  return `${humanBytes(x.unaccounted_bytes ?? 0)} of ${humanBytes(x.used_bytes ?? 0)} in use at ${wallOf(x.time)} was outside the ${of} tasks listed${more}`;
}

/** A release no failure's culprit was judged from (those are told in "What held the memory"). */
function released(r: Report): string | null {
  const cited = new Set(r.summary.failures.map((f) => citedRelease(r, f)));
  const rest = r.summary.releases.filter((x) => !cited.has(x));
  if (rest.length === 0) return null;
  const x = rest.reduce((a, b) => (b.released_bytes > a.released_bytes ? b : a));
  const more = rest.length > 1 ? ` (${plural(rest.length - 1, 'more')} in --verbose)` : '';
  return `${humanBytes(x.released_bytes)} at ${wallOf(x.from.time)}${x.group ? ` as ${x.group} went away or restarted` : ', no group identified'}${more}`;
}

/** What the snapshots say beyond the failures, one row each (the whole lists are in --verbose). */
function explainRows(r: Report): AnswerRow[] {
  const rows: AnswerRow[] = [];
  const grow = stillGrowing(r);
  if (grow) rows.push({ label: 'Still growing', text: grow });
  const hidden = notListed(r);
  if (hidden) rows.push({ label: 'Not in the tables', text: hidden });
  const gone = released(r);
  if (gone) rows.push({ label: 'Memory released', text: gone });
  return rows;
}

/** The five answers (or one row saying there was no memory failure), then what explains the memory. */
export function answerRows(r: Report): AnswerRow[] {
  if (r.summary.failures.length === 0) {
    return [{ label: 'What failed', text: 'no memory failure found in this evidence' }, ...explainRows(r)];
  }
  return [
    { label: 'What failed', text: whatFailed(r) },
    { label: 'When', text: when(r) },
    { label: 'For how long', text: howLong(r) },
    { label: 'What held the memory', text: whatHeld(r) },
    { label: 'What to change', text: whatToChange(r) },
    ...explainRows(r),
  ];
}
