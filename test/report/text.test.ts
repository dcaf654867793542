// The text report: the five answers first, each verdict once, plain words, wrapped to the width,
// routine rows summarised, the zone named once, colour only when asked, log control characters
// inert (only our own SGR codes reach the terminal), --verbose shows every event.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/model.js';
import { text } from '../../src/report/text.js';
import { fixtureAnalysis } from './fixture.js';

const a = fixtureAnalysis();
const report = buildReport(a, { bundle: 'bundle' });
const OUR_SGR = /\u001b\[(?:0|1|2|31|32|33)m/g;

describe('text report', () => {
  const out = text([report]);

  it('puts the answer first: five answers, then failures with verdicts, incidents, advice, inputs, the timeline', () => {
    expect(out.split('\n').slice(0, 2)).toEqual(['oomtrail: 1 memory failure, 1 incident, down 5 m 36 s in all', 'bundle; times in Asia/Shanghai (UTC+08:00)']);
    const answers = out.split('\n').slice(3, 11).join('\n');
    for (const q of ['What failed', 'When', 'For how long', 'What held the memory', 'What to change']) expect(answers).toContain(`  ${q}  `);
    expect(answers).toContain('mysqld could not get 131 MiB for its InnoDB buffer pool');
    expect(answers).toContain('down 5 m 36 s (back at 18:55:03)');
    expect(answers).toMatch(/php-fpm: 34 workers held 918 MiB; mysqld 170 MiB; 934\s+MiB of 994 MiB in use/);
    expect(answers).toContain('pm.max_children ? → 24');
    const order = ['Failures', 'Incidents', 'Advice', 'Read', 'Timeline'].map((h) => out.indexOf(`\n${h}`));
    expect(order.every((n) => n > 0)).toBe(true);
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(out).toContain('     mysqld asked for 131 MiB but only 60 MiB was available 1 m 28 s before the\n     failure; that snapshot shows 34 php-fpm workers held 918 MiB');
    expect(out).toContain('  1. 2016-05-21 18:49:27 → 18:55:03  down 5 m 36 s; 1 memory failure, died\n     once, 2 restart attempts');
    expect(out.match(/held 918 MiB \(92%/g)).toHaveLength(1); // the verdict once
  });

  it('wraps to the width asked (80 by default) and uses plain words, not kind names or bare marks', () => {
    expect(Math.max(...out.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
    const wide = text([report], { width: 120 });
    expect(Math.max(...wide.split('\n').map((l) => l.length))).toBeGreaterThan(80);
    expect(Math.max(...wide.split('\n').map((l) => l.length))).toBeLessThanOrEqual(120);
    expect(out).not.toMatch(/mysql\.mmap_failed|mysqld_safe\.died|to be had|0 deaths/);
    expect(out).toContain('buffer pool mmap failed');
  });

  it('summarises routine rows unless --verbose', () => {
    // one line, as many kinds named as fit the width
    expect(out).toMatch(/\n {2}… 11 routine rows \(--verbose\): server note ×7, top snapshot ×2 and 2 more\n/);
    expect(out).not.toContain('<script>');
  });

  it('names the zone once and writes every time in it', () => {
    expect(out.match(/Asia\/Shanghai/g)).toHaveLength(1);
    expect(out).not.toMatch(/\+08:00 |T\d\d:\d\d:\d\d/);
  });

  it('makes log control characters inert, with and without colour', () => {
    const out = text([report], { verbose: true });
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(out).toContain('ESC \\x1b[31mred\\x1b[0m title \\x1b]0;pwned\\x07 NUL \\x00 CR \\x0d BEL \\x07 bidi \\u202eabc');
    const coloured = text([report], { color: true, verbose: true });
    expect(coloured).toMatch(OUR_SGR);
    expect(coloured.replace(OUR_SGR, '')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(coloured.replace(OUR_SGR, '')).toBe(out);
  });

  it('folds repeats by default and shows every event, whole, with --verbose', () => {
    const rows = text([report], { verbose: true }).split('\nTimeline')[1].trim().split('\n').length - 1;
    expect(rows).toBe(report.timeline.length);
    const verbose = text([buildReport(a, { bundle: 'bundle', verbose: true })], { verbose: true });
    expect(verbose).toContain('Timeline (every event');
    const vrows = verbose.slice(verbose.indexOf('\nTimeline')).trim().split('\n').length - 1;
    expect(vrows).toBe(a.events.length);
    expect(verbose).toContain(`${'x'.repeat(4990)}`);
    expect(out).not.toContain(`${'x'.repeat(4990)}`);
  });

  it('gives a sweep an overview line per bundle, then one section each', () => {
    const sweep = text([report, { ...report, bundle: 'other', summary: { ...report.summary, failures: [], incidents: [] } }]);
    expect(sweep.split('\n').slice(0, 3)).toEqual([
      'oomtrail sweep: 2 bundles, 1 with memory failures',
      '  bundle: 1 memory failure, 1 incident, down 5 m 36 s in all',
      '  other: 0 memory failures, 0 incidents',
    ]);
    expect(sweep.match(/^━━━ \d\/2 {2}\w+ ━━━$/gm)).toEqual(['━━━ 1/2  bundle ━━━', '━━━ 2/2  other ━━━']);
  });
});
