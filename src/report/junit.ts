// The JUnit XML report, for CI test panels: one <testsuite> per bundle inside one <testsuites>,
// one failing <testcase> per memory failure (message = the verdict), one erroring case per input
// that could not be read, and a passing case when a bundle has no memory failure. Every value
// goes through `xml`, so the document stays well-formed whatever the logs hold.
import { humanBytes, humanDuration } from '../correlate/verdict.js';
import { type Report, wallOf } from './model.js';
import { xml, xmlLines } from './sanitize.js';

function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xml(String(v))}"`)
    .join('');
}

function failureBody(f: Report['summary']['failures'][number]): string {
  const lines = [`${f.path}:${f.line}: ${f.message}`];
  if (f.requested_bytes) lines.push(`asked: ${humanBytes(f.requested_bytes)}`);
  const b = f.before;
  if (b) {
    lines.push(`before: ${wallOf(b.time)} (${humanDuration(b.gap_seconds)} earlier, ${b.path}:${b.line})`);
    if (b.memory?.total_bytes) lines.push(`memory: ${humanBytes(b.memory.used_bytes ?? 0)} used of ${humanBytes(b.memory.total_bytes)}`);
    if (b.php_fpm) lines.push(`php-fpm: ${b.php_fpm.processes} workers, ${humanBytes(b.php_fpm.rss_bytes)}`);
    if (b.mysqld) lines.push(`mysqld: ${humanBytes(b.mysqld.rss_bytes)}`);
  } else lines.push('before: no snapshot captured');
  if (f.after) lines.push(`after: ${wallOf(f.after.time)} (${humanDuration(f.after.gap_seconds)} later, ${f.after.path}:${f.after.line})`);
  if (f.culprit) lines.push(`culprit: ${f.culprit}`);
  lines.push(`verdict: ${f.verdict}`);
  return lines.map((l) => xml(l)).join('\n');
}

function suite(r: Report): string {
  const s = r.summary;
  const cls = r.bundle;
  const cases: string[] = [];
  s.failures.forEach((f, i) => {
    const name = `${i + 1}. ${f.action} at ${wallOf(f.time)} (${f.path}:${f.line})`;
    cases.push(`    <testcase${attrs({ classname: cls, name, file: f.path, line: f.line })}>
      <failure${attrs({ message: f.verdict, type: f.action })}>${failureBody(f)}</failure>
    </testcase>`);
  });
  for (const e of r.errors) {
    cases.push(`    <testcase${attrs({ classname: cls, name: `read ${e.path}`, file: e.path })}>
      <error${attrs({ message: e.reason, type: 'input' })}>${xmlLines(`${e.path}: ${e.reason}`)}</error>
    </testcase>`);
  }
  if (s.failures.length === 0) cases.push(`    <testcase${attrs({ classname: cls, name: 'no memory failure' })}/>`);
  const props = [
    ['timezone', r.zone_label],
    ['lines', String(s.stats.lines)],
    ['events', String(s.stats.events)],
    ['unrecognized', String(s.stats.unrecognized)],
    ['incidents', String(s.incidents.length)],
  ].map(([name, value]) => `      <property${attrs({ name, value })}/>`);
  return `  <testsuite${attrs({ name: r.bundle, tests: cases.length, failures: s.failures.length, errors: r.errors.length, skipped: 0 })}>
    <properties>
${props.join('\n')}
    </properties>
${cases.join('\n')}
  </testsuite>`;
}

export function junit(reports: readonly Report[]): string {
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const r of reports) {
    failures += r.summary.failures.length;
    errors += r.errors.length;
    tests += r.summary.failures.length + r.errors.length + (r.summary.failures.length === 0 ? 1 : 0);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites${attrs({ name: 'oomtrail', tests, failures, errors })}>
${reports.map(suite).join('\n')}
</testsuites>
`;
}
