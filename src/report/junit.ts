// The JUnit XML report, for CI test panels (valid against Jenkins xunit's junit-10.xsd, which
// GitLab's reader also accepts): one <testsuite> per bundle, one failing <testcase> per failure
// kind and victim, named stably (kind, victim, bundle: no counter, time or path, so CI history
// sees the same test fail again), each occurrence listed in its body and each verdict once.
import { failureTotal, weight } from './episode-words.js';
import { hostname as osHostname } from 'node:os';
import { humanBytes, humanDuration } from '../correlate/verdict.js';
import { type Report, shortPath, wallOf } from './model.js';
import { xml, xmlLines } from './sanitize.js';

/** When and where the run happened: the suites' timestamp, hostname and time attributes. */
export interface RunInfo {
  /** Epoch ms the run started (default: now). */
  startedMs?: number;
  /** Seconds the run took. */
  elapsedSeconds?: number;
  hostname?: string;
}

type Failure = Report['summary']['failures'][number];

/** The bundle as a test class name: its last path part (`2016-05-21-php-fpm-starves-mysqld`). */
export function bundleName(bundle: string): string {
  const parts = bundle.split(/[\\/]+/).filter(Boolean);
  return parts[parts.length - 1] ?? bundle;
}

/** `mysql.mmap_failed of mysqld in 2016-05-21-php-fpm-starves-mysqld`. */
export function caseName(r: Report, f: Failure, i: number): string {
  const victim = (f as { victim?: { name?: string } | null }).victim?.name ?? r.victims?.[i] ?? null;
  return `${f.action}${victim ? ` of ${victim}` : ''} in ${bundleName(r.bundle)}`;
}

/** `2026-11-24T04:27:12` (UTC, no zone: the form the JUnit schemas take). */
function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xml(String(v))}"`)
    .join('');
}

function failureBody(r: Report, f: Failure): string {
  const lines = [`${wallOf(f.time)} ${shortPath(r, f.path)}:${f.line}: ${f.message}`];
  if (f.requested_bytes) lines.push(`asked: ${humanBytes(f.requested_bytes)}`);
  const b = f.before;
  if (b) {
    lines.push(`before: ${wallOf(b.time)} (${humanDuration(b.gap_seconds)} earlier, ${shortPath(r, b.path)}:${b.line})`);
    if (b.memory?.total_bytes) lines.push(`memory: ${humanBytes(b.memory.used_bytes ?? 0)} used of ${humanBytes(b.memory.total_bytes)}`);
    if (b.php_fpm) lines.push(`php-fpm: ${b.php_fpm.processes} worker${b.php_fpm.processes === 1 ? '' : 's'}, ${humanBytes(b.php_fpm.rss_bytes)}`);
    if (b.mysqld) lines.push(`mysqld: ${humanBytes(b.mysqld.rss_bytes)}`);
  } else lines.push('before: no snapshot captured');
  if (f.after) lines.push(`after: ${wallOf(f.after.time)} (${humanDuration(f.after.gap_seconds)} later, ${shortPath(r, f.after.path)}:${f.after.line})`);
  if (f.culprit) lines.push(`culprit: ${f.culprit}`);
  return lines.join('\n');
}

/** One case per name: how many times, when, each occurrence's evidence, each distinct verdict once. */
function failureCase(r: Report, cls: string, name: string, group: { f: Failure; i: number }[]): string {
  const first = group[0].f;
  const verdicts = [...new Set(group.map(({ f }) => f.verdict))];
  // an episode's first member stands for its count; the members between are not listed
  const count = group.reduce((n, { f }) => n + weight(r.summary, f), 0);
  const when = count === 1 ? `at ${wallOf(first.time)}` : `${count} times, ${wallOf(first.time)} to ${wallOf(group[group.length - 1].f.time)}`;
  // the first verdict is the failure's message; the body adds only the ones that differ from it
  const body = [`${name}: ${when}`, ...group.map(({ f }) => failureBody(r, f)), ...verdicts.slice(1).map((v) => `also: ${v}`)].join('\n\n');
  return `    <testcase${attrs({ classname: cls, name, file: shortPath(r, first.path), line: first.line, time: 0 })}>
      <failure${attrs({ message: first.verdict, type: first.action })}>${xmlLines(body)}</failure>
    </testcase>`;
}

function cases(r: Report): { xml: string[]; failing: number } {
  const cls = `oomtrail.${bundleName(r.bundle)}`;
  const groups = new Map<string, { f: Failure; i: number }[]>();
  r.summary.failures.forEach((f, i) => {
    const name = caseName(r, f, i);
    groups.set(name, [...(groups.get(name) ?? []), { f, i }]);
  });
  const out = [...groups.entries()].map(([name, group]) => failureCase(r, cls, name, group));
  for (const e of r.errors) {
    out.push(`    <testcase${attrs({ classname: cls, name: `read ${shortPath(r, e.path)}`, file: shortPath(r, e.path), time: 0 })}>
      <error${attrs({ message: e.reason, type: 'input' })}>${xmlLines(`${e.path}: ${e.reason}`)}</error>
    </testcase>`);
  }
  if (groups.size === 0) out.push(`    <testcase${attrs({ classname: cls, name: `no memory failure in ${bundleName(r.bundle)}`, time: 0 })}/>`);
  return { xml: out, failing: groups.size };
}

function suite(r: Report, run: Required<RunInfo>, id: number): { xml: string; tests: number; failing: number } {
  const s = r.summary;
  const c = cases(r);
  const props = [
    ['bundle', r.bundle],
    ['timezone', r.zone_label],
    ['memory_failures', String(failureTotal(s))],
    ['lines', String(s.stats.lines)],
    ['events', String(s.stats.events)],
    ['unrecognized', String(s.stats.unrecognized)],
    ['incidents', String(s.incidents.length)],
  ].map(([name, value]) => `      <property${attrs({ name, value })}/>`);
  const head = attrs({ name: r.bundle, tests: c.xml.length, failures: c.failing, errors: r.errors.length, skipped: 0, time: run.elapsedSeconds.toFixed(3), timestamp: stamp(run.startedMs), hostname: run.hostname, id });
  return {
    xml: `  <testsuite${head}>
    <properties>
${props.join('\n')}
    </properties>
${c.xml.join('\n')}
  </testsuite>`,
    tests: c.xml.length,
    failing: c.failing,
  };
}

export function junit(reports: readonly Report[], info: RunInfo = {}): string {
  const run: Required<RunInfo> = { startedMs: info.startedMs ?? Date.now(), elapsedSeconds: info.elapsedSeconds ?? 0, hostname: info.hostname ?? (osHostname() || 'localhost') };
  const suites = reports.map((r, i) => suite(r, run, i));
  const tests = suites.reduce((n, x) => n + x.tests, 0);
  const failures = suites.reduce((n, x) => n + x.failing, 0);
  const errors = reports.reduce((n, r) => n + r.errors.length, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites${attrs({ name: 'oomtrail', tests, failures, errors, time: run.elapsedSeconds.toFixed(3) })}>
${suites.map((x) => x.xml).join('\n')}
</testsuites>
`;
}
