// `journalctl -o verbose`: real records (fixtures) read with every line accounted, dated exactly by
// the cursor whatever the zone, their MESSAGE routed by program as a journal line would be; and
// SYNTHETIC records (built here, labelled so) wrapping real kernel and systemd kill lines, to show a
// kill inside verbose records is one failure with the victim, merged with the unit's report.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalLines, readWithGrammar } from '../../src/formats/journal-verbose/journal-record.js';
import { ROOT, expectConserved, runText } from '../helpers.js';

const dir = path.join(ROOT, 'test', 'formats', 'journal-verbose');
const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');

/** SYNTHETIC: a verbose record around a real message (the header's cursor is fixture 1's, its t= replaced). */
function record(iso: string, fields: Record<string, string>): string {
  const ms = Date.parse(iso);
  const t = (BigInt(ms) * 1000n).toString(16);
  const head = `Tue 2017-10-24 10:37:50.315725 UTC [s=6bffb876a10048479266ab251fa82f13;i=524715a;b=0a163cddc55946f889e0c7d0d3b917e8;m=914ed6facb5;t=${t};x=98df4480dbf4c068]`;
  return [head, ...Object.entries(fields).map(([k, v]) => `    ${k}=${v}`)].join('\n');
}

describe('format journal-verbose', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.log')).sort()) {
    it(`reads ${file} every line accounted (its golden: the one harness, fixtures.test.ts)`, async () => {
      const a = await runText(read(file), { tz: 'America/New_York' });
      expectConserved(a);
      expect(a.events.filter((e) => e.kind === 'line.unrecognized').map((e) => e.message)).toEqual([]);
    });
  }

  it("the field fast path reads every line as the grammar does (fixtures and near misses)", () => {
    const lines = readdirSync(dir).filter((f) => f.endsWith('.log')).flatMap((f) => read(f).split('\n'));
    // SYNTHETIC near misses: 3 or 5 spaces, a dash in the key, no `=`, a key of 65 characters
    lines.push('   MESSAGE=x', '     MESSAGE=x', '    SYSLOG-ID=x', '    MESSAGE', `    ${'K'.repeat(65)}=x`, '    K=', '\tMESSAGE=x');
    const reader = new JournalLines();
    reader.read('    PRIORITY=6'); // the grammar has read a field: this reader's fast path is on
    for (const l of lines) expect(reader.read(l), l).toEqual(readWithGrammar(l));
  });

  it('routes each MESSAGE by its program, dated by the cursor, and keeps the other fields in one record', async () => {
    const a = await runText(read('perl-converter-end-kernel-then-libvirtd.log'), { tz: 'Asia/Shanghai' });
    const kernel = a.events.find((e) => e.src.format === 'kernel');
    expect(kernel?.message).toContain('be2net 0000:06:00.0 eno49: Link is Down');
    expect(kernel?.src.line).toBe(12);
    expect(kernel?.time).toMatchObject({ ms: Date.parse('2017-10-24T10:37:50.315Z'), source: 'stamped' });
    const libvirtd = a.events.find((e) => e.src.format === 'syslog');
    expect(libvirtd?.message).toContain("Failed to acquire pid file '/var/run/libvirtd.pid'");
    expect(libvirtd?.data).toMatchObject({ program: 'libvirtd' });
    const records = a.events.filter((e) => e.kind === 'journal.record');
    expect(records.map((e) => [e.src.line, e.src.lines])).toEqual([
      [1, 12],
      [14, 11],
    ]);
    expect(a.inputs[0].formats).toEqual(['journal-verbose', 'kernel', 'syslog']);
  });

  it('places an EDT header by its cursor, not by the zone given', async () => {
    for (const tz of ['UTC', 'Asia/Shanghai']) {
      const a = await runText(read('csdn-rhel8-prompt-logs-begin-edt-kernel-boot.log'), { tz });
      const boot = a.events.find((e) => e.src.format === 'kernel');
      expect(boot?.time.ms).toBe(Date.parse('2022-05-23T02:20:52.615Z'));
      expect(a.events.find((e) => e.kind === 'line.other')?.data).toEqual({ source: 'journalctl' });
      // after the prompt, the transcript splits the output by record as the container splits a file
      expect(boot?.meta?.['shell.command']).toBe('journalctl -o verbose');
      expect(a.events.find((e) => e.kind === 'journal.record')?.src).toMatchObject({ line: 3, lines: 9 });
    }
  });

  it('SYNTHETIC records around real kill lines: one failure with the victim, the unit report merged', async () => {
    // real lines: the kernel's from test/formats/kernel/lkml-syslog-global-kill-then-memcg-limit.log,
    // the unit's wording from test/formats/systemd/erigon-journal-reverse-oom-kill.log
    const text = [
      record('2016-11-30T02:53:56.356Z', { _TRANSPORT: 'kernel', SYSLOG_IDENTIFIER: 'kernel', MESSAGE: 'Out of memory: Kill process 2188 (mysqld) score 60 or sacrifice child', _HOSTNAME: 'server01' }),
      record('2016-11-30T02:53:56.357Z', { _TRANSPORT: 'kernel', SYSLOG_IDENTIFIER: 'kernel', MESSAGE: 'Killed process 2188 (mysqld) total-vm:3330016kB, anon-rss:864176kB, file-rss:8072kB', _HOSTNAME: 'server01' }),
      record('2016-11-30T02:53:57.000Z', { SYSLOG_IDENTIFIER: 'systemd', _PID: '1', _COMM: 'systemd', MESSAGE: 'mysql.service: A process of this unit has been killed by the OOM killer.', _HOSTNAME: 'server01' }),
      '',
    ].join('\n');
    const a = await runText(text, { tz: 'UTC' });
    expectConserved(a);
    expect(a.events.filter((e) => e.kind === 'line.unrecognized')).toEqual([]);
    const kill = a.events.find((e) => e.kind === 'kernel.oom_kill');
    expect(kill?.process).toMatchObject({ pid: 2188, name: 'mysqld' });
    expect(kill?.time.ms).toBe(Date.parse('2016-11-30T02:53:56.356Z'));
    expect(a.events.some((e) => e.kind === 'systemd.oom_kill')).toBe(true);
    expect(a.failures).toHaveLength(1);
    expect(a.failures[0].event.kind).toBe('kernel.oom_kill');
  });

  it("SYNTHETIC records of mysqld and mariadbd (real error-log texts): the server's own failures, as its journal lines give", async () => {
    const text = [
      record('2018-12-07T09:15:40.966Z', { SYSLOG_IDENTIFIER: 'mysqld', _PID: '8329', _HOSTNAME: 'db1', MESSAGE: '2018-12-07T09:15:40.965670Z 0 [ERROR] [MY-012681] [InnoDB] mmap(137428992 bytes) failed; errno 12' }),
      record('2023-05-28T08:34:45.100Z', { SYSLOG_IDENTIFIER: 'mariadbd', _PID: '8330', _HOSTNAME: 'db1', MESSAGE: '2023-05-28  8:34:45 0 [ERROR] InnoDB: Cannot map innodb_buffer_pool_size_max=1024m' }),
      '',
    ].join('\n');
    const a = await runText(text, { tz: 'UTC' });
    expectConserved(a);
    expect(a.events.filter((e) => e.src.format === 'mysql-error').map((e) => e.kind)).toEqual(['mysql.mmap_failed', 'mysql.buffer_pool_alloc_failed']);
    expect(a.failures.map((f) => f.event.kind)).toContain('mysql.mmap_failed');
  });

  it('SYNTHETIC hostile dump: a record past 512 lines, junk, a broken cursor, an absurd t=: every line accounted, nothing thrown', async () => {
    const big = record('2016-11-30T02:53:56.356Z', Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`F${i}`, 'x'.repeat(i % 50)])));
    const text = [
      big,
      '    MESSAGE=Killed process 2188 (mysqld) total-vm:3330016kB, anon-rss:864176kB, file-rss:8072kB',
      'Tue 2017-10-24 10:37:50.315725 UTC [s=6bffb876a10048479266ab251fa82f13;i=524715a;b=0a1;m=914;t=55c4887dc4ccd>',
      '    SYSLOG_IDENTIFIER=kernel',
      'Tue 2017-10-24 10:37:50.315725 UTC [s=6bffb876a10048479266ab251fa82f13;i=524715a;b=0a1;m=914;t=ffffffffffffffff;x=98]',
      '    SYSLOG_IDENTIFIER=kernel',
      '    MESSAGE=Out of memory: Kill process 2188 (mysqld) score 60 or sacrifice child',
      `\u0000junk ${'{'.repeat(5000)}`,
      '',
    ].join('\n');
    const a = await runText(text, { tz: 'UTC' });
    expectConserved(a);
    expect(a.inputs[0].error).toBeNull();
    expect(a.events.filter((e) => e.kind === 'line.unrecognized').map((e) => e.src.line)).toEqual([603, 608]);
  });

  it('a record without a time keeps its MESSAGE in the record; junk between records is counted', async () => {
    const text = ['    SYSLOG_IDENTIFIER=kernel', '    MESSAGE=Killed process 1 (x)', 'not a field', ''].join('\n'); // SYNTHETIC
    const a = await runText(text, { tz: 'UTC', as: 'journal-verbose' });
    expectConserved(a);
    expect(a.events.map((e) => e.kind).sort()).toEqual(['journal.record', 'line.unrecognized']);
  });
});
