// The JUnit report parsed by a strict XML 1.0 parser (saxes: well-formedness including the Char
// production, so control characters, lone surrogates and U+FFFF are caught): valid whatever the
// logs hold, one <testsuite> per bundle, one failing case per memory failure, a passing case else.
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { junit } from '../../src/report/junit.js';
import { type Report, buildReport } from '../../src/report/model.js';
import { HOSTILE, fixtureAnalysis } from './fixture.js';

interface Node {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: Node[];
}

/** Parse strictly; throws on any well-formedness error. */
function parse(xml: string): Node {
  const p = new SaxesParser({ xmlns: false });
  const root: Node = { name: '#document', attributes: {}, text: '', children: [] };
  const stack = [root];
  p.on('error', (e) => {
    throw e;
  });
  p.on('opentag', (t) => {
    const n: Node = { name: t.name, attributes: t.attributes as Record<string, string>, text: '', children: [] };
    stack[stack.length - 1].children.push(n);
    stack.push(n);
  });
  p.on('text', (t) => {
    stack[stack.length - 1].text += t;
  });
  p.on('closetag', () => {
    stack.pop();
  });
  p.write(xml).close();
  return root.children[0];
}

const base = buildReport(fixtureAnalysis(), { bundle: 'bundle' });

function hostile(): Report {
  const r: Report = structuredClone(base);
  const bad = HOSTILE.join(' ');
  r.bundle = `evil ${bad}`;
  r.summary.failures[0].message = bad;
  r.summary.failures[0].verdict = bad;
  r.summary.failures[0].path = `dir/${HOSTILE[0]}.log`;
  r.errors = [{ path: `${HOSTILE[1]}\u0000.log`, reason: HOSTILE[4] }];
  return r;
}

describe('junit report', () => {
  it('is well-formed XML whatever the logs hold', () => {
    const xml = junit([hostile()]);
    expect(() => parse(xml)).not.toThrow();
    const suite = parse(xml).children[0];
    const failure = suite.children.find((c) => c.name === 'testcase')?.children[0];
    expect(failure?.name).toBe('failure');
    expect(failure?.attributes.message).toContain('<script>alert(1)</script>');
    expect(failure?.attributes.message).toContain('\\x1b[31mred');
    expect(failure?.attributes.message).toContain(']]>');
    expect(suite.attributes.name).toContain('<img src=x onerror=alert(1)>');
  });

  it('the strict parser does reject what we escape (so the test above means something)', () => {
    expect(() => parse('<a>\u0001</a>')).toThrow();
    expect(() => parse('<a>\uffff</a>')).toThrow();
    expect(() => parse('<a b="<"/>')).toThrow();
  });

  it('has one failing testcase per memory failure, with the verdict as message', () => {
    const root = parse(junit([base]));
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ tests: '1', failures: '1', errors: '0' });
    const [suite] = root.children;
    expect(suite.attributes).toMatchObject({ name: 'bundle', tests: '1', failures: '1' });
    const cases = suite.children.filter((c) => c.name === 'testcase');
    expect(cases).toHaveLength(1);
    expect(cases[0].attributes.name).toBe('mysql.mmap_failed of mysqld in bundle');
    expect(cases[0].children[0].attributes.message).toBe(base.summary.failures[0].verdict);
    expect(cases[0].children[0].text).toContain('culprit: php-fpm');
  });

  it('passes a bundle with no failure, errors an unreadable input, one suite per bundle', () => {
    const clean: Report = { ...structuredClone(base), bundle: 'clean', summary: { ...base.summary, failures: [] } };
    const broken: Report = { ...structuredClone(clean), bundle: 'broken', errors: [{ path: 'broken/x.log', reason: 'permission denied' }] };
    const root = parse(junit([base, clean, broken]));
    expect(root.children.map((s) => s.attributes.name)).toEqual(['bundle', 'clean', 'broken']);
    expect(root.attributes).toMatchObject({ tests: '4', failures: '1', errors: '1' });
    const cleanCases = root.children[1].children.filter((c) => c.name === 'testcase');
    expect(cleanCases.map((c) => [c.attributes.name, c.children.length])).toEqual([['no memory failure in clean', 0]]);
    const brokenCases = root.children[2].children.filter((c) => c.name === 'testcase');
    expect(brokenCases.map((c) => c.children[0]?.name ?? 'pass')).toEqual(['error', 'pass']);
  });
});
