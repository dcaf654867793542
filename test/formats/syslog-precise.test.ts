// journalctl -o short-precise writes `Mar 10 04:12:01.123456 host prog[pid]: `: the fraction is part
// of the syslog stamp, so the kill, the systemd lines and the server's restart are all read.
import { describe, expect, it } from 'vitest';
import { parseSyslog } from '../../src/formats/syslog/syslog-prefix.js';
import { expectConserved, runText } from '../helpers.js';

const JOURNAL = [
  'Mar 10 04:12:01.123456 web1 kernel: Out of memory: Killed process 812 (mysqld) total-vm:1776380kB, anon-rss:452188kB, file-rss:0kB, shmem-rss:0kB, UID:111 pgtables:1336kB oom_score_adj:0',
  'Mar 10 04:12:01.200000 web1 systemd[1]: mysql.service: Main process exited, code=killed, status=9/KILL',
  "Mar 10 04:12:07.900000 web1 mysqld[2201]: 2024-03-10T04:12:07.899123Z 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld 8.0.36-0ubuntu0.22.04.1) starting as process 2201",
  "Mar 10 04:12:09.100000 web1 mysqld[2201]: 2024-03-10T04:12:09.012345Z 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.0.36'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  (Ubuntu).",
  '',
].join('\n');

describe('journalctl -o short-precise', () => {
  it('reads the fraction as part of the stamp', () => {
    expect(parseSyslog('Mar 10 04:12:01.123456 web1 kernel: x')).toMatchObject({ stamp: { month: 3, day: 10, hour: 4, minute: 12, second: 1, millis: 123 }, host: 'web1', program: 'kernel', rest: 'x' });
    expect(parseSyslog('Mar 10 04:12:01.x web1 kernel: x')).toBeNull();
  });

  it('finds the kill, and the restart that ends the incident', async () => {
    const a = await runText(JOURNAL, { tz: 'UTC', year: 2024 });
    expect(a.inputs[0].formats[0]).toBe('syslog');
    expect(a.failures.map((f) => [f.event.kind, f.event.process?.pid, new Date(f.event.time.ms).toISOString()])).toEqual([['kernel.oom_kill', 812, '2024-03-10T04:12:01.123Z']]);
    expect(a.incidents.map((i) => i.outcome)).toEqual(['recovered']);
    expect(a.stats.unrecognized).toBe(0);
    expectConserved(a);
  });
});
