// Containers split a file as it streams (src/containers/pieces.ts, src/parse/blocks.ts): a long
// block goes out in pieces with one key, and all pieces of a key feed one parser. So a task table
// or a `ps` listing that crosses a piece boundary is still one snapshot, a syslog file's families
// each keep one parser across their runs, and every line is still accounted for.
import { describe, expect, it } from 'vitest';
import { BlockStream, PIECE_LINES, wholeBlocks } from '../../src/containers/pieces.js';
import { transcript } from '../../src/containers/transcript.js';
import type { SnapshotData } from '../../src/event.js';
import type { Line } from '../../src/read/lines.js';
import { expectConserved, runText } from '../helpers.js';

const line = (text: string, no: number): Line => ({ text, no, offset: no * 100 });

describe('pieces of long blocks', () => {
  it('a block longer than a piece goes out in pieces of one key, the last one marked', () => {
    const bs = new BlockStream();
    bs.open({ format: 'ps' });
    const out = [];
    for (let i = 0; i < PIECE_LINES * 2 + 5; i++) {
      bs.add(line(`row ${i}`, i + 1));
      out.push(...bs.take());
    }
    bs.close();
    out.push(...bs.take());
    expect(out.map((b) => [b.lines.length, b.more])).toEqual([
      [PIECE_LINES, true],
      [PIECE_LINES, true],
      [5, false],
    ]);
    expect(new Set(out.map((b) => b.key)).size).toBe(1);
    expect(out.every((b) => b.format === 'ps')).toBe(true);
  });

  it('wholeBlocks joins the pieces back into the blocks split() gives', () => {
    const rows = Array.from({ length: PIECE_LINES + 10 }, (_, i) => `root ${1000 + i} 0.0 0.1 1000 2000 ? S 10:00 0:00 php-fpm: pool www`);
    const text = ['$ ps aux', 'USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND', ...rows, '$ free -m'];
    const blocks = wholeBlocks(transcript.splitter('x'), text.map((t, i) => line(t, i + 1)));
    expect(blocks.map((b) => [b.format ?? b.fallback, b.lines.length])).toEqual([
      ['shell-prompt', 1],
      ['ps', PIECE_LINES + 11],
      ['shell-prompt', 1],
    ]);
  });
});

describe('a container file read as it streams', () => {
  it('a ps listing longer than a piece is one snapshot with every row', async () => {
    const rows = Array.from({ length: PIECE_LINES + 500 }, (_, i) => `www-data ${2000 + i}  0.5  1.2 400000 30000 ?  S  10:00  0:01 php-fpm: pool www`);
    const a = await runText(['[root@web ~]# ps aux', 'USER       PID %CPU %MEM    VSZ   RSS TTY  STAT START   TIME COMMAND', ...rows, '[root@web ~]# exit', ''].join('\n'), { tz: 'UTC', date: { year: 2024, month: 1, day: 2 } });
    const ps = a.events.filter((e) => e.kind === 'snapshot.ps');
    expect(ps).toHaveLength(1);
    expect((ps[0].data as SnapshotData).rows).toHaveLength(PIECE_LINES + 500);
    expect(a.stats.unrecognized).toBe(0);
    expectConserved(a);
  });

  it('a syslog file keeps one parser per program family across runs and pieces: a task table split by a piece is one table', async () => {
    const k = (s: string) => `Apr 19 03:09:57 web kernel: ${s}`;
    const rows = Array.from({ length: PIECE_LINES + 300 }, (_, i) => k(`[${10000 + i}]    33 ${10000 + i}    50000     7000   0       0             0 php-fpm`));
    const lines = [
      'Apr 19 03:09:50 web mysqld[900]: 2024-04-19  3:09:50 0 [Note] InnoDB: Buffer pool(s) load completed',
      'Apr 19 03:09:51 web CRON[12]: (root) CMD (true)',
      k('[ pid ]   uid  tgid total_vm      rss cpu oom_adj oom_score_adj name'),
      ...rows,
      k('[  900]    27   900   400000   100000   0       0             0 mysqld'),
      k('Out of memory: Kill process 900 (mysqld) score 500 or sacrifice child'),
      k('Killed process 900, UID 27, (mysqld) total-vm:1600000kB, anon-rss:400000kB, file-rss:0kB'),
      'Apr 19 03:09:58 web mysqld_safe[800]: Number of processes running now: 0',
      '',
    ];
    const a = await runText(lines.join('\n'), { tz: 'UTC', year: 2024 });
    const tables = a.events.filter((e) => e.kind === 'snapshot.oom_tasks');
    expect(tables).toHaveLength(1);
    expect((tables[0].data as SnapshotData).rows).toHaveLength(PIECE_LINES + 301);
    expect(a.events.filter((e) => e.kind === 'kernel.oom_kill').map((e) => e.process?.pid)).toEqual([900]);
    expect(a.events.some((e) => e.kind === 'mysqld_safe.died')).toBe(true);
    expect(a.inputs[0].formats.slice(0, 1)).toEqual(['syslog']);
    expect(a.stats.unrecognized).toBe(0);
    expectConserved(a);
  });
});
