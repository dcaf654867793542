// Downtime ends at the database's own evidence. A server that never comes back is down "unknown
// after" its log's last line, never until another file's last line (a `free` months later made
// "down at least 319 d"); the headline keeps "at least" when the sum is a lower bound.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './cli.js';

const dir = tempDir('oomtrail-downtime-');
const FAIL = '2016-05-21T10:00:00.000000Z 0 [ERROR] [MY-012681] [InnoDB] mmap(137363456 bytes) failed; errno 12\n';
const LATER = '2016-05-21T10:20:00.000000Z 0 [Note] [MY-010000] [Server] some note after the failure\n';
const FREE_LATER = 'Thu Apr  6 10:00:00 UTC 2017\n              total        used        free      shared  buff/cache   available\nMem:        2048000     1000000      500000        1000      200000      900000\nSwap:             0           0           0\n';

function bundle(name: string, files: Record<string, string>): string {
  const d = path.join(dir, name);
  mkdirSync(d);
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(d, f), text);
  return d;
}

interface Incident {
  end: string;
  outcome: string;
  downtime_seconds: number | null;
}

describe('a server that never comes back', () => {
  it('another file\'s last line, 319 days on, makes no downtime: unknown after the server\'s last line', async () => {
    const b = bundle('other-file', { 'mysqld.err': FAIL, 'free.txt': FREE_LATER });
    const json = await cli([b, '--tz', 'UTC', '-f', 'json']);
    const [inc] = (JSON.parse(json.stdout) as { incidents: Incident[] }).incidents;
    expect(inc.end).toBe('2016-05-21T10:00:00.000Z');
    expect(inc.downtime_seconds).toBeNull();
    const text = await cli([b, '--tz', 'UTC']);
    expect(text.stdout).not.toMatch(/down[^\n]*\b3\d\d d\b/);
    expect(text.stdout.replace(/\s+/g, ' ')).toContain("unknown after the server's last line, 2016-05-21 10:00:00");
  });

  it('its own later lines bound it: down at least until them, "at least" in the headline too', async () => {
    const b = bundle('own-lines', { 'mysqld.err': FAIL + LATER, 'free.txt': FREE_LATER });
    const json = await cli([b, '--tz', 'UTC', '-f', 'json']);
    const [inc] = (JSON.parse(json.stdout) as { incidents: Incident[] }).incidents;
    expect([inc.outcome, inc.end, inc.downtime_seconds]).toEqual(['down', '2016-05-21T10:20:00.000Z', 1200]);
    const text = await cli([b, '--tz', 'UTC']);
    expect(text.stdout.split('\n')[0]).toMatch(/down at least 20 m in all$/);
    expect(text.stdout.replace(/\s+/g, ' ')).toContain("unknown after the server's last line, 2016-05-21 10:20:00");
  });
});

describe('a year-less syslog on stdin', () => {
  const SYSLOG = 'May 21 18:49:20 db1 kernel: [12345.678] Out of memory: Killed process 1234 (mysqld) total-vm:2000000kB, anon-rss:1000000kB, file-rss:0kB, shmem-rss:0kB\nMay 21 18:49:21 db1 mysqld_safe: Number of processes running now: 0\n';

  it('says once on stderr that it has no year and how to give one; no NaN downtime', async () => {
    const r = await cli(['-', '--tz', 'UTC'], SYSLOG);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => /no year/.test(l))).toEqual(['oomtrail: note: -: its syslog stamps have no year and nothing in the bundle dates them: their times are unknown; give one with --year YYYY (or --date YYYY-MM-DD)']);
    expect(r.stdout).not.toContain('NaN');
    const dated = await cli(['-', '--tz', 'UTC', '--year', '2016'], SYSLOG);
    expect(dated.stderr).toBe('');
    expect(dated.stdout).toContain('2016-05-21 18:49:20');
  });
});
