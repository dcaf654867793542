// php-fpm's repeated max_children warnings fold on arrival (a busy pool logs one every few
// seconds), yet advice still reads each pool's first warning: the same advice whether the
// analysis keeps every event or folds them.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

function bundle(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'oomtrail-folded-'));
  const warnings = Array.from({ length: 50 }, (_, i) => `[21-May-2016 11:0${Math.floor(i / 10)}:${String((i % 10) * 5).padStart(2, '0')}] WARNING: [pool www] server reached pm.max_children setting (50), consider raising it`);
  writeFileSync(path.join(dir, 'php-fpm.log'), `${warnings.join('\n')}\n`);
  const rows = Array.from({ length: 30 }, (_, i) => `${3000 + i} www       20   0  300m  30m 2000 S  0.0  3.0   0:01.00 php-fpm`);
  writeFileSync(
    path.join(dir, 'top.txt'),
    [
      'top - 11:05:00 up 10 days,  1:00,  1 user,  load average: 5.00, 4.00, 3.00',
      'Tasks: 100 total,   1 running,  99 sleeping,   0 stopped,   0 zombie',
      'Mem:   1017800k total,   990000k used,    27800k free,     1000k buffers',
      'Swap:        0k total,        0k used,        0k free,    10000k cached',
      '',
      '  PID USER      PR  NI  VIRT  RES  SHR S %CPU %MEM    TIME+  COMMAND',
      ...rows,
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(dir, 'mysqld.err'), ['160521 11:06:36 InnoDB: Initializing buffer pool, size = 128.0M', 'InnoDB: mmap(137363456 bytes) failed; errno 12', ''].join('\n'));
  return dir;
}

describe('folded evidence', () => {
  it('keeps the first max_children warning of each pool, even of pools whose names differ in digits only', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oomtrail-pools-'));
    const warn = (t: string, pool: string, n: number) => `[21-May-2016 ${t}] WARNING: [pool ${pool}] server reached pm.max_children setting (${n}), consider raising it`;
    writeFileSync(path.join(dir, 'php-fpm.log'), `${[warn('11:00:01', 'site1', 40), warn('11:00:02', 'site2', 30), warn('11:00:03', 'site1', 40)].join('\n')}\n`);
    const other = bundle();
    for (const f of ['top.txt', 'mysqld.err']) writeFileSync(path.join(dir, f), readFileSync(path.join(other, f)));
    const opts = { tz: 'Asia/Shanghai', date: { year: 2016, month: 5, day: 21 } };
    const folded = await run([dir], { ...opts, keep: 'report' });
    const all = await run([dir], { ...opts, keep: 'all' });
    expect(folded.advice.find((a) => a.setting === 'pm.max_children')?.current).toBe('70');
    expect(folded.advice).toEqual(all.advice);
  });

  it('advice reads the first max_children warning of a pool whether the warnings fold or not', async () => {
    const dir = bundle();
    const opts = { tz: 'Asia/Shanghai', date: { year: 2016, month: 5, day: 21 } };
    const folded = await run([dir], { ...opts, keep: 'report' });
    const all = await run([dir], { ...opts, keep: 'all' });
    expect(folded.events.filter((e) => e.kind === 'phpfpm.max_children')).toHaveLength(0);
    expect(folded.folded?.kinds.get('phpfpm.max_children')?.count).toBe(50);
    const mc = folded.advice.find((a) => a.setting === 'pm.max_children');
    expect(mc?.current).toBe('50');
    expect(mc?.reason).toMatch(/php-fpm's own warning \(.*php-fpm\.log:1\)/);
    expect(folded.advice).toEqual(all.advice);
  });
});
