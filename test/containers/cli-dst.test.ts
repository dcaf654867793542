// Through the command line with --tz America/New_York: a pt-stalk `-top` file whose frames cross
// the DST fall-back (01:59:59 EDT, then 01:00:01 EST) keeps them 2 s apart, dated from the file
// name prefix. The frames are the lab bundle's first `-top` frame with the clock and uptime
// changed (a real collection across a DST change was not at hand).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

function frame(hms: string): string {
  return [
    `top - ${hms} up 10 days,  3:00,  0 user,  load average: 2.78, 1.67, 1.20`,
    'Tasks:  90 total,   1 running,  88 sleeping,   0 stopped,   1 zombie',
    '%Cpu(s): 25.0 us, 75.0 sy,  0.0 ni,  0.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st ',
    'MiB Mem :  24105.6 total,  23487.5 free,    486.2 used,    409.0 buff/cache     ',
    'MiB Swap:      0.0 total,      0.0 free,      0.0 used.  23619.4 avail Mem ',
    '',
    '  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND',
    ' 3492 root      20   0 8193.3g 126984  23772 S   5.9   0.5   0:00.14 mariadbd',
    '',
  ].join('\n');
}

describe('oomtrail timeline --tz America/New_York', () => {
  it('dates pt-stalk top frames across the fall-back hour in order, 2 s apart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oomtrail-dst-'));
    const file = path.join(dir, '2016_11_06_01_59_58-top');
    writeFileSync(file, `${frame('01:59:59')}\n${frame('01:00:01')}\n`);
    let out = '';
    const stdout = new Writable({
      write(chunk, _enc, done) {
        out += String(chunk);
        done();
      },
    });
    const stderr = new Writable({ write: (_c, _e, done) => done() });
    const code = await main(['timeline', file, '--tz', 'America/New_York'], { stdout, stderr, stdin: process.stdin });
    expect(code).toBe(0);
    const top = out.trim().split('\n').map((l) => JSON.parse(l)).filter((o) => o.event.action === 'snapshot.top');
    expect(top.map((o) => o['@timestamp'])).toEqual(['2016-11-06T01:59:59.000-04:00', '2016-11-06T01:00:01.000-05:00']);
    expect(top.map((o) => o.oomtrail.time_note)).toEqual([
      'date from the pt-stalk file name prefix 2016_11_06_01_59_58',
      'date carried from line 1 by the uptime (under a minute apart)',
    ]);
  });
});
