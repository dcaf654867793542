// The seed incident (samples/2016-05-21-php-fpm-starves-mysqld): the walking skeleton's promises.
import { describe, expect, it } from 'vitest';
import { summary } from '../src/report/summary.js';
import { SEED, expectConserved, run } from './helpers.js';

describe('seed incident', async () => {
  const a = await run([SEED], { tz: 'Asia/Shanghai', date: { year: 2016, month: 5, day: 21 } });
  const s = summary(a);

  it('finds exactly the two mmap failures, each asking 137363456 bytes', () => {
    const mmap = s.failures.filter((f) => f.action === 'mysql.mmap_failed');
    expect(mmap.map((f) => f.time)).toEqual(['2016-05-21T11:06:36.000+08:00', '2016-05-21T18:49:28.000+08:00']);
    expect(mmap.map((f) => f.requested_bytes)).toEqual([137363456, 137363456]);
    expect(s.failures).toHaveLength(2); // the Fatal error lines are the same failures
  });

  it('groups two incidents, both recovered, with their downtime', () => {
    expect(s.incidents.map((i) => [i.start, i.recovered_at, i.outcome, i.downtime_seconds])).toEqual([
      ['2016-05-21T11:06:36.000+08:00', '2016-05-21T14:09:57.000+08:00', 'recovered', 3 * 3600 + 3 * 60 + 21],
      ['2016-05-21T18:49:27.000+08:00', '2016-05-21T23:30:27.000+08:00', 'recovered', 4 * 3600 + 41 * 60],
    ]);
    expect(s.incidents[1].config_changes).toEqual(['innodb_buffer_pool_size 128.0M → 16.0M']);
  });

  it('reads the error log with no unrecognized line and loses no line', () => {
    const err = s.inputs.find((i) => i.path.endsWith('mysqld.err'));
    expect(err?.unrecognized).toBe(0);
    expect(err?.formats).toEqual(['mysql-error']);
    expectConserved(a);
  });

  it('gives unstamped lines the previous line\'s time, and the mmap event the server pid', () => {
    const mmap = a.events.filter((e) => e.kind === 'mysql.mmap_failed');
    expect(mmap.map((e) => e.time.source)).toEqual(['inherited', 'inherited']);
    expect(mmap[1].process).toEqual({ name: 'mysqld', pid: 8329 });
    const ready = a.events.filter((e) => e.kind === 'mysql.ready');
    expect(ready.map((e) => (e.kind === 'mysql.ready' ? [e.data.version, e.data.port, e.src.lines] : null))).toEqual([
      ['5.5.49-log', 3306, 2],
      ['5.5.49-log', 3306, 2],
    ]);
  });
});
