// The seed's pasted shell session, dated end to end: 3 `top` frames and 6 `free` snapshots, the
// morning frame rolled to the next day by its uptime, the `free` blocks between frames on
// intervals, the garbled `  ap:` line counted unrecognized. The year comes from mysqld.err
// (2016), not from the files' mtimes, even without --date.
import { describe, expect, it } from 'vitest';
import { ndjsonLines } from '../../src/report/index.js';
import { SEED, expectConserved, run } from '../helpers.js';

describe('seed shell session, dated', async () => {
  const a = await run([SEED], { tz: 'Asia/Shanghai', date: { year: 2016, month: 5, day: 21 } });
  const session = (kind: string) => a.events.filter((e) => e.kind === kind && e.src.path.endsWith('shell-session.txt'));

  it('finds 3 top frames at 23:42:33, 23:43:51 and the next morning 11:50:06', () => {
    const top = session('snapshot.top');
    expect(top.map((e) => a.clock.iso(e.time.ms))).toEqual(['2016-05-21T23:42:33.000+08:00', '2016-05-21T23:43:51.000+08:00', '2016-05-22T11:50:06.000+08:00']);
    expect(top.map((e) => e.time.source)).toEqual(['inferred', 'inferred', 'inferred']);
    expect(top[0].time.note).toMatch(/^date from the bundle's dated events \(.*mysqld\.err/);
    expect(top[2].time.note).toMatch(/by the uptime \(12 h 06 m apart\), rolled to the next day/);
  });

  it('finds 6 free snapshots, each with its command and a time its neighbours bound', () => {
    const free = session('snapshot.free');
    expect(free).toHaveLength(6);
    expect(free.map((e) => e.meta?.['shell.command'])).toEqual(Array(6).fill('free -m'));
    expect(free[0].time).toMatchObject({ source: 'inferred', ms: session('snapshot.top')[0].time.ms });
    for (const f of free.slice(1)) {
      expect(f.time.source).toBe('interval');
      expect([a.clock.iso(f.time.ms), a.clock.iso(f.time.latestMs ?? Number.NaN)]).toEqual(['2016-05-21T23:43:51.000+08:00', '2016-05-22T11:50:06.000+08:00']);
    }
  });

  it('counts the garbled `  ap:` line unrecognized, not fatal, and loses no line', () => {
    const ap = a.events.filter((e) => e.kind === 'line.unrecognized' && e.message.trim().startsWith('ap:'));
    expect(ap.map((e) => e.src.line)).toEqual([173]);
    expectConserved(a);
  });

  it('carries each placed time\'s note into the NDJSON', () => {
    const out = [...ndjsonLines(a)] as { event: { action: string }; oomtrail: { time_note?: string; time_source: string } }[];
    const placed = out.filter((o) => o.event.action.startsWith('snapshot.'));
    expect(placed.length).toBeGreaterThanOrEqual(9);
    for (const o of placed) expect(o.oomtrail.time_note, o.event.action).toBeTruthy();
  });

  it('dates the session 2016 from mysqld.err without --date, not from a later mtime', async () => {
    const b = await run([SEED], { tz: 'Asia/Shanghai' });
    const top = b.events.filter((e) => e.kind === 'snapshot.top');
    expect(top.map((e) => b.clock.iso(e.time.ms).slice(0, 10))).toEqual(['2016-05-21', '2016-05-21', '2016-05-22']);
  });
});
