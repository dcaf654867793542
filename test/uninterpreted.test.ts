// Issue 13's "recognized means understood": lines an event carries without reading them (a status
// block's CGroup tree) are counted `uninterpreted` per input, in the JSON summary and the text
// report, never hidden; and files of prose that quote log lines (the README, package.json) are not
// read as a kernel log: no kernel format, no memory failure.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { REPORTERS, buildReport, json } from '../src/report/index.js';
import type { Analysis } from '../src/analyze.js';
import { ROOT, expectConserved, run } from './helpers.js';

const text = (a: Analysis) => REPORTERS.text([buildReport(a)], { color: false });
const summaryOf = (a: Analysis) => JSON.parse(json([buildReport(a)])) as { inputs: { uninterpreted: number }[]; stats: { uninterpreted: number } };

const STATUS = path.join(ROOT, 'test', 'formats', 'systemd', 'blog-mariadb-10.1-status-cgroup-tree-journal-tail.log');

describe('uninterpreted lines', () => {
  it('a status block carries its CGroup tree unread: counted per input and in the totals', async () => {
    const a = await run([STATUS], { tz: 'Asia/Jakarta', year: 2017 });
    expectConserved(a);
    const status = a.events.find((e) => e.kind === 'systemd.status');
    expect(status?.src).toMatchObject({ line: 1, lines: 8, uninterpreted: 1 });
    expect(a.inputs[0].uninterpreted).toBe(1);
    expect(a.stats.uninterpreted).toBe(1);
    const s = summaryOf(a);
    expect(s.inputs[0].uninterpreted).toBe(1);
    expect(s.stats.uninterpreted).toBe(1);
    expect(text(a)).toContain('1 line carried uninterpreted');
  });

  it('an input with nothing carried unread says 0 and the text says nothing of it', async () => {
    const a = await run([path.join(ROOT, 'test', 'formats', 'journal-verbose', 'perl-converter-end-kernel-then-libvirtd.log')], { tz: 'UTC' });
    expect(a.stats.uninterpreted).toBe(0);
    expect(text(a)).not.toContain('uninterpreted');
  });
});

describe('prose is not a log', () => {
  it.each(['README.md', 'package.json', 'test/formats/kernel/SOURCE.md'])('%s (it quotes kernel OOM lines) reads as no kernel log and no failure', async (file) => {
    const a = await analyze({ tz: 'UTC', inputs: [path.join(ROOT, file)] });
    expect(a.inputs[0].formats).not.toContain('kernel');
    expect(a.events.some((e) => e.kind === 'kernel.oom_kill' || e.kind === 'kernel.oom_invoked')).toBe(false);
    expect(a.failures).toEqual([]);
  });
});
