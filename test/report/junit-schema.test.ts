// The JUnit report validated by libxml2 itself (xmllint compiled to WebAssembly, `xmllint
// --schema`) against the schema Jenkins' xunit plugin reads (test/report/schema/junit-10.xsd, with
// its SOURCE note): the seed and fixture reports, several bundles, hostile logs, and a wrong
// document the schema must reject (so a pass means something). Also: names stay stable.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { analyze } from '../../src/analyze.js';
import { caseName, junit } from '../../src/report/junit.js';
import { type Report, buildReport } from '../../src/report/model.js';
import { ROOT, SEED } from '../helpers.js';
import { HOSTILE, fixtureAnalysis } from './fixture.js';

const XSD = { fileName: 'junit-10.xsd', contents: readFileSync(path.join(ROOT, 'test', 'report', 'schema', 'junit-10.xsd'), 'utf8') };

async function errorsOf(xml: string): Promise<string[]> {
  const r = await validateXML({ xml: { fileName: 'report.xml', contents: xml }, schema: XSD });
  return r.valid ? [] : r.errors.map((e) => e.message);
}

const base = buildReport(fixtureAnalysis(), { bundle: 'bundle' });

describe('junit against the xunit-plugin schema', () => {
  it('accepts the seed report, with timestamp, hostname and time on the suite', async () => {
    const seed = buildReport(await analyze({ inputs: [SEED], tz: 'Asia/Shanghai', date: { year: 2016, month: 5, day: 21 } }), { bundle: SEED });
    const xml = junit([seed], { startedMs: Date.UTC(2026, 0, 2, 3, 4, 5), elapsedSeconds: 1.25, hostname: 'ci-runner-7' });
    expect(await errorsOf(xml)).toEqual([]);
    expect(xml).toContain(`<testsuite name="${SEED}" tests="1" failures="1" errors="0" skipped="0" time="1.250" timestamp="2026-01-02T03:04:05" hostname="ci-runner-7" id="0">`);
    // two failures of one kind and victim are one stable test, each occurrence in its body, the verdict once
    const names = [...xml.matchAll(/<testcase [^>]*name="([^"]*)"/g)].map((m) => m[1]);
    expect(names).toEqual(['mysql.mmap_failed of mysqld in 2016-05-21-php-fpm-starves-mysqld']);
    expect(xml.match(/2016-05-21 (11:06:36|18:49:28) mysqld\.err:\d+:/g)).toHaveLength(2);
    // the first verdict is the message (once); the second differs in its hours, so the body adds it once
    expect(xml.match(/No memory snapshot in the 15 m before this failure/g)).toHaveLength(2);
    expect(xml.match(/\nalso: No memory snapshot/g)).toHaveLength(1);
  });

  it('accepts several bundles, a clean one and an unreadable input, and hostile logs', async () => {
    const clean: Report = { ...structuredClone(base), bundle: 'clean', summary: { ...base.summary, failures: [] } };
    const broken: Report = { ...structuredClone(clean), bundle: 'broken', errors: [{ path: 'broken/x.log', reason: 'permission denied' }] };
    const evil: Report = structuredClone(base);
    evil.bundle = `evil ${HOSTILE.join(' ')}`;
    evil.summary.failures[0].message = HOSTILE.join(' ');
    evil.summary.failures[0].verdict = HOSTILE.join(' ');
    expect(await errorsOf(junit([base, clean, broken, evil]))).toEqual([]);
  });

  it('rejects what the schema forbids (the validator is really checking)', async () => {
    const bad = junit([base]).replace('<testcase ', '<testcase bogus="1" ').replace(/(<testsuite [^>]*?) tests="\d+"/, '$1');
    const errors = await errorsOf(bad);
    expect(errors.join('\n')).toMatch(/bogus/);
    expect(errors.join('\n')).toMatch(/tests/);
  });

  it('names a failure by kind, victim and bundle only: the same on every run, in every folder', () => {
    const f = base.summary.failures[0];
    expect(caseName(base, f, 0)).toBe('mysql.mmap_failed of mysqld in bundle');
    const moved: Report = { ...structuredClone(base), bundle: '/elsewhere/deep/bundle/' };
    moved.summary.failures[0].time = '2030-01-01T00:00:00.000+08:00';
    moved.summary.failures[0].line = 999;
    expect(caseName(moved, moved.summary.failures[0], 0)).toBe(caseName(base, f, 0));
  });
});
