// The repeat cache of the MySQL parser (src/formats/mysql-error/mysql-repeats.ts) is a pure cache:
// every file, read whole by a MySQL parser with the cache on and by one with it off (an option of
// the parser instance), gives the same events, field for field. Checked on the fixtures, the
// samples, the corpus, a generated month of warnings, and lines made of heads and bodies that
// fight over the shortcut (trigger words, a body that lexes as a thread id, `[Entrypoint]`, tabs).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/event.js';
import { MysqlErrorParser } from '../../src/formats/mysql-error/mysql-error.js';
import { readLines } from '../../src/read/lines.js';
import { Clock } from '../../src/time/clock.js';
import { generate } from '../../bench/generate.mjs';
import { CORPUS, HAS_CORPUS, ROOT, filesUnder, mulberry32 } from '../helpers.js';

/** Not inputs: the tests, goldens and notes beside them. */
const SKIP = /\.(?:ts|md|ndjson|html|json|xml|txt\.golden)$/;

/** Every event of a file (each as JSON, all fields), with the cache on or off; and how many lines took it. */
async function eventsOf(file: string, repeats: boolean): Promise<{ events: string[]; hits: number }> {
  const events: Event[] = [];
  let seq = 0;
  const ctx = { path: path.basename(file), clock: new Clock('America/New_York'), emit: (e: Event) => events.push(e), seq: () => seq++ };
  const parser = new MysqlErrorParser(ctx, { repeats });
  for await (const batch of readLines(Readable.from([readFileSync(file)]))) for (const l of batch) parser.line(l);
  parser.end();
  return { events: events.map((e) => JSON.stringify(e)), hits: parser.repeatHits };
}

async function expectSame(file: string): Promise<number> {
  const off = await eventsOf(file, false);
  const on = await eventsOf(file, true);
  expect(off.hits, file).toBe(0);
  const differs = on.events.findIndex((e, i) => e !== off.events[i]);
  if (differs >= 0) expect(on.events[differs], `${file}: event ${differs}`).toBe(off.events[differs]);
  expect(on.events.length, file).toBe(off.events.length);
  return on.hits;
}

const HEADS = [' 12 [Note] [MY-010055] [Server] ', ' 0 [Warning] ', ' [Warning] ', ' [Note] ', ' 0 [Note] ', ' 12 [Warning] [MY-010055] [Server] ', '  ', ' ', '', ' [ERROR] [FATAL] ', ' 0x7fcb6cb3c700  ', ' 140443127027392 [Note] ', ', 8428, Note, ', '\t[Warning]\t', ' [Warning]  '];
const BODIES = [
  "IP address '10.0.0.1' could not be resolved: Name or service not known", "Aborted connection 12 to db: 'wp' user: 'wp' host: 'localhost' (Got timeout reading communication packets)",
  '123 foo', '1146  Table x', '7fddc77c9700 bar', ', 8428, Note, csv body', '[Entrypoint]: Switching to dedicated user', '[Note] nested', 'InnoDB: mmap(137363456 bytes) failed; errno 12',
  'mysqld_safe Number of processes running now: 0', ' leading space', 'Version: 5.5.49', 'InnoDB: Operating system errno: 12', 'InnoDB: Operating system errno: 13',
  'InnoDB: Error: cannot allocate 268451840 bytes of', '/usr/sbin/mysqld: ready for connections.', 'Warning 5', 'Error5 x', 'Fatal error x', 'é ünïcode 42',
  'Aborting', 'InnoDB: Initializing buffer pool, size = 128.0M', 'got signal 11 ;', 'Shutdown complete', 'plain words', 'plain words 42 and 7',
];
const STAMPS = ['160521 11:06:36', '160521  9:06:36', '2016-05-21T11:06:36.123456Z', '2023-05-28  8:34:45', '2016-05-21T11:06:36+08:00', '07:00:44 UTC'];

describe('the MySQL repeat cache', () => {
  it('changes no event of any fixture or sample, and takes lines of them', async () => {
    const inputs = [...filesUnder(path.join(ROOT, 'test', 'formats', 'mysql-error'), SKIP), ...filesUnder(path.join(ROOT, 'samples'), SKIP)];
    expect(inputs.length).toBeGreaterThan(10);
    let hits = 0;
    for (const f of inputs) hits += await expectSame(f);
    expect(hits).toBeGreaterThan(50);
  });

  it.skipIf(!HAS_CORPUS)('changes no event of any corpus file', async () => {
    let hits = 0;
    for (const f of filesUnder(CORPUS, SKIP)) hits += await expectSame(f);
    expect(hits).toBeGreaterThan(100);
  });

  it('takes nearly every line of a generated log of warnings, and changes none', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oomtrail-repeats-'));
    const file = path.join(dir, 'mysqld.err');
    await generate(file, 20_000, 3);
    expect(await expectSame(file)).toBeGreaterThan(19_000);
  });

  it('changes no event of lines made of contested heads and bodies', async () => {
    const rnd = mulberry32(11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) lines.push(rnd() < 0.9 ? `${pick(STAMPS)}${pick(HEADS)}${pick(BODIES)}` : pick(BODIES));
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'oomtrail-repeats-')), 'contested.err');
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(await expectSame(file)).toBeGreaterThan(2000);
  });
});
