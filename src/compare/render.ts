// The comparison in text, Markdown, JUnit and JSON: the verdict first, then both sides side by
// side (peak workers and RSS per group, least available, failures, restarts, time under
// pressure). Plain functions of the CompareSummary; log text (paths, messages) is escaped.
import { humanBytes, humanDuration } from '../correlate/verdict.js';
import { wallOf } from '../report/model.js';
import { jsonSafe, markdown as md, markdownCode as code, plain, xml } from '../report/sanitize.js';
import type { CompareSummary } from './model.js';

type Side = CompareSummary['before'];

const size = (n: number | null) => (n === null ? '-' : humanBytes(n));

/** Rows of [label, before, after]. */
export function rows(s: CompareSummary): [string, string, string][] {
  const both = (f: (p: Side) => string): [string, string] => [f(s.before), f(s.after)];
  const out: [string, string, string][] = [
    ['bundle', ...both((p) => p.bundle)],
    ['span', ...both((p) => `${wallOf(p.from)} → ${wallOf(p.to)}`)],
    ['snapshots', ...both((p) => String(p.snapshots))],
    ['failures', ...both((p) => String(p.failures.length))],
    ['restarts', ...both((p) => String(p.restarts))],
    ['least available', ...both((p) => size(p.min_available_bytes))],
    ['peak in use', ...both((p) => size(p.peak.in_use_bytes))],
    ['under pressure (< 10% available)', ...both((p) => humanDuration(p.pressure_seconds))],
    ['memory trend', ...both((p) => (p.trend ? `${p.trend.rate_bytes_per_hour >= 0 ? '+' : '−'}${humanBytes(Math.abs(p.trend.rate_bytes_per_hour))}/h` : '-'))],
  ];
  const groups = [...new Set([...Object.keys(s.before.groups), ...Object.keys(s.after.groups)])];
  for (const g of groups) {
    const peak = (p: Side) => {
      const x = p.groups[g];
      return x ? `${x.peak_workers} / ${humanBytes(x.peak_rss_bytes)} (p90 ${humanBytes(x.p90_rss_bytes)})` : 'no table';
    };
    out.push([`${g}: peak processes / RSS`, ...both(peak)]);
  }
  return out;
}

function splitLine(s: CompareSummary): string {
  if (!s.split_at) return `Before: the last ${humanDuration(s.span_seconds)} of ${s.before.bundle}; after: the first ${humanDuration(s.span_seconds)} of ${s.after.bundle}.`;
  const by = s.split_by ? ` at ${s.split_by.action === 'shell.command' ? `\`${s.split_by.message}\`` : s.split_by.action} (${s.split_by.path}:${s.split_by.line})` : '';
  return `Split at ${wallOf(s.split_at)}${by}; ${humanDuration(s.span_seconds)} on each side.`;
}

export function compareText(s: CompareSummary): string {
  const table = rows(s);
  const w0 = Math.max(...table.map((r) => r[0].length));
  const w1 = Math.max(...table.map((r) => plain(r[1]).length), 'before'.length);
  const out = [`oomtrail compare: ${plain(s.verdict)}`, plain(splitLine(s)), `Times are in ${plain(s.timezone)}.`, ''];
  out.push(`  ${''.padEnd(w0)}  ${'before'.padEnd(w1)}  after`);
  for (const [label, b, a] of table) out.push(`  ${label.padEnd(w0)}  ${plain(b).padEnd(w1)}  ${plain(a)}`);
  for (const [name, p] of [['before', s.before], ['after', s.after]] as const) {
    for (const f of p.failures) out.push(`  ${name} failure: ${wallOf(f.time)} ${f.action} (${plain(f.path)}:${f.line})${f.culprit ? `, culprit ${plain(f.culprit)}` : ''}`);
  }
  return `${out.join('\n')}\n`;
}

export function compareMarkdown(s: CompareSummary): string {
  const out = ['## oomtrail compare', '', `**${md(s.verdict)}**`, '', md(splitLine(s)), `Times are in ${md(s.timezone)}.`, ''];
  out.push('| | before | after |', '|---|---|---|');
  for (const [label, b, a] of rows(s)) out.push(`| ${md(label)} | ${label === 'bundle' ? code(b) : md(b)} | ${label === 'bundle' ? code(a) : md(a)} |`);
  return `${out.join('\n')}\n`;
}

/** One suite: a case per side; the after side fails when it still has failures. */
export function compareJunit(s: CompareSummary): string {
  const a = s.after;
  const afterCase =
    a.failures.length > 0
      ? `    <testcase classname="oomtrail.compare" name="after: no memory failure"><failure message="${xml(s.verdict)}" type="still_failing">${xml(a.failures.map((f) => `${wallOf(f.time)} ${f.action} (${f.path}:${f.line})`).join('\n'))}</failure></testcase>`
      : `    <testcase classname="oomtrail.compare" name="after: no memory failure"/>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="oomtrail compare" tests="1" failures="${a.failures.length > 0 ? 1 : 0}">
  <testsuite name="${xml(`${s.before.bundle} → ${s.after.bundle}`)}" tests="1" failures="${a.failures.length > 0 ? 1 : 0}" errors="0" skipped="0">
    <properties>
      <property name="outcome" value="${xml(s.outcome)}"/>
      <property name="verdict" value="${xml(s.verdict)}"/>
    </properties>
${afterCase}
  </testsuite>
</testsuites>
`;
}

export function compareJson(s: CompareSummary): string {
  return `${jsonSafe(JSON.stringify(s, null, 2))}\n`;
}
