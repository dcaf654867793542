// MySQL / MariaDB error logs beyond the corpus: syslog and journald wrappers, 8.0's tagged mmap
// failure, a real MariaDB 10.11 crash report, the semaphore-wait crash; each against its golden.
import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/event.js';
import { formatById } from '../../src/formats/index.js';
import { mysqlShapes } from '../../src/formats/mysql-error/mysql-error.js';
import { expectConserved, runText } from '../helpers.js';
import { fixtures, runFixture } from './fixtures.js';

/** Events in input order (the timeline sorts by time; undated ones go last). */
const inOrder = (events: Event[]) => [...events].sort((x, y) => x.seq - y.seq);

describe('mysql-error fixtures', () => {
  // golden and line count: the one harness (fixtures.test.ts); what this format adds to it:
  it.each(fixtures('mysql-error').filter((n) => !n.startsWith('bad-')))('%s is read by mysql-error alone (beside syslog and systemd), no line lost in the analysis', async (name) => {
    const a = await runFixture('mysql-error', name);
    expectConserved(a);
    expect(a.inputs[0].formats.filter((f) => f !== 'syslog' && f !== 'systemd')).toEqual(['mysql-error']);
  });

  it('parses no shape two ways', () => {
    expect([...mysqlShapes.ambiguous]).toEqual([]);
  });
});

