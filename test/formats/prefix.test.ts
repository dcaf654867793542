// Collection prefixes: each layer peeled off a real corpus line and kept as metadata, and the
// lines that only look like a prefix left alone.
import { describe, expect, it } from 'vitest';
import { PrefixReader, stripPrefix } from '../../src/formats/prefix.js';

describe('PrefixReader', () => {
  it('leaves plain server lines untouched', () => {
    for (const line of [
      '160521 11:06:36 InnoDB: Initializing buffer pool, size = 128.0M',
      '2016-12-29T15:17:43.851927Z 0 [ERROR] InnoDB: mmap(137428992 bytes) failed; errno 12',
      '2015-07-24 09:52:49 13110 [Note] InnoDB: Initializing buffer pool, size = 2.0G',
      '2019-10-26T01:11:25.525105Z mysqld_safe Starting mysqld daemon with databases from /var/snap/nextcloud/16739/mysql',
      'InnoDB: mmap(137363456 bytes) failed; errno 12',
      '| Variable_name | Value |',
      'The manual page at http://dev.mysql.com/doc/mysql/en/crashing.html contains',
    ]) {
      expect(stripPrefix(line), line).toEqual({ text: line, cut: 0 });
    }
  });

  it('peels compose prefixes, padded, digit-led or cut to the pipe', () => {
    expect(stripPrefix('db_1         | 2016-12-29T15:17:43.828795Z 0 [Note] InnoDB: PUNCH HOLE support available')).toMatchObject({
      text: '2016-12-29T15:17:43.828795Z 0 [Note] InnoDB: PUNCH HOLE support available',
      meta: { 'container.name': 'db_1' },
    });
    expect(stripPrefix('1Panel-mysql-JhRU  | 2024-02-11 12:14:36-05:00 [Note] [Entrypoint]: x').meta).toEqual({ 'container.name': '1Panel-mysql-JhRU' });
    expect(stripPrefix(' | 2016-12-29T15:17:43.788366Z 0 [Note] mysqld (mysqld 5.7.17) starting as process 1 ...')).toMatchObject({
      text: '2016-12-29T15:17:43.788366Z 0 [Note] mysqld (mysqld 5.7.17) starting as process 1 ...',
      meta: { 'container.name': '' },
    });
  });

  it('peels CRI, docker -t with stream garbage, and keeps the outer stamp as metadata', () => {
    expect(stripPrefix('2023-11-06T21:09:49.65381919Z stderr F [06-Nov-2023 21:09:49] WARNING: x')).toEqual({
      text: '[06-Nov-2023 21:09:49] WARNING: x',
      cut: 39,
      meta: { 'container.time': '2023-11-06T21:09:49.65381919Z', 'container.stream': 'stderr' },
    });
    expect(stripPrefix('~2016-10-13T18:57:46.586597078Z 2016-10-13 18:57:46 139809269913536 [Note] InnoDB: Highest supported file format is Barracuda.')).toEqual({
      text: '2016-10-13 18:57:46 139809269913536 [Note] InnoDB: Highest supported file format is Barracuda.',
      cut: 32,
      meta: { 'docker.stream_garbage': '~', 'container.time': '2016-10-13T18:57:46.586597078Z' },
    });
  });

  it("keeps Docker Desktop's host stamp as metadata, also before an undated line once seen", () => {
    const r = new PrefixReader();
    expect(r.strip('2025-05-16 11:47:36 2025-05-16T03:47:36.459669Z 0 [Note] mysqld (mysqld 5.7.44) starting as process 1 ...')).toMatchObject({
      text: '2025-05-16T03:47:36.459669Z 0 [Note] mysqld (mysqld 5.7.44) starting as process 1 ...',
      meta: { 'container.time': '2025-05-16 11:47:36' },
    });
    expect(r.strip("2025-05-16 11:47:36 '/var/lib/mysql/mysql.sock' -> '/var/run/mysqld/mysqld.sock'").text).toBe(
      "'/var/lib/mysql/mysql.sock' -> '/var/run/mysqld/mysqld.sock'",
    );
    // a MariaDB line is not a host stamp, even after host stamps were seen
    expect(r.strip('2023-06-13 12:08:54 140443127027392 [Note] InnoDB: Uses event mutexes').cut).toBe(0);
  });

  it('peels syslog and journald wrappers, bullets and MySQLTuner quoting', () => {
    const s = stripPrefix('Feb 07 18:39:12 minibolt mariadbd[49627]: 2026-02-07 18:39:12 0 [Note] InnoDB: Using io_uring');
    expect([s.text, s.syslog?.program, s.syslog?.pid, s.syslog?.host]).toEqual(['2026-02-07 18:39:12 0 [Note] InnoDB: Using io_uring', 'mariadbd', 49627, 'minibolt']);
    expect(stripPrefix('2026-07-22T15:46:37+02:00 host php-fpm[137658]: [WARNING] [pool www] x').syslog?.stamp).toEqual({
      year: 2026, month: 7, day: 22, hour: 15, minute: 46, second: 37, offsetMinutes: 120,
    });
    expect(stripPrefix('- 2021-10-06T10:05:41.309643Z 29 [Note] Aborted connection 29').text).toBe('2021-10-06T10:05:41.309643Z 29 [Note] Aborted connection 29');
    expect(stripPrefix('[--] 1) 2021-04-28T06:12:52.342664Z 0 [System] [MY-010931] [Server] x')).toMatchObject({
      text: '2021-04-28T06:12:52.342664Z 0 [System] [MY-010931] [Server] x',
      meta: { quoted_by: 'mysqltuner' },
    });
    expect(stripPrefix('[--] Log file: /opt/bitnami/mysql/logs/mysqld.log(20K)').cut).toBe(0);
  });
});
