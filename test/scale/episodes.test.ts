// Episodes (CONTRACT.md, Additions): a crash loop's failures of the same kind and cause are one
// episode; the summary lists its first and last member and counts the rest; every report format
// tells it once, so reports do not grow with the count. Runs of other kinds split episodes.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/model.js';
import { REPORTERS } from '../../src/report/index.js';
import { failureTotal } from '../../src/report/episode-summary.js';
import { runText } from '../helpers.js';

const stamp = (i: number) => `160521 ${String(10 + Math.floor(i / 3600)).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
/** One failed start of mysqld 5.5 at second i. */
const cycle = (i: number) =>
  [`${stamp(i)} mysqld_safe mysqld restarted`, `${stamp(i)} [Note] /usr/sbin/mysqld (mysqld 5.5.49-log) starting as process ${1000 + i} ...`, `${stamp(i)} InnoDB: Initializing buffer pool, size = 128.0M`, 'InnoDB: mmap(137363456 bytes) failed; errno 12', `${stamp(i)} [ERROR] Aborting`].join('\n');
/** A failed start told without its mmap line (another kind: it ends a run). */
const other = (i: number) => `${stamp(i)} mysqld_safe mysqld restarted\n${stamp(i)} InnoDB: Fatal error: cannot allocate memory for the buffer pool\n${stamp(i)} [ERROR] Aborting`;
const loop = (n: number, from = 0) => Array.from({ length: n }, (_, i) => cycle(from + i * 2)).join('\n');
const opts = { tz: 'UTC', date: { year: 2016, month: 5, day: 21 } };

describe('episodes', () => {
  it('make a crash loop one episode: first and last listed, the rest counted, members sampled', async () => {
    const a = await runText(loop(500), opts);
    expect(a.failures).toHaveLength(500);
    const s = buildReport(a).summary;
    expect(s.episodes).toHaveLength(1);
    const [ep] = s.episodes;
    expect(ep).toMatchObject({ class: 'buffer_pool', action: 'mysql.mmap_failed', count: 500, interval_seconds: 2, first: a.clock.iso(a.failures[0].event.time.ms), last: a.clock.iso(a.failures[499].event.time.ms) });
    expect(s.failures.map((f) => f.episode)).toEqual([ep.id, ep.id]);
    expect(s.failures.map((f) => f.id)).toEqual([ep.first_failure, ep.last_failure]);
    expect(ep.members.length).toBe(20);
    expect(ep.members[0]).toBe(ep.first_failure);
    expect(ep.members.at(-1)).toBe(ep.last_failure);
    expect(new Set(ep.members).size).toBe(20);
    expect(failureTotal(s)).toBe(500);
  });

  it('keep reports the same size for 10× the failures, in every format', async () => {
    // both past the HTML timeline's row cap (5,000 rows), so every format is at its bound
    const small = buildReport(await runText(loop(1200), opts));
    const big = buildReport(await runText(loop(3600), opts));
    for (const [format, render] of Object.entries(REPORTERS)) {
      if (format === 'json') continue;
      const a = render([small], {}).length;
      const b = render([big], {}).length;
      expect(b, format).toBeLessThan(a * 1.1 + 2000);
    }
    expect(REPORTERS.text([big], {}).replace(/\s+/g, ' ')).toContain('3,600 times from 2016-05-21 10:00:00 to 2016-05-21 11:59:58, one every ~2 s; the last at');
    expect(REPORTERS.text([big], {})).toContain('3600 memory failures');
    expect(REPORTERS.junit([big], {})).toContain('3600 times, 2016-05-21 10:00:00 to 2016-05-21 11:59:58');
    expect(REPORTERS.junit([big], {})).toContain('<property name="memory_failures" value="3600"/>');
  });

  it('split at a failure of another kind; runs under three stay single failures', async () => {
    const text = [loop(4, 0), other(20), loop(2, 30)].join('\n');
    const a = await runText(text, opts);
    const s = buildReport(a).summary;
    expect(a.failures.map((f) => f.event.kind)).toEqual([...Array(4).fill('mysql.mmap_failed'), 'mysql.buffer_pool_alloc_failed', 'mysql.mmap_failed', 'mysql.mmap_failed']);
    expect(s.episodes.map((e) => e.count)).toEqual([4]);
    // the episode's first and last, then the kill and the two of the short run
    expect(s.failures.map((f) => f.episode ?? null)).toEqual([s.episodes[0].id, s.episodes[0].id, null, null, null]);
    expect(failureTotal(s)).toBe(a.failures.length);
  });
});
