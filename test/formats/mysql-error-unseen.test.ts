// Real error-log excerpts found after the corpus was collected (test/formats/mysql-error/unseen,
// see its SOURCE.md): each file read as the CLI reads it, with what it must give, checked by hand:
// the event kinds, the lines no rule takes (a cut stamp only), the memory failures with their sizes,
// and the times where the wrapping (quotes, fences, viewers' stamps, indentation) could mislead.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/analyze.js';
import type { Event } from '../../src/event.js';
import { ROOT, contentFormats, expectConserved, run } from '../helpers.js';

const DIR = path.join(ROOT, 'test', 'formats', 'mysql-error', 'unseen');

interface Expected {
  kinds: Record<string, number>;
  /** Lines left `line.unrecognized`. */
  unrecognized: number[];
  /** [kind, line, requested bytes] per memory failure. */
  failures: [string, number, number | null][];
}

// prettier-ignore
const EXPECTED: Record<string, Expected> = {
  'beats-error-log-brew-5.7.10-mysqld_safe-local-vs-utc.log': { kinds: {'mysqld_safe.start':1,'mysql.log':5,'mysql.start':1,'mysql.ready':1}, unrecognized: [], failures: [] },
  'beats-mariadb-10.4.8-general-log-line-first.log': { kinds: {'mysql.log':26,'mysql.buffer_pool_init':1,'mysql.ready':1}, unrecognized: [], failures: [] },
  'beats-mysql-ubuntu-8.0.15-initializing-and-5.7-line.log': { kinds: {'mysql.log':10,'mysql.start':2,'mysql.shutdown':1,'mysql.ready':1}, unrecognized: [], failures: [] },
  'blog-ja-8.0.26-cant-create-thread-errno12-after-oom-kill.log': { kinds: {'mysql.ready':1,'mysql.start':1,'mysql.log':1,'mysql.out_of_memory':1,'mysql.abort':1,'mysql.shutdown':1}, unrecognized: [], failures: [['mysql.out_of_memory',3,null]] },
  'blog-jianshu-percona-5.6.29-mysqld_safe-hex-thread-warning.log': { kinds: {'mysqld_safe.start':1,'mysql.log':14,'mysql.start':1,'mysql.buffer_pool_init':1}, unrecognized: [], failures: [] },
  'blog-ko-journal-mariadb-10.4.18-mysqld-audit-systemd.log': { kinds: {'mysql.log':5,'mysql.start':1,'mysql.abort':1,'kernel.log':1,'syslog.log':2}, unrecognized: [], failures: [] },
  'blog-pelican-mariadb-open-files-limit-indented-code-block.log': { kinds: {'mysql.log':3}, unrecognized: [], failures: [] },
  'blog-zh-8.0.34-plus0800-backtick-glued-elision.log': { kinds: {'mysql.log':5,'mysql.ready':1}, unrecognized: [], failures: [] },
  'blog-zh-journal-systemd-killed-status-9-glued-prompt.log': { kinds: {'kernel.log':1,'syslog.log':11}, unrecognized: [], failures: [] },
  'blog-zh-zabbix-db-docker-logs-mariadb-10.0-previous-error-log-banner.log': { kinds: {'line.other':5,'mysql.log':45,'mysql.buffer_pool_init':2,'mysqld_safe.start':2,'mysql.start':1,'mysql.ready':2,'shell.command':1}, unrecognized: [], failures: [] },
  'doc-dbm-agent-8.0.18-plus0800-initialize-then-start.log': { kinds: {'mysql.log':8,'mysql.abort':1,'mysql.shutdown':1,'mysql.start':1,'mysql.ready':1}, unrecognized: [], failures: [] },
  'issue-apitable-331-docker-desktop-8.0-assertion-signal6-utc-z.log': { kinds: {'mysql.log':12,'mysql.signal':1}, unrecognized: [], failures: [] },
  'issue-bedrock-158-mariadb-10.0-mysqld_safe-restart-xtradb.log': { kinds: {'mysql.log':16,'mysql.ready':1,'mysqld_safe.died':1,'mysqld_safe.restart':1,'line.unrecognized':1}, unrecognized: [21], failures: [] },
  'issue-bitrixdock-7-compose-italic-underscore-hard-wrapped.log': { kinds: {'mysql.log':8,'mysql.abort':1}, unrecognized: [], failures: [] },
  'issue-chess-data-38-8.4.2-entrypoint-restart-loop.log': { kinds: {'mysql.log':5,'line.other':8,'mysql.start':2}, unrecognized: [], failures: [] },
  'issue-docker-matomo-5-mariadb-runtime-mmap-errno12-backtick.log': { kinds: {'mysql.log':4,'mysql.mmap_failed':10}, unrecognized: [], failures: [['mysql.mmap_failed',4,3145728],['mysql.mmap_failed',5,3145728],['mysql.mmap_failed',6,3145728],['mysql.mmap_failed',7,3145728],['mysql.mmap_failed',8,3145728],['mysql.mmap_failed',9,3145728],['mysql.mmap_failed',10,3145728],['mysql.mmap_failed',11,3145728],['mysql.mmap_failed',12,3145728],['mysql.mmap_failed',13,3145728]] },
  'issue-docker-mysql-1092-9.1.0-double-spaced-tab-indented-crash.log': { kinds: {'mysql.log':2,'line.other':1,'mysql.signal':1}, unrecognized: [], failures: [] },
  'issue-docker-mysql-156-quoted-hoststamp-colon-5.5-part1.log': { kinds: {'mysql.log':11,'mysql.abort':1,'mysql.shutdown':1,'mysql.start':1,'mysql.buffer_pool_init':1,'mysql.buffer_pool_alloc_failed':1}, unrecognized: [], failures: [['mysql.buffer_pool_alloc_failed',14,134217728]] },
  'issue-docker-mysql-156-quoted-hoststamp-colon-5.5-part2.log': { kinds: {'mysql.mmap_failed':1,'mysql.log':1,'mysql.shutdown':1}, unrecognized: [], failures: [['mysql.mmap_failed',1,137363456]] },
  'issue-docker-mysql-352-8.0.3-dmr-note-without-codes.log': { kinds: {'mysql.log':14}, unrecognized: [], failures: [] },
  'issue-docker-mysql-409-8.0.11-mbind-entrypoint.log': { kinds: {'mysql.log':9,'line.other':2,'mysql.shutdown':1,'mysql.start':1}, unrecognized: [], failures: [] },
  'issue-easyphp-55-windows-5.6-os-error-87-unfenced.log': { kinds: {'mysql.log':10,'mysql.buffer_pool_init':1}, unrecognized: [], failures: [] },
  'issue-galera-376-pxc-utc-only-signal11-percona-banner.log': { kinds: {'mysql.signal':1}, unrecognized: [], failures: [] },
  'issue-galera-424-syslog-mysqld-wsrep-10.1.log': { kinds: {'mysql.log':11}, unrecognized: [], failures: [] },
  'issue-galera-474-syslog-wsrep-view-continuations-utc-vs-cest.log': { kinds: {'mysql.log':15}, unrecognized: [], failures: [] },
  'issue-galera-504-wsrep-indented-thd-sql-lines.log': { kinds: {'mysql.log':10}, unrecognized: [], failures: [] },
  'issue-gzctf-338-5.5-stamps-in-2024-unstamped-innodb.log': { kinds: {'mysql.log':22,'mysql.buffer_pool_init':1}, unrecognized: [], failures: [] },
  'issue-jcabi-1-5.6-buffered-warning-hex-thread-two-spaces.log': { kinds: {'mysql.log':15,'mysql.buffer_pool_init':1}, unrecognized: [], failures: [] },
  'issue-laragon-915-windows-8.0.30-glued-opening-fence.log': { kinds: {'mysql.log':9,'mysql.start':1}, unrecognized: [], failures: [] },
  'issue-magenx-126-5.6-unable-to-lock-error-11-not-memory.log': { kinds: {'mysql.log':13}, unrecognized: [], failures: [] },
  'issue-manga-tracker-68-5.7-mmap-errno12-elision.log': { kinds: {'line.other':1,'mysql.buffer_pool_init':1,'mysql.mmap_failed':1,'mysql.buffer_pool_alloc_failed':1,'mysql.log':7,'mysql.abort':1,'mysql.shutdown':1}, unrecognized: [], failures: [['mysql.mmap_failed',4,137428992]] },
  'issue-mysql-wsrep-352-5.7-utc-only-signal11-unfenced.log': { kinds: {'mysql.signal':1}, unrecognized: [], failures: [] },
  'issue-mysql-wsrep-392-mariadb-10.5.8-signal11-5.5-stamp.log': { kinds: {'mysql.signal':1}, unrecognized: [], failures: [] },
  'issue-nextcloud-snap-1636-5.7-iso-mysqld_safe.log': { kinds: {'mysql.log':10,'mysqld_safe.start':1,'mysql.start':1}, unrecognized: [], failures: [] },
  'issue-pinepods-74-docker-t-stamp-mariadb-local-plus1h.log': { kinds: {'mysql.log':10,'mysql.buffer_pool_init':1}, unrecognized: [], failures: [] },
  'issue-tutor-888-compose-8.0.33-long-service-name.log': { kinds: {'line.other':2,'mysql.log':4,'mysql.start':1}, unrecognized: [], failures: [] },
  'notes-mariadb-11-out-of-memory-needed-then-cannot-map.log': { kinds: {'mysql.buffer_pool_init':1,'mysql.log':2,'mysql.out_of_memory':1,'mysql.buffer_pool_alloc_failed':1,'mysql.abort':1}, unrecognized: [], failures: [['mysql.buffer_pool_alloc_failed',3,4890558464]] },
  'notes-mariadb-11-unstamped-levels-out-of-memory-cannot-map.log': { kinds: {'mysql.log':2,'mysql.out_of_memory':1,'mysql.buffer_pool_alloc_failed':1,'mysql.abort':1}, unrecognized: [], failures: [['mysql.buffer_pool_alloc_failed',2,4890558464]] },
  'notes-zh-drycc-kubectl-logs-8.0.34-minus-zero-offset-bitnami-lines.log': { kinds: {'line.other':16,'mysql.log':38,'mysql.start':2,'mysql.ready':2,'mysql.shutdown':1}, unrecognized: [], failures: [] },
  'pr-salty-wordpress-53-5.5-errno12-trailing-spaces.log': { kinds: {'mysql.buffer_pool_init':1,'mysql.mmap_failed':1,'mysql.log':4,'mysql.buffer_pool_alloc_failed':1,'mysql.abort':1}, unrecognized: [], failures: [['mysql.mmap_failed',2,137363456]] },
  'pr-sequoiadb-17-5.x-signal11-trailing-spaces.log': { kinds: {'mysql.signal':1}, unrecognized: [], failures: [] },
  'replit-nix-mariadb-10.6-mysqld_safe-glued-to-shell-prompt.log': { kinds: {'line.other':12,'mysqld_safe.start':3,'mysql.log':28,'mysql.start':1,'mysql.buffer_pool_init':1,'mysql.ready':1}, unrecognized: [], failures: [] },
};

