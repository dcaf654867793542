// Fault injection for reading (issue 17): a bundle folder that links out of itself (secrets must
// never reach a report), the same file reached twice, names that are not UTF-8, a folder 2,000
// deep, a log rotated while it is read in parts, a log growing between the analysis and the NDJSON
// replay. Each case is generated here, in a temporary folder, with the real file system.
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, linkSync, mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import type { Event } from '../../src/event.js';
import { replay } from '../../src/replay.js';
import { toEcs } from '../../src/report/ecs.js';
import { LONG_TESTS, SEED } from '../helpers.js';
import { type CliResult, cli, spawnCli, stderrLines, tempDir } from './cli.js';

const GOOD = path.join(SEED, 'mysqld.err');
const dir = tempDir('oomtrail-reading-');
const json = (r: CliResult) => JSON.parse(r.stdout) as { inputs: { path: string; lines: number }[]; failures: { path: string }[]; stats: { lines: number } };

/** A MySQL 5.5 error log of about `bytes`, with an mmap failure every 997 lines; ends with `marker` lines if given. */
function mysqlLog(bytes: number): string {
  const out: string[] = [];
  let n = 0;
  let size = 0;
  while (size < bytes) {
    const s = `1605${String(21 + Math.floor(n / 80000)).padStart(2, '0')} ${String(Math.floor(n / 3600) % 24).padStart(2, '0')}:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;
    const line =
      n % 997 === 0
        ? `${s} InnoDB: Initializing buffer pool, size = 128.0M\nInnoDB: mmap(137363456 bytes) failed; errno 12`
        : `${s} [Warning] Aborted connection ${n} to db: 'wp' user: 'wp' host: 'localhost' (Got an error reading communication packets)`;
    out.push(line);
    size += line.length + 1;
    n++;
  }
  return `${out.join('\n')}\n`;
}

describe('never leave the folder given', () => {
  const outside = path.join(dir, 'outside');
  const bundle = path.join(dir, 'bundle');
  mkdirSync(path.join(outside, 'etc'), { recursive: true });
  mkdirSync(bundle);
  const SECRET = 'aws_secret_access_key = wJalrXUtnFEMI-SECRET-bPxRfiCYEXAMPLEKEY';
  writeFileSync(path.join(outside, 'credentials'), `[default]\n${SECRET}\n160521 18:49:20 InnoDB: SECRET-ROW mmap(1 bytes) failed; errno 12\n`);
  writeFileSync(path.join(outside, 'etc', 'shadow'), `root:SECRET-SHADOW-HASH:19000:0:99999:7:::\n`);
  copyFileSync(GOOD, path.join(bundle, 'mysqld.err'));
  symlinkSync(path.join(outside, 'credentials'), path.join(bundle, 'notes.log'));
  symlinkSync(path.join(outside, 'etc'), path.join(bundle, 'extra'));
  const secrets = /SECRET/;

  it.each(['text', 'markdown', 'html', 'json', 'junit'])('a link to a secret file and one to a folder outside: no secret line in %s, each link noted', async (format) => {
    const r = await cli([bundle, '-f', format]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(secrets);
    expect(r.stderr).not.toMatch(secrets);
    expect(stderrLines(r)).toEqual([
      `oomtrail: note: ${path.join(bundle, 'extra')}: a symbolic link to ${path.join(outside, 'etc')}: not followed (--follow-links follows it)`,
      `oomtrail: note: ${path.join(bundle, 'notes.log')}: a symbolic link to ${path.join(outside, 'credentials')}: not followed (--follow-links follows it)`,
    ]);
  });

  it('nor in the NDJSON timeline; --follow-links reads them (the user asked), and a link named on the command line is read', async () => {
    const r = await cli(['timeline', bundle]);
    expect(r.stdout).toContain('mmap(137363456 bytes) failed');
    expect(r.stdout).not.toMatch(secrets);
    const followed = await cli(['timeline', bundle, '--follow-links']);
    expect(followed.stdout).toContain('SECRET-ROW');
    expect(followed.stdout).toContain('SECRET-SHADOW-HASH');
    const named = await cli(['timeline', path.join(bundle, 'notes.log')]);
    expect(named.stdout).toContain('SECRET-ROW');
  });

  it('a folder 2,000 deep: walked without recursion, cut at 64 with a note, the rest still analysed', async () => {
    const deep = mkdtempSync(path.join(os.tmpdir(), 'oomtrail-deep-'));
    afterAll(() => execFileSync('rm', ['-rf', deep]));
    const down = 'd/'.repeat(2000);
    execFileSync('sh', ['-c', 'cd "$1" && cp "$2" top.err && mkdir -p "$3" && cp "$2" "$3/bottom.err"', 'sh', deep, GOOD, down]);
    const r = await spawnCli([deep, '-f', 'json']);
    expect(r.stderr).not.toMatch(/RangeError|Maximum call stack/);
    expect(stderrLines(r)).toEqual([`oomtrail: note: ${deep}${'/d'.repeat(65)}: more than 64 folders deep: not read`]);
    expect(r.code).toBe(0);
    expect(json(r).failures.filter((f) => f.path === path.join(deep, 'top.err'))).toHaveLength(2);
  }, 60_000);
});

describe('one file read once', () => {
  const one = path.join(dir, 'once');
  mkdirSync(one);
  const log = path.join(one, 'mysqld.err');
  copyFileSync(GOOD, log);

  it('the same file named twice: its two failures counted once, with a note', async () => {
    const r = await cli([log, log, '-f', 'json']);
    expect(json(r).failures).toHaveLength(2);
    expect(stderrLines(r)).toEqual([`oomtrail: note: ${log}: named again: read once`]);
    expect(r.code).toBe(0);
  });

  it('a folder and a file inside it, and a hard link beside it: read once each, said in a note', async () => {
    const linked = path.join(dir, 'hard');
    mkdirSync(linked);
    copyFileSync(GOOD, path.join(linked, 'a.err'));
    linkSync(path.join(linked, 'a.err'), path.join(linked, 'b.err'));
    const r = await cli([linked, path.join(linked, 'a.err'), '-f', 'json']);
    const s = json(r);
    expect(s.failures).toHaveLength(2);
    expect(s.inputs.map((i) => i.path)).toEqual([path.join(linked, 'a.err')]);
    expect(stderrLines(r)).toEqual([
      `oomtrail: note: ${path.join(linked, 'b.err')}: the same file as ${path.join(linked, 'a.err')}: read once`,
      `oomtrail: note: ${path.join(linked, 'a.err')}: named again: read once`,
    ]);
  });
});

describe('names that are not UTF-8', () => {
  it('a log named with a Latin-1 byte is read, and shown with \\xNN', async () => {
    const top = path.join(dir, 'latin1');
    mkdirSync(top);
    const name = Buffer.concat([Buffer.from(`${top}/mysqld-`), Buffer.from([0xe9]), Buffer.from('.err')]);
    writeFileSync(name, readFileSync(GOOD));
    const r = await cli([top, '-f', 'json']);
    expect(r.stderr).toBe('');
    const s = json(r);
    expect(s.inputs.map((i) => i.path)).toEqual([`${top}/mysqld-\\xe9.err`]);
    expect(s.failures).toHaveLength(2);
  });
});

describe('live logs: one consistent read', () => {
  it('a log rotated (renamed and a new one created) while it is read in parts: every line of it as opened, with a note', async () => {
    const live = path.join(dir, 'live');
    mkdirSync(live);
    const file = path.join(live, 'error.log');
    const text = mysqlLog(6 * 1024 * 1024);
    writeFileSync(file, text);
    const lines = text.split('\n').length - 1;
    const counts = { absorbed: 0, readAgain: 0 };
    const a = await analyze({
      inputs: [file],
      tz: 'UTC',
      keep: 'report',
      parts: { threads: 2, minBytes: 1024 * 1024, inProcess: true, counts },
      // the input is open now: logrotate's create mode moves it away and starts a new one
      onSource: () => {
        renameSync(file, `${file}.1`);
        writeFileSync(file, '160601 00:00:00 [Note] a new log\n');
      },
    });
    expect(counts.absorbed + counts.readAgain).toBeGreaterThan(0);
    expect(a.stats.lines).toBe(lines);
    let held = a.stats.blank;
    for (const e of a.events) held += e.src.lines;
    for (const n of a.folded?.lines.values() ?? []) held += n;
    expect(held).toBe(lines);
    expect(a.failures.length).toBe(Math.ceil(lines / 998));
    expect(a.notes).toEqual([{ path: file, reason: `replaced while read (rotated?): read as it was when opened (${Buffer.byteLength(text)} bytes)` }]);
  });

  it('a log growing between the analysis and the NDJSON replay: the timeline is the one analysed, nothing appended, nothing doubled', async () => {
    const grow = path.join(dir, 'grow');
    mkdirSync(grow);
    const a1 = path.join(grow, 'a.err');
    const b1 = path.join(grow, 'b.err');
    writeFileSync(a1, mysqlLog(200 * 1024));
    copyFileSync(GOOD, b1);
    const ndjson = async (change?: () => void) => {
      const a = await analyze({ inputs: [a1, b1], tz: 'UTC', keep: 'stream' });
      change?.();
      const out: string[] = [];
      for await (const batch of replay(a, a.replay!)) for (const e of batch as Event[]) out.push(JSON.stringify(toEcs(e, a)));
      return out;
    };
    const still = await ndjson();
    const grown = await ndjson(() => appendFileSync(a1, '160521 23:59:59 InnoDB: APPENDED mmap(1 bytes) failed; errno 12\n'.repeat(500)));
    expect(grown.join('\n')).not.toContain('APPENDED');
    expect(grown).toEqual(still);
  });
});

describe('a per-input budget', () => {
  // events nothing folds (unrecognized lines past the first 100 are only counted, so they would not
  // fill it): a `free -m` snapshot every 5 lines, 150,000 lines
  const RUNAWAY = '$ free -m\n              total        used        free      shared  buff/cache   available\nMem:            994         927          67           0          21          89\nSwap:             0           0           0\n\n'.repeat(30_000);
  it('an input that would hold more events than its budget is cut there with a note; the lines read are all counted; the others are analysed', async () => {
    const runaway = path.join(dir, 'access.log');
    writeFileSync(runaway, RUNAWAY);
    const a = await analyze({ inputs: [runaway, GOOD], tz: 'UTC', keep: 'report', maxHeldEvents: 1000 });
    const cut = a.inputs[0];
    expect(cut.lines).toBeGreaterThan(1000);
    expect(cut.lines).toBeLessThan(150_000);
    expect(a.notes).toEqual([{ path: runaway, reason: `holds over 1000 events unfolded, the most one input may (a runaway input?); the rest of it, from line ${cut.lines + 1}, was not read` }]);
    expect(a.failures).toHaveLength(2);
    let held = a.stats.blank;
    for (const e of a.events) held += e.src.lines;
    for (const n of a.folded?.lines.values() ?? []) held += n;
    expect(held).toBe(a.stats.lines);
  });

  it('read again for NDJSON only as far as the analysis read it: no line past the cut, none twice', async () => {
    const runaway = path.join(dir, 'access2.log');
    writeFileSync(runaway, RUNAWAY);
    const a = await analyze({ inputs: [runaway, GOOD], tz: 'UTC', keep: 'stream', maxHeldEvents: 1000 });
    const cut = a.inputs[0];
    expect(cut.lines).toBeLessThan(150_000);
    let lines = 0;
    const seqs = new Set<number>();
    for await (const batch of replay(a, a.replay!)) {
      for (const e of batch as Event[]) {
        expect(seqs.has(e.seq)).toBe(false);
        seqs.add(e.seq);
        if (e.src.path === runaway) lines += e.src.lines;
      }
    }
    expect(lines).toBe(cut.lines - cut.blank);
  });

  it.skipIf(!LONG_TESTS)('4 MB of `x\n` next to a good log: every line counted, in bounded memory, exit 0 (unrecognized lines past the first 100 are counted, not held: no cut needed)', async () => {
    const runaway = path.join(dir, 'big-access.log');
    writeFileSync(runaway, 'x\n'.repeat(2_000_000));
    const r = await spawnCli([runaway, GOOD, '-f', 'json'], { timeoutMs: 120_000 });
    expect(r.code).toBe(0);
    expect(stderrLines(r)).toEqual([]);
    expect(json(r).inputs[0]).toMatchObject({ lines: 2_000_000, unrecognized: 2_000_000 });
    expect(json(r).failures).toHaveLength(2);
    expect(r.maxRss).toBeLessThan(500 * 1024 * 1024);
  }, 150_000);
});