describe('mysql-error events', () => {
  it("folds a 5.5-style crash banner in a MariaDB 10.11 log with its whole report; one failure per start: the pool's, then Aria's `Out of memory`", async () => {
    const a = await runFixture('mysql-error', 'lab-mariadb-10.11-ulimit-v-signal6-cannot-map.log');
    const signals = inOrder(a.events).filter((e) => e.kind === 'mysql.signal');
    expect(signals.map((e) => [e.src.line, e.src.lines, e.kind === 'mysql.signal' ? e.data : null, e.process?.pid])).toEqual([
      [8, 59, { signal: 6, trace_lines: 58 }, 8032],
      [117, 59, { signal: 6, trace_lines: 58 }, 8057],
    ]);
    expect(a.failures.map((f) => [f.event.kind, f.event.src.line, f.requested_bytes])).toEqual([
      ['mysql.buffer_pool_alloc_failed', 90, 1024 ** 3],
      ['mysql.out_of_memory', 99, 128180224],
    ]);
    expect(inOrder(a.events).filter((e) => e.kind === 'mysql.start').map((e) => e.process?.pid)).toEqual([8032, 8052, 8057]);
  });

  it('reads 8.0 [MY-012681] mmap failures as one failure per start, with the tags kept', async () => {
    const a = await runFixture('mysql-error', 'mysql-8.0.13-mmap-errno12-restart.log');
    expect(a.failures.map((f) => [f.event.kind, f.requested_bytes, f.event.process?.pid])).toEqual([['mysql.mmap_failed', 137428992, 12759]]);
    expect(a.failures[0].event.meta).toMatchObject({ 'mysql.code': 'MY-012681', 'mysql.subsystem': 'InnoDB' });
  });

  it('unwraps syslog: inner stamps win, year-less lines wait for the dating stage, other programs are syslog.log', async () => {
    const a = await runFixture('mysql-error', 'syslog-mysqld-5.0-debian.log');
    const e = inOrder(a.events);
    expect(e.map((x) => x.kind)).toEqual([
      'mysqld_safe.start', 'mysql.log', 'mysql.log', 'mysql.abort',
      'mysqld_safe.start', 'mysql.log', 'mysql.log', 'mysql.log', 'mysql.log',
      'mysqld_safe.start', 'mysql.log', 'mysql.abort', 'mysqld_safe.ended', 'syslog.log',
    ]);
    expect(a.clock.iso(e[1].time.ms)).toBe('2005-04-09T15:22:46.000Z');
    expect(e[3].src.lines).toBe(2); // mysqld's own empty line folds into `Aborting`
    expect(e[5].pending).toEqual({ stamp: { month: 4, day: 30, hour: 14, minute: 42, second: 8 } });
    expect(e[5].process).toEqual({ name: 'mysqld', pid: 1368 });
    expect(e[13].process?.name).toBe('/etc/init.d/mysql'); // another program: the syslog container's
  });

  it('reads journald: the journal pid is the process, Version folds into ready, systemd is syslog.log but for its OOM-kill reports', async () => {
    const a = await runFixture('mysql-error', 'journal-mariadb-10.6-restart-and-oom-kill.log');
    const e = inOrder(a.events);
    const ready = e.filter((x) => x.kind === 'mysql.ready');
    expect(ready.map((x) => [x.src.lines, x.process?.pid, x.kind === 'mysql.ready' ? x.data.version : null])).toEqual([
      [2, 603577, '10.6.25-MariaDB-ubu2204'],
      [1, 2345, undefined],
    ]);
    expect(e.filter((x) => x.kind === 'syslog.log').length).toBe(8);
    // `mariadb.service: A process of this unit has been killed by the OOM killer.` and `Failed with result 'oom-kill'.`: one kill
    expect(e.filter((x) => x.kind === 'systemd.oom_kill').map((x) => x.src.line)).toEqual([36, 38]);
    expect(a.failures.map((f) => [f.kill?.victim.name, f.kill?.killer, f.evidence.length])).toEqual([['mariadb.service', 'systemd', 2]]);
    expect(e.find((x) => x.src.line === 39)?.process).toEqual({ name: 'mariadbd', pid: 1256690 });
    expect(e.filter((x) => x.kind === 'mysql.shutdown').length).toBe(1);
  });

  it('keeps hex thread ids, with or without 0x, and the semaphore diagnostics as log lines', async () => {
    const a = await runFixture('mysql-error', 'mysql-5.6.16-semaphore-wait-crash.log');
    const e = inOrder(a.events);
    expect(e[6].meta).toEqual({ 'mysql.thread': '7fddc77c9700' });
    expect(e[3]).toMatchObject({ kind: 'mysql.log', message: 'InnoDB: ###### Diagnostic info printed to the standard error stream' });
    expect(a.failures).toEqual([]);
  });

  it('never calls ENOSPC (error 28) or a thread-creation failure a memory failure', async () => {
    const a = await runText(
      [
        '2022-06-20  7:31:10 0 [ERROR] InnoDB: preallocating 50331648 bytes for file ./ib_logfile1 failed with error 28',
        '2022-11-03T09:15:48.834273Z 0 [ERROR] [FATAL] InnoDB: pthread_create returned 1',
        '',
      ].join('\n'),
    );
    expect(a.failures).toEqual([]);
    expect(a.events.map((e) => [e.kind, e.level])).toEqual([
      ['mysql.log', 'error'],
      ['mysql.log', 'critical'],
    ]);
  });

  it("reads MariaDB 10.11's buffer pool size line as the pool's size", async () => {
    const a = await runText('2026-11-24  4:26:37 0 [Note] InnoDB: innodb_buffer_pool_size_max=8388608m, innodb_buffer_pool_size=1024m\n');
    expect(a.events.map((e) => [e.kind, e.data])).toEqual([['mysql.buffer_pool_init', { bytes: 1024 ** 3 }]]);
  });

  it('parses every sample it carries', async () => {
    const f = formatById('mysql-error');
    for (const s of f?.samples ?? []) {
      const a = await runText(`${s.line}\n`, { as: 'mysql-error' });
      expect(a.events.map((e) => e.kind), s.line).toEqual([s.kind]);
    }
  });
});