const cache = new Map<string, Promise<Analysis>>();
const read = (name: string) => {
  if (!cache.has(name)) cache.set(name, run([path.join(DIR, name)]));
  return cache.get(name) as Promise<Analysis>;
};
const inOrder = (a: Analysis) => [...a.events].sort((x, y) => x.seq - y.seq);
const at = (a: Analysis, line: number) => a.events.find((e) => e.src.line === line) as Event;
const iso = (a: Analysis, e: Event) => a.clock.iso(e.time.ms);

describe('unseen mysql-error excerpts', () => {
  it('has an expectation for every fixture', () => {
    expect(readdirSync(DIR).filter((f) => f.endsWith('.log')).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, want] of Object.entries(EXPECTED)) {
    it(`${name}: kinds, unrecognized lines, memory failures; no line lost`, async () => {
      const a = await read(name);
      expectConserved(a);
      const kinds: Record<string, number> = {};
      for (const e of a.events) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
      expect(kinds).toEqual(want.kinds);
      expect(a.events.filter((e) => e.kind === 'line.unrecognized').map((e) => e.src.line)).toEqual(want.unrecognized);
      expect(a.failures.map((f) => [f.event.kind, f.event.src.line, f.requested_bytes])).toEqual(want.failures);
      // a journal with no server line in it is the syslog format's; every other one is the server's
      // a journal of systemd and mysqld lines: its systemd lines go to the systemd format (no OOM kill in it)
      if (name.startsWith('blog-zh-journal')) expect(a.inputs[0].formats).toEqual(['syslog', 'systemd']);
      else expect(contentFormats(a.inputs[0].formats)).toContain('mysql-error');
    });
  }
});

describe('unseen excerpts: wrapping around the log', () => {
  it('peels `> ` quotes and a viewer\'s colon-glued UTC+8 stamp; the server\'s own 5.5 stamp gives the time', async () => {
    const a = await read('issue-docker-mysql-156-quoted-hoststamp-colon-5.5-part1.log');
    const fail = at(a, 14);
    expect([fail.kind, iso(a, fail), fail.time.source]).toEqual(['mysql.buffer_pool_alloc_failed', '2016-03-27T17:15:20.000Z', 'stamped']);
    expect(fail.meta).toMatchObject({ 'paste.quote': '> ', 'container.time': '2016-03-28 01:15:20' });
    expect(at(a, 3).src.lines).toBe(2); // `> 2016-03-28 01:15:17:` alone folds into the shutdown before it
    const b = await read('issue-docker-mysql-156-quoted-hoststamp-colon-5.5-part2.log');
    expect(at(b, 1).data).toEqual({ bytes: 137363456, errno: 12 });
  });

  it('strips a code fence or backtick glued to the first stamp, and a markdown code block\'s indentation', async () => {
    const m = await read('issue-docker-matomo-5-mariadb-runtime-mmap-errno12-backtick.log');
    expect([iso(m, at(m, 1)), at(m, 1).time.source, at(m, 1).meta?.['paste.fence']]).toEqual(['2018-05-15T00:25:02.000Z', 'stamped', '`']);
    const l = await read('issue-laragon-915-windows-8.0.30-glued-opening-fence.log');
    expect([iso(l, at(l, 1)), at(l, 1).meta?.['paste.fence']]).toEqual(['2024-11-21T14:29:08.898Z', '```']);
    expect(at(l, 3).process).toEqual({ name: 'V:\\laragon\\bin\\mysql\\mysql-8.0.30-winx64\\bin\\mysqld', pid: 25788 });
    const p = await read('blog-pelican-mariadb-open-files-limit-indented-code-block.log');
    expect(inOrder(p).map((e) => [iso(p, e), e.time.source, e.level])).toEqual(Array(3).fill(['2016-03-18T21:48:04.000Z', 'stamped', 'warning']));
    const n = await read('issue-docker-mysql-1092-9.1.0-double-spaced-tab-indented-crash.log');
    const sig = at(n, 7);
    expect([sig.kind, iso(n, sig), sig.src.lines, sig.meta?.['paste.indent']]).toEqual(['mysql.signal', '2024-10-18T12:55:51.000Z', 20, '\t']);
    expect(sig.kind === 'mysql.signal' && sig.data).toEqual({ signal: 11, trace_lines: 19 });
  });

  it('reads a compose prefix behind markdown emphasis (`_mysql  | `)', async () => {
    const a = await read('issue-bitrixdock-7-compose-italic-underscore-hard-wrapped.log');
    expect([at(a, 1).time.source, at(a, 1).meta?.['container.name']]).toEqual(['stamped', 'mysql']);
  });

  it('takes the level of a line pasted without its stamp from its bracket', async () => {
    const a = await read('notes-mariadb-11-unstamped-levels-out-of-memory-cannot-map.log');
    expect(inOrder(a).map((e) => [e.kind, e.level, e.message])).toEqual([
      ['mysql.out_of_memory', 'error', 'mariadbd: Out of memory (Needed 2635356248 bytes)'],
      ['mysql.buffer_pool_alloc_failed', 'error', 'InnoDB: Cannot map innodb_buffer_pool_size_max=4664m'],
      ['mysql.log', 'error', 'InnoDB: Plugin initialization aborted with error Generic error'],
      ['mysql.log', 'error', "Plugin 'InnoDB' registration as a STORAGE ENGINE failed."],
      ['mysql.abort', 'error', 'Aborting'],
    ]);
  });

  it('tells container scripts, kubectl and shell lines from the server\'s', async () => {
    const d = await read('notes-zh-drycc-kubectl-logs-8.0.34-minus-zero-offset-bitnami-lines.log');
    expect(inOrder(d).slice(0, 13).map((e) => (e.kind === 'line.other' ? e.data.source : e.kind))).toEqual(['shell', ...Array(12).fill('entrypoint')]);
    const r = await read('replit-nix-mariadb-10.6-mysqld_safe-glued-to-shell-prompt.log');
    expect([1, 2, 3, 44, 45].map((n) => { const e = at(r, n); return e.kind === 'line.other' ? e.data.source : e.kind; })).toEqual(['shell', 'shell', 'shell', 'shell', 'shell']);
    expect(at(r, 46).process?.name).toBe('mysqld_safe'); // `240608 01:13:07 mysqld_safe Logging to ...`
  });
});

describe('unseen excerpts: times', () => {
  it('reads +08:00 and -00:00 offsets', async () => {
    const a = await read('doc-dbm-agent-8.0.18-plus0800-initialize-then-start.log');
    expect(iso(a, at(a, 1))).toBe('2020-03-13T02:33:21.372Z');
    const d = await read('notes-zh-drycc-kubectl-logs-8.0.34-minus-zero-offset-bitnami-lines.log');
    expect([at(d, 15).kind, iso(d, at(d, 15)), at(d, 15).process]).toEqual(['mysql.start', '2026-04-15T06:00:46.095Z', { name: 'mysqld', pid: 41 }]);
    expect([at(d, 48).kind, at(d, 48).process?.pid]).toEqual(['mysql.start', 1]);
  });

  it('dates a time-only `HH:MM:SS UTC` crash banner with no dated line before it from the file (time of day kept, UTC)', async () => {
    for (const [name, clock] of [
      ['issue-galera-376-pxc-utc-only-signal11-percona-banner.log', 'T22:22:46.000Z'],
      ['issue-mysql-wsrep-352-5.7-utc-only-signal11-unfenced.log', 'T11:40:21.000Z'],
      ['pr-sequoiadb-17-5.x-signal11-trailing-spaces.log', 'T01:53:08.000Z'],
    ] as const) {
      const a = await read(name);
      const sig = at(a, 1);
      expect(sig.kind, name).toBe('mysql.signal');
      expect(iso(a, sig).endsWith(clock), name).toBe(true);
      expect([sig.time.source, sig.time.note?.startsWith('date from the file')]).toEqual(['inferred', true]);
    }
  });

  it('keeps a Galera view\'s member lines at the server\'s time, not the syslog stamp two hours off', async () => {
    const a = await read('issue-galera-474-syslog-wsrep-view-continuations-utc-vs-cest.log');
    expect([3, 4, 10, 11].map((n) => iso(a, at(a, n)))).toEqual(Array(4).fill('2017-07-13T11:24:37.000Z'));
    expect(at(a, 4).process).toEqual({ name: 'mysqld', pid: 3110 });
  });

  it('reads the 8.0 `...Z UTC - mysqld got signal 6 ;` banner after a Docker Desktop host stamp', async () => {
    const a = await read('issue-apitable-331-docker-desktop-8.0-assertion-signal6-utc-z.log');
    const sig = at(a, 13);
    expect([sig.kind, iso(a, sig), sig.meta?.['container.time']]).toEqual(['mysql.signal', '2023-02-08T11:29:35.000Z', '2023-02-08 19:29:35']);
  });

  it('reads mysqld_safe\'s local stamp in --tz, as every zoneless stamp (the server\'s own are UTC)', async () => {
    const a = await read('beats-error-log-brew-5.7.10-mysqld_safe-local-vs-utc.log');
    expect([at(a, 1).kind, iso(a, at(a, 1))]).toEqual(['mysqld_safe.start', '2016-12-09T13:08:33.000Z']);
    expect([at(a, 4).kind, iso(a, at(a, 4))]).toEqual(['mysql.start', '2016-12-09T12:08:33.336Z']);
  });
});

describe('unseen excerpts: what the server said', () => {
  it('reads a message that starts with a number after 8.0\'s tags', async () => {
    const a = await read('doc-dbm-agent-8.0.18-plus0800-initialize-then-start.log');
    expect([at(a, 3).kind, at(a, 3).message, at(a, 3).data]).toEqual(['mysql.log', "1146  Table 'mysql.backup_progress' doesn't exist.", { code: 'MY-000061', subsystem: 'Server' }]);
  });

  it('reads MariaDB 10.5+ `(server X) starting as process N` as a start', async () => {
    const a = await read('replit-nix-mariadb-10.6-mysqld_safe-glued-to-shell-prompt.log');
    const start = at(a, 9);
    expect([start.kind, start.data, start.process]).toEqual(['mysql.start', { version: '10.6.10-MariaDB' }, { name: 'mariadbd', pid: 394 }]);
  });

  it('counts a runtime mmap failure each time, with its 3 MiB', async () => {
    const a = await read('issue-docker-matomo-5-mariadb-runtime-mmap-errno12-backtick.log');
    expect(a.failures.map((f) => f.event.data)).toEqual(Array(10).fill({ bytes: 3145728, errno: 12 }));
  });

  it('counts MariaDB 11\'s `Out of memory (Needed ...)` then `Cannot map` as one failure of the pool size', async () => {
    const a = await read('notes-mariadb-11-out-of-memory-needed-then-cannot-map.log');
    expect([at(a, 1).kind, at(a, 1).data]).toEqual(['mysql.buffer_pool_init', { bytes: 4659 * 1024 ** 2 }]);
    expect(a.failures.map((f) => [f.event.message, f.requested_bytes])).toEqual([['InnoDB: Cannot map innodb_buffer_pool_size_max=4664m', 4664 * 1024 ** 2]]);
  });

  it('never calls errno 11 (EAGAIN) or OS errors 5/22/23/123 a memory failure', async () => {
    for (const name of [
      'issue-magenx-126-5.6-unable-to-lock-error-11-not-memory.log',
      'issue-apitable-331-docker-desktop-8.0-assertion-signal6-utc-z.log',
      'issue-bitrixdock-7-compose-italic-underscore-hard-wrapped.log',
      'issue-laragon-915-windows-8.0.30-glued-opening-fence.log',
    ]) expect((await read(name)).failures, name).toEqual([]);
  });

  it("reads 8.0's `Can't create thread ... (errno: 12)` as the server's allocation failure, tags kept", async () => {
    const a = await read('blog-ja-8.0.26-cant-create-thread-errno12-after-oom-kill.log');
    expect([at(a, 3).kind, at(a, 3).level, at(a, 3).data, at(a, 3).meta?.['mysql.code']]).toEqual(['mysql.out_of_memory', 'warning', { what: 'thread', errno: 12 }, 'MY-010001']);
    expect(inOrder(a).map((e) => e.kind)).toEqual(['mysql.ready', 'mysql.start', 'mysql.out_of_memory', 'mysql.log', 'mysql.abort', 'mysql.shutdown']);
    expect(a.failures.map((f) => [f.class, f.requested_bytes])).toEqual([['allocation', null]]);
  });

  it('leaves only a stamp cut by the excerpt unrecognized', async () => {
    const a = await read('issue-bedrock-158-mariadb-10.0-mysqld_safe-restart-xtradb.log');
    expect(a.events.filter((e) => e.kind === 'line.unrecognized').map((e) => e.message)).toEqual(['150319  1:46']);
    expect(inOrder(a).filter((e) => e.kind.startsWith('mysqld_safe.')).map((e) => e.kind)).toEqual(['mysqld_safe.died', 'mysqld_safe.restart']);
  });
});
