// The seed explained from its own evidence (issue 14): the 23:42:33 table shows only part of the
// 110 tasks, php-fpm's going away released ~761 MiB with 29 tasks, memory in use grew ~23 MiB/h
// after `service php-fpm restart`, and both failures name php-fpm from that release, weakly.
import { describe, expect, it } from 'vitest';
import { summary } from '../../src/report/summary.js';
import { SEED, run } from '../helpers.js';

const MiB = 1024 ** 2;

describe('seed: memory explained', async () => {
  const a = await run([SEED], { tz: 'Asia/Shanghai', date: { year: 2016, month: 5, day: 21 } });
  const s = summary(a);

  it('accounts for the 23:42:33 table: 64 of 110 tasks listed, most of the memory in processes not shown', () => {
    const x = s.accounting.find((r) => r.time === '2016-05-21T23:42:33.000+08:00');
    expect(x).toMatchObject({ listed_tasks: 64, total_tasks: 110, complete: false, action: 'snapshot.top' });
    // 1018508k total − (68548k free + 2616k buffers + 17124k cached) = 930220k in use
    expect(x?.used_bytes).toBe(930220 * 1024);
    expect((x?.listed_rss_bytes ?? 0) / MiB).toBeGreaterThan(55);
    expect((x?.listed_rss_bytes ?? 0) / MiB).toBeLessThan(65);
    expect(x?.unaccounted_bytes).toBe((x?.used_bytes ?? 0) - (x?.listed_rss_bytes ?? 0));
  });

  it('attributes the 23:42:33 → 23:43:51 release to php-fpm: at least 761 MiB, 29 tasks gone', () => {
    expect(s.releases).toHaveLength(1);
    const r = s.releases[0];
    expect([r.from.time, r.to.time]).toEqual(['2016-05-21T23:42:33.000+08:00', '2016-05-21T23:43:51.000+08:00']);
    expect(r.group).toBe('php-fpm');
    expect(r.tasks_gone).toBe(29);
    // top's own `used`: 949960k → 170960k (smaller than the drop in memory in use: cache grew)
    expect(r.released_bytes).toBe((949960 - 170960) * 1024);
    expect(Math.round(r.released_bytes / MiB)).toBe(761);
    expect(r.evidence.processes_gone).toBe(2);
  });

  it('finds memory in use growing about 23 MiB/h after the php-fpm restart, and when it runs out', () => {
    const t = s.trends.find((x) => x.group === 'memory');
    expect(t?.since?.message).toBe('service php-fpm restart');
    expect(t?.samples).toBe(4); // free 124, 281, 400 MiB, then top at 11:50:06
    expect(t?.basis).toBe('span');
    expect((t?.rate_bytes_per_hour ?? 0) / MiB).toBeCloseTo(23, 0);
    expect(t?.to.time).toBe('2016-05-22T11:50:06.000+08:00');
    // 592 MiB available at 11:50:06, at ~23 MiB/h: about 26 h later
    const hours = (Date.parse(t?.exhausted_at ?? '') - Date.parse('2016-05-22T11:50:06+08:00')) / 3600_000;
    expect(hours).toBeGreaterThan(25);
    expect(hours).toBeLessThan(27);
  });

  it('names php-fpm as both failures\' likely culprit, from the release, with low confidence', () => {
    expect(s.failures.map((f) => [f.culprit, f.culprit_evidence, f.culprit_confidence])).toEqual([
      ['php-fpm', 'release', 'low'],
      ['php-fpm', 'release', 'low'],
    ]);
    expect(s.failures.map((f) => f.culprit_distance_seconds)).toEqual([12 * 3600 + 35 * 60 + 57, 4 * 3600 + 53 * 60 + 5]);
    for (const f of s.failures) expect(f.verdict).toContain('Likely culprit, with low confidence: php-fpm');
  });

  it('says the advice rests on thin evidence and what would firm it up', () => {
    const ad = s.advice.find((x) => x.setting === 'pm.max_children');
    expect(ad?.confidence).toBe('low');
    expect(ad?.evidence_note).toMatch(/2 php-fpm worker RSS samples in 1 table, taken 4 h 53 m after the last failure/);
    expect(ad?.evidence_note).toMatch(/would firm it up/);
  });
});
