// Folding routine events as they arrive (keep: 'report', what the CLI does for every report but
// NDJSON and --verbose) must not change any report: every sample bundle, fixture and corpus file
// gives the same Report either way, and the folded lines are still all accounted for.
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Analysis, type AnalyzeOptions, analyze } from '../../src/analyze.js';
import { buildReport } from '../../src/report/model.js';
import { CORPUS, HAS_CORPUS, ROOT, filesUnder } from '../helpers.js';

/** Not inputs: the tests, goldens and notes beside them. */
const SKIP = /\.(?:ndjson|json|md|ts)$/;

const samples = readdirSync(path.join(ROOT, 'samples'))
  .map((d) => path.join(ROOT, 'samples', d))
  .filter((d) => statSync(d).isDirectory());
const fixtures = [...filesUnder(path.join(ROOT, 'test', 'formats'), SKIP), ...filesUnder(path.join(ROOT, 'test', 'containers'), SKIP)];
const corpus = HAS_CORPUS ? filesUnder(CORPUS, SKIP) : [];

function conserved(a: Analysis): void {
  let sum = 0;
  for (const e of a.events) sum += e.src.lines;
  for (const n of a.folded?.lines.values() ?? []) sum += n;
  expect(a.stats.blank + sum).toBe(a.stats.lines);
}

async function both(inputs: string[], opts: Partial<AnalyzeOptions> = {}): Promise<void> {
  const base: AnalyzeOptions = { tz: 'America/New_York', date: { year: 2016, month: 5, day: 21 }, ...opts, inputs };
  const all = await analyze({ ...base, keep: 'all' });
  const folded = await analyze({ ...base, keep: 'report' });
  expect(buildReport(folded)).toEqual(buildReport(all));
  if (!opts.since) conserved(folded);
}

// Files where the dating stage reads folded lines: an untimed `free` after routine log lines (its
// lower bound), untimed server lines before routine ones of the same format (their upper bound),
// a year-less syslog dated by another file's routine lines (the bundle's span), and an untimed
// line after more routine lines than the collector keeps at hand, the latest-timed one early.
const resolve = (t: string, ip: number) => `160521 ${t} [Warning] IP address '10.0.0.${ip}' could not be resolved: Name or service not known`;
const CASES: Record<string, string> = {
  'lower/transcript.txt': [
    '[root@web ~]# tail -4 /var/log/mysqld.err',
    resolve('18:40:01', 1),
    resolve('18:41:01', 2),
    "160521 18:42:01 [Warning] Aborted connection 12 to db: 'wp' user: 'wp' host: 'localhost' (Got an error reading communication packets)",
    resolve('18:43:01', 3),
    '[root@web ~]# free -m',
    '             total       used       free     shared    buffers     cached',
    'Mem:          1840       1790         50          0          5         40',
    '-/+ buffers/cache:       1745         95',
    'Swap:            0          0          0',
    '',
  ].join('\n'),
  'upper/transcript.txt': [
    '[root@web ~]# tail -2 /var/log/mysqld.err',
    'InnoDB: Warning: a long semaphore wait',
    'InnoDB: mmap(137363456 bytes) failed; errno 12',
    '[root@web ~]# tail -2 /var/log/mysqld.err',
    resolve('18:44:01', 7),
    resolve('18:45:01', 8),
    '',
  ].join('\n'),
  'span/a-syslog.log': 'May 21 18:49:20 web cron[123]: (root) CMD (run-parts /etc/cron.hourly)\nMay 21 18:50:20 web sshd[456]: Accepted publickey for root\n',
  'span/b-mysqld.err': `${resolve('18:44:01', 7)}\n${resolve('18:45:01', 8)}\n`,
  'ring/transcript.txt': [
    '[root@web ~]# tail -100 /var/log/mysqld.err',
    ...Array.from({ length: 100 }, (_, i) => resolve(i === 9 ? '23:59:59' : `18:${String(Math.floor(i / 2)).padStart(2, '0')}:0${i % 2}`, i)),
    '[root@web ~]# free -m',
    '             total       used       free     shared    buffers     cached',
    'Mem:          1840       1790         50          0          5         40',
    '[root@web ~]# tail -1 /var/log/mysqld.err',
    "160522 01:00:00 [Warning] IP address '10.0.0.1' could not be resolved: Name or service not known",
    '',
  ].join('\n'),
  // an incident with no `ready` line: routine server lines after it say how long it was down
  'server/mysqld.err': [
    '160521 18:40:01 InnoDB: Initializing buffer pool, size = 128.0M',
    '160521 18:40:01 InnoDB: mmap(137363456 bytes) failed; errno 12',
    resolve('18:50:01', 1),
    resolve('19:10:01', 2),
    '',
  ].join('\n'),
};

function writeCases(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'oomtrail-fold-'));
  for (const [name, text] of Object.entries(CASES)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('folding on arrival changes no report', () => {
  it.each(['lower', 'upper', 'span', 'ring', 'server'])('when the dating stage reads folded lines: %s', async (name) => {
    const dir = path.join(writeCases(), name);
    await both([dir]);
    const a = await analyze({ tz: 'UTC', inputs: [dir], keep: 'report' });
    expect(a.folded?.groups.length).toBeGreaterThan(0);
    if (name === 'server') expect(a.incidents[0]).toMatchObject({ outcome: 'down', downtime_seconds: 30 * 60 });
    else expect(a.events.some((e) => e.time.note?.includes(name === 'span' ? 'b-mysqld.err' : 'line'))).toBe(true);
  });

  it.each(samples.map((s) => [path.basename(s), s]))('sample %s', async (_name, dir) => {
    await both([dir]);
    await both([dir], { tz: 'UTC' });
  });

  it('with --since / --until', async () => {
    await both([samples[0]], { since: '2016-05-21T18:00:00', until: '2016-05-21T19:00:00' });
  });

  it('on every fixture', async () => {
    for (const f of fixtures) await both([f]);
  });

  it.skipIf(!HAS_CORPUS)('on every corpus file, and the corpus as one bundle', async () => {
    for (const f of corpus) await both([f]);
    await both([CORPUS]);
  });
});
