// The "Memory explained" lines every report language shares, rendered once from the summary's
// structured fields (accounting, releases, trends, advice confidence): plain text; each reporter
// escapes it for its format. One line per finding, nothing more elaborate. A release that already
// names a failure's culprit is told in the answer and the verdict, not again here.
import { DateTime } from 'luxon';
import { humanBytes, humanDuration } from '../correlate/verdict.js';
import { type Report, shortPath, wallOf } from './model.js';

type Summary = Report['summary'];
type Release = Summary['releases'][number];
type Failure = Summary['failures'][number];
type Ref = Release['from'];

const MiB = 1024 ** 2;

function where(r: Report, p: Ref): string {
  return `${shortPath(r, p.path)}:${p.line}`;
}

function when(p: Ref): string {
  return p.time_latest ? `between ${wallOf(p.time)} and ${wallOf(p.time_latest)}` : wallOf(p.time);
}

/** `about 26 h` up to three days, then days. */
export function lasting(hours: number): string {
  return hours < 72 ? `${Math.max(1, Math.round(hours))} h` : `${Math.round(hours / 24)} days`;
}

export function rate(bytesPerHour: number): string {
  return `${bytesPerHour >= 0 ? '+' : '−'}${humanBytes(Math.abs(bytesPerHour))}/h`;
}

function ms(iso: string | null): number {
  return iso === null ? NaN : DateTime.fromISO(iso, { setZone: true }).toMillis();
}

/** The release a failure's culprit was judged from (`culprit_evidence: release`), if listed. */
export function citedRelease(r: Report, f: Failure): Release | null {
  if (f.culprit_evidence !== 'release' || f.culprit_distance_seconds === null) return null;
  const at = ms(f.time) + f.culprit_distance_seconds * 1000;
  return r.summary.releases.find((x) => x.group === f.culprit && Math.abs(ms(x.from.time) - at) < 1000) ?? null;
}

/** `php-fpm, likely (low confidence): at least 761 MiB went away with its processes 12 h 35 m after the failure at ...`. */
export function culpritFromRelease(r: Report, f: Failure): string | null {
  const x = citedRelease(r, f);
  if (!x || f.culprit_distance_seconds === null) return null;
  const how = x.evidence.restart ? `around its restart` : x.evidence.processes_gone ? 'as its processes went away' : 'as it went away';
  return `${f.culprit}, likely (${f.culprit_confidence ?? 'low'} confidence): at least ${humanBytes(x.released_bytes)} freed ${how}, ${humanDuration(f.culprit_distance_seconds)} after the failure at ${wallOf(f.time)}; not captured before it`;
}

export function accountingLines(r: Report): string[] {
  return r.summary.accounting.map((x) => {
    const of = x.total_tasks !== null ? `${x.listed_tasks} of ${x.total_tasks}` : `${x.listed_tasks}`;
    const where_ = x.complete ? 'in no listed process (kernel memory, or shared pages counted once)' : `outside the ${of} tasks listed`;
    return `${wallOf(x.time)} (${where(r, x)}): ${humanBytes(x.unaccounted_bytes ?? 0)} of ${humanBytes(x.used_bytes ?? 0)} in use is ${where_}.`;
  });
}

export function releaseLines(r: Report): string[] {
  const cited = new Set(r.summary.failures.map((f) => citedRelease(r, f)).filter((x) => x !== null));
  return r.summary.releases.filter((x) => !cited.has(x)).map((x) => {
    const tasks = x.tasks_gone !== null && x.tasks_gone > 0 ? ` and ${x.tasks_gone} tasks` : '';
    const ev = x.evidence;
    const who = !x.group
      ? 'no group identified (no process table or restart around it)'
      : ev.restart
        ? `${x.group}, restarted in between (${shortPath(r, ev.restart.path)}:${ev.restart.line})`
        : ev.processes_gone
          ? `${x.group}, whose ${ev.processes_gone} listed ${ev.processes_gone === 1 ? 'process' : 'processes'} (${humanBytes(ev.listed_rss_gone_bytes ?? 0)}) went away`
          : x.group;
    return `${when(x.from)} → ${when(x.to)} (${where(r, x.from)} → ${where(r, x.to)}): at least ${humanBytes(x.released_bytes)}${tasks} went away: ${who}${x.group ? `, so ${x.group} held about ${humanBytes(x.released_bytes)}` : ''}.`;
  });
}

export function trendLines(r: Report): string[] {
  return r.summary.trends.map((t) => {
    const what = t.group === 'memory' ? 'memory in use' : `${t.group} RSS`;
    const basis = t.basis === 'span' ? ' (at least: samples dated only within intervals)' : ' (Theil-Sen median slope)';
    const from = t.from.time_latest ? `${wallOf(t.from.time)} or later` : wallOf(t.from.time);
    const to = t.to.time_latest ? `${wallOf(t.to.time_latest)} or earlier` : wallOf(t.to.time);
    const span = `${t.samples} samples, ${from} → ${to}`;
    const after = t.since ? `after ${t.since.action === 'shell.command' ? `\`${t.since.message}\`` : t.since.action} (${shortPath(r, t.since.path)}:${t.since.line}), ` : '';
    const runOut =
      t.exhausted_at && t.available_bytes !== null && t.rate_bytes_per_hour > 0
        ? `; at ${rate(t.rate_bytes_per_hour)}, the ${humanBytes(t.available_bytes)} still available last about ${lasting(t.available_bytes / t.rate_bytes_per_hour)} (until ${wallOf(t.exhausted_at)})`
        : '';
    const w = t.per_worker;
    const leak =
      w && w.rate_bytes_per_hour >= MiB
        ? `; each worker grows about ${rate(w.rate_bytes_per_hour)} (median of ${w.workers} workers, ${humanBytes(w.first_rss_bytes)} → ${humanBytes(w.last_rss_bytes)}): a leak, see pm.max_requests`
        : '';
    return `${after}${what} ${t.rate_bytes_per_hour >= 0 ? 'grew' : 'shrank'} ${rate(t.rate_bytes_per_hour)}${basis} over ${span}${runOut}${leak}.`;
  });
}

/** Advice whose evidence is thin, told under the advice: `pm.max_children: low confidence. Thin evidence: ...`. */
export function confidenceLines(r: Report): string[] {
  const byNote = new Map<string, string[]>();
  for (const a of r.summary.advice) {
    if (!a.evidence_note) continue;
    const key = `${a.confidence ?? 'unknown'} confidence. ${a.evidence_note}`;
    byNote.set(key, [...(byNote.get(key) ?? []), a.setting]);
  }
  return [...byNote.entries()].map(([note, settings]) => `${settings.join(', ')}: ${note}`);
}

/** Every explaining line with its heading, in report order; empty headings are left out. */
export function explainSections(r: Report): { title: string; lines: string[] }[] {
  return [
    { title: 'Tables that leave memory out', lines: accountingLines(r) },
    { title: 'Memory released', lines: releaseLines(r) },
    { title: 'Trends', lines: trendLines(r) },
  ].filter((s) => s.lines.length > 0);
}
