// The text report: the answer first, the zone named once, colour only when asked, log control
// characters inert (only our own SGR codes reach the terminal), --verbose shows every event.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/model.js';
import { text } from '../../src/report/text.js';
import { fixtureAnalysis } from './fixture.js';

const a = fixtureAnalysis();
const report = buildReport(a, { bundle: 'bundle' });
const OUR_SGR = /\u001b\[(?:0|1|2|31|32|33)m/g;

describe('text report', () => {
  const out = text([report]);

  it('puts the answer first: headline, failures with verdicts, incidents, advice, then the timeline', () => {
    expect(out.split('\n')[0]).toBe('oomtrail: 1 memory failure, 1 incident, down 5 m 36 s in all  bundle');
    const order = ['Failures', 'Incidents', 'Advice', 'Inputs', 'Timeline'].map((h) => out.indexOf(`\n${h}`));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(out).toContain('     mysqld asked for 131 MiB but only 60 MiB could be had 1 m 28 s before the failure; that snapshot shows 34 php-fpm workers held 918 MiB');
    expect(out).toContain('1. 2016-05-21 18:49:27 → 2016-05-21 18:55:03  recovered at 2016-05-21 18:55:03, down 5 m 36 s');
  });

  it('names the zone once and writes every time in it', () => {
    expect(out.match(/Asia\/Shanghai/g)).toHaveLength(1);
    expect(out).toContain('Times are in Asia/Shanghai (UTC+08:00).');
    expect(out).not.toMatch(/\+08:00 |T\d\d:\d\d:\d\d/);
  });

  it('makes log control characters inert, with and without colour', () => {
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(out).toContain('ESC \\x1b[31mred\\x1b[0m title \\x1b]0;pwned\\x07 NUL \\x00 CR \\x0d BEL \\x07 bidi \\u202eabc');
    const coloured = text([report], { color: true });
    expect(coloured).toMatch(OUR_SGR);
    expect(coloured.replace(OUR_SGR, '')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(coloured.replace(OUR_SGR, '')).toBe(out);
  });

  it('folds repeats by default and shows every event, whole, with --verbose', () => {
    const rows = out.slice(out.indexOf('\nTimeline')).trim().split('\n').length - 1;
    expect(rows).toBe(report.timeline.length);
    const verbose = text([buildReport(a, { bundle: 'bundle', verbose: true })], { verbose: true });
    expect(verbose).toContain('Timeline (^ time from');
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
