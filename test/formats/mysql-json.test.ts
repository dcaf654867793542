// MySQL 8's JSON error log (log_sink_json): a real file read as its golden says (every line an
// event, the `Shutdown complete` and `ready for connections` meanings of the classic lines, exact
// times); SYNTHETIC records (built here, labelled so) carrying a real 8.0 mmap failure's text give
// the same memory failure as the classic line; malformed or hostile lines are counted, never thrown.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classicLine, readRecord } from '../../src/formats/mysql-json/mysql-json.js';
import { ROOT, expectConserved, runText } from '../helpers.js';

const dir = path.join(ROOT, 'test', 'formats', 'mysql-json');
const FILE = 'book-8.0.3-rc-json-shutdown-then-ready.log';

describe('format mysql-json', () => {
  it(`reads ${FILE} (sniffed; its golden: the one harness, fixtures.test.ts)`, async () => {
    const a = await runText(readFileSync(path.join(dir, FILE), 'utf8'), { tz: 'America/New_York' });
    expectConserved(a);
    expect(a.inputs[0].formats).toEqual(['mysql-json']);
    expect(a.events.filter((e) => e.kind === 'line.unrecognized')).toEqual([]);
    expect(a.events.map((e) => e.kind)).toEqual(['mysql.log', 'mysql.log', 'mysql.log', 'mysql.shutdown', 'mysql.ready']);
    const ready = a.events[4];
    expect(ready.time).toMatchObject({ ms: Date.parse('2017-10-15T12:29:10.952Z'), source: 'stamped' });
    expect(ready.src).toMatchObject({ line: 5, lines: 1 });
  });

  it('a record stands for its classic line', () => {
    const f = readRecord('{ "prio" : 2, "err_code" : 1079, "subsystem" : "", "msg" : "/usr/sbin/mysqld: Shutdown complete\\u000a", "time" : "2017-10-15T12:29:08.867077Z", "label" : "Note" }');
    expect(f && classicLine(f)).toBe('2017-10-15T12:29:08.867077Z 0 [Note] /usr/sbin/mysqld: Shutdown complete');
  });

  it('SYNTHETIC: a record without `time` is dated by `ts` (milliseconds since the epoch, MySQL 8.0.22+)', () => {
    const f = readRecord('{ "prio" : 0, "err_code" : 10116, "msg" : "x", "ts" : 1578495089008, "subsystem" : "Server", "label" : "System" }');
    expect(f && classicLine(f)).toBe('2020-01-08T14:51:29.008Z 0 [System] [MY-010116] [Server] x');
  });

  it('SYNTHETIC records with a real 8.0 mmap failure text: the same memory failure as the classic line', async () => {
    // the text of test/formats/mysql-error's `2018-12-07T09:15:40.965670Z 0 [ERROR] [MY-012681] [InnoDB] mmap(137428992 bytes) failed; errno 12`
    const json = '{ "prio" : 1, "err_code" : 12681, "subsystem" : "InnoDB", "SQL_state" : "HY000", "msg" : "mmap(137428992 bytes) failed; errno 12", "time" : "2018-12-07T09:15:40.965670Z", "thread" : 0, "err_symbol" : "ER_IB_MSG_856", "label" : "Error" }';
    const a = await runText(`${json}\n`, { tz: 'UTC', as: 'mysql-json' });
    const classic = await runText('2018-12-07T09:15:40.965670Z 0 [ERROR] [MY-012681] [InnoDB] mmap(137428992 bytes) failed; errno 12\n', { tz: 'UTC' });
    expect(a.events.map((e) => [e.kind, e.data, e.time.ms])).toEqual(classic.events.map((e) => [e.kind, e.data, e.time.ms]));
    expect(a.failures.map((f) => f.event.kind)).toEqual(['mysql.mmap_failed']);
  });

  it('malformed, nested or hostile lines are counted unrecognized, never thrown', async () => {
    const lines = [
      '{ "prio" : 2, "msg" : "cut short',
      '{ "prio" : 2, "msg" : { "nested" : 1 } }',
      `{ "msg" : "${'x'.repeat(60000)}", "prio" : 1 }`.slice(0, 30000),
      '{ "prio" : 2 }',
      'not json at all',
    ];
    const a = await runText(`${lines.join('\n')}\n`, { tz: 'UTC', as: 'mysql-json' }); // SYNTHETIC
    expectConserved(a);
    expect(a.events.map((e) => e.kind)).toEqual(Array(5).fill('line.unrecognized'));
  });
});