describe('mysql-error on the 5.5 fixtures', () => {
  it('finds the errno 12 failure and the restarts of the vesta log', async () => {
    const a = await runFixture('mysql-error', 'vesta-987-errno12.log');
    expect(a.failures.map((f) => [f.event.kind, f.event.src.line, f.requested_bytes])).toEqual([['mysql.mmap_failed', 9, 137363456]]);
    expect(a.events.filter((e) => e.kind.startsWith('mysqld_safe.')).map((e) => e.kind)).toContain('mysqld_safe.ended');
  });

  it('folds the stack trace into the got-signal event, and ends it at mysqld_safe\'s bare line', async () => {
    const a = await runFixture('mysql-error', 'pt-errlog008-signal11.log');
    const sig = a.events.find((e) => e.kind === 'mysql.signal');
    expect(sig?.kind === 'mysql.signal' && sig.data.signal).toBe(11);
    expect(sig?.src.lines).toBeGreaterThan(10);
    expect(a.events.map((e) => e.kind)).toContain('mysqld_safe.died');
    expect(a.events.map((e) => e.kind)).toContain('mysqld_safe.restart');
  });

  it('dates a time-only UTC crash stamp from the line before and says so', async () => {
    const a = await runFixture('mysql-error', 'mysql-audit-151-utc-time-only.log');
    const sig = a.events.find((e) => e.kind === 'mysql.signal');
    expect(sig?.time.source).toBe('inferred');
    expect(a.clock.iso(sig?.time.ms ?? 0)).toMatch(/T07:00:44\.000Z$/);
  });

  it('keeps the mmap failure among binary junk, bad bytes and hostile text', async () => {
    const a = await runFixture('mysql-error', 'bad-lines-junk.log');
    expectConserved(a);
    expect(a.failures.map((f) => f.event.src.line)).toEqual([2]);
    expect(a.inputs[0].blank).toBe(2);
    expect(a.inputs[0].unrecognized).toBe(4); // NUL junk, bad bytes, the cut stamp, the terminal escapes
  });
});

describe("the server's own allocation failures (class allocation)", () => {
  it('counts each run-time `Out of memory (Needed N bytes)` and InnoDB giving up after 60 retries; a start that fails in VirtualAlloc is a buffer-pool failure', async () => {
    const a = await runFixture('mysql-error', 'blog-windows-5.7.19-out-of-memory-retries-virtualalloc-1455.log');
    expect(a.failures.map((f) => [f.event.kind, f.event.src.line, f.class, f.requested_bytes, f.event.data])).toEqual([
      ['mysql.out_of_memory', 8, 'allocation', 11528, { what: 'needed', bytes: 11528 }],
      ['mysql.out_of_memory', 9, 'allocation', 5968, { what: 'needed', bytes: 5968 }],
      ['mysql.out_of_memory', 10, 'allocation', 1064984, { what: 'retries', bytes: 1064984 }],
      ['mysql.mmap_failed', 87, 'buffer_pool', 137297920, { bytes: 137297920, windows_error: 1455 }],
    ]);
    // `Can't create thread ... (errno= 1)` is a permission, not memory
    expect(inOrder(a.events).find((e) => e.src.line === 6)?.kind).toBe('mysql.log');
  });

  it("gives a start's `Out of memory (Needed ...)` lines' place to the buffer pool's mmap failure of the same start", async () => {
    const a = await runFixture('mysql-error', 'blog-wordpress-mariadb-5.5.60-out-of-memory-needed-then-mmap.log');
    expect(inOrder(a.events).filter((e) => e.kind === 'mysql.out_of_memory').map((e) => e.src.line)).toEqual([4, 5]);
    expect(a.failures.map((f) => [f.event.kind, f.event.src.line, f.class])).toEqual([['mysql.mmap_failed', 11, 'buffer_pool']]);
  });

  it('counts a running server\'s `Out of memory` and, after mysqld_safe restarts it, one failure for the failed start', async () => {
    const a = await runFixture('mysql-error', 'blog-chriscabin-mariadb-5.5.47-out-of-memory-after-start-then-restart.log');
    expect(a.failures.map((f) => [f.event.kind, f.event.src.line, f.class, f.requested_bytes])).toEqual([
      ['mysql.out_of_memory', 7, 'allocation', 128917504],
      ['mysql.mmap_failed', 21, 'buffer_pool', 137756672],
    ]);
    expect(a.failures[0].verdict).not.toBe('');
  });

  it('names the server and the size it asked for', async () => {
    const a = await runText(['2021-04-21T10:48:55.673791Z 0 [Note] MySQL: ready for connections.', '2021-04-21T13:50:27.593773Z 7 [ERROR] MySQL: Out of memory (Needed 11528 bytes)'].join('\n'));
    expect(a.failures.map((f) => [f.class, f.event.process?.name, f.requested_bytes])).toEqual([['allocation', 'mysqld', 11528]]);
  });
});

