// The "Memory explained" lines every report language shares, rendered once from the summary's
// structured fields (accounting, releases, trends, advice confidence): plain text; each reporter
// escapes it for its format. One line per finding, nothing more elaborate.
import { humanBytes } from '../correlate/verdict.js';
import { type Report, shortPath, wallOf } from './model.js';

type Summary = Report['summary'];
type Ref = Summary['releases'][number]['from'];

const MiB = 1024 ** 2;

function where(r: Report, p: Ref): string {
  return `${shortPath(r, p.path)}:${p.line}`;
}

function when(p: Ref): string {
  return p.time_latest ? `between ${wallOf(p.time)} and ${wallOf(p.time_latest)}` : wallOf(p.time);
}

/** `about 26 h` up to three days, then days. */
function lasting(hours: number): string {
  return hours < 72 ? `${Math.max(1, Math.round(hours))} h` : `${Math.round(hours / 24)} days`;
}

function rate(bytesPerHour: number): string {
  return `${bytesPerHour >= 0 ? '+' : '−'}${humanBytes(Math.abs(bytesPerHour))}/h`;
}

export function accountingLines(r: Report): string[] {
  return r.summary.accounting.map((x) => {
    const of = x.total_tasks !== null ? `${x.listed_tasks} of ${x.total_tasks}` : `${x.listed_tasks}`;
    const hidden = x.total_tasks !== null ? x.total_tasks - x.listed_tasks : null;
    const rest = x.complete
      ? 'is in no listed process (kernel memory, or shared pages counted once)'
      : `is in processes not shown${hidden !== null ? ` (${hidden} tasks)` : ''} or the kernel`;
    return `${wallOf(x.time)} (${where(r, x)}): the table lists ${of} tasks holding ${humanBytes(x.listed_rss_bytes)} of ${humanBytes(x.used_bytes ?? 0)} in use: ${humanBytes(x.unaccounted_bytes ?? 0)} ${rest}.`;
  });
}

export function releaseLines(r: Report): string[] {
  return r.summary.releases.map((x) => {
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
    const basis = t.basis === 'span' ? ' (at least: the samples in between are dated only within an interval, so over the widest span they allow)' : ' (Theil-Sen median slope)';
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

/** Advice whose evidence is thin: `pm.max_children: low confidence. Thin evidence: ...`. */
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
    { title: 'How firm the advice is', lines: confidenceLines(r) },
  ].filter((s) => s.lines.length > 0);
}
