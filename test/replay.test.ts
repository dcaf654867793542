// NDJSON reads the inputs again instead of holding every event (keep 'stream' + replay): the
// timeline it gives must be the one keeping every event gives, for every sample, fixture and
// corpus file, for several inputs at once, inside --since/--until, for stdin (kept whole), and for
// logs whose lines come out of time order (read whole and sorted).
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type AnalyzeOptions, analyze } from '../src/analyze.js';
import type { Event } from '../src/event.js';
import { replay } from '../src/replay.js';
import { toEcs } from '../src/report/ecs.js';
import { CORPUS, HAS_CORPUS, ROOT, filesUnder } from './helpers.js';

/** Not inputs: the tests, goldens and notes beside them. */
const SKIP = /\.(?:ndjson|json|md|ts)$/;

const samples = readdirSync(path.join(ROOT, 'samples'))
  .map((d) => path.join(ROOT, 'samples', d))
  .filter((d) => statSync(d).isDirectory());

/** `stdin`: what standard input holds (each analysis reads a fresh copy). */
async function lines(opts: AnalyzeOptions, stdin?: string): Promise<{ all: string[]; streamed: string[]; modes: string[] }> {
  const input = () => (stdin === undefined ? {} : { stdin: Readable.from([Buffer.from(stdin)]) });
  const whole = await analyze({ ...opts, ...input(), keep: 'all' });
  const all = whole.events.map((e) => JSON.stringify(toEcs(e, whole)));
  const a = await analyze({ ...opts, ...input(), keep: 'stream' });
  const streamed: string[] = [];
  for await (const batch of replay(a, a.replay!)) for (const e of batch as Event[]) streamed.push(JSON.stringify(toEcs(e, a)));
  return { all, streamed, modes: a.replay!.inputs.map((i) => i.mode) };
}

async function same(inputs: string[], opts: Partial<AnalyzeOptions> = {}): Promise<string[]> {
  const r = await lines({ tz: 'America/New_York', date: { year: 2016, month: 5, day: 21 }, ...opts, inputs });
  expect(r.streamed).toEqual(r.all);
  return r.modes;
}

function write(name: string, text: string): string {
  const p = path.join(mkdtempSync(path.join(tmpdir(), 'oomtrail-replay-')), name);
  writeFileSync(p, text);
  return p;
}

describe('NDJSON read again, in order, without holding every event', () => {
  it.each(samples.map((s) => [path.basename(s), s]))('sample %s', async (_n, dir) => {
    await same([dir]);
    await same([dir], { tz: 'UTC', since: '2016-05-21T18:00:00', until: '2016-05-21T19:00:00' });
  });

  it('every fixture, alone and all together', async () => {
    const all = [...filesUnder(path.join(ROOT, 'test', 'formats'), SKIP), ...filesUnder(path.join(ROOT, 'test', 'containers'), SKIP)];
    for (const f of all) await same([f]);
    await same(all);
  });

  it.skipIf(!HAS_CORPUS)('every corpus file, and the corpus as one bundle', async () => {
    for (const f of filesUnder(CORPUS, SKIP)) await same([f]);
    await same([CORPUS]);
  });

  it('streams a log in time order, sorts one that is not, keeps stdin whole', async () => {
    const line = (t: string, n: number) => `160521 ${t} [Warning] Aborted connection ${n} to db: 'wp' user: 'wp' host: 'localhost' (Got an error)`;
    const ordered = write('ordered.err', `${Array.from({ length: 9000 }, (_, i) => line(`1${Math.floor(i / 3600)}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`, i)).join('\n')}\n`);
    // the clock jumps back an hour after 5000 lines: more than the reorder buffer can put right
    const jumpy = write('jumpy.err', `${Array.from({ length: 9000 }, (_, i) => line(`1${i < 5000 ? 2 : 1}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`, i)).join('\n')}\n`);
    expect(await same([ordered, jumpy])).toEqual(['stream', 'sort']);
    const text = `${line('10:00:00', 1)}\n${line('09:00:00', 2)}\n`;
    const r = await lines({ tz: 'UTC', inputs: ['-', ordered] }, text);
    expect(r.modes).toEqual(['kept', 'stream']);
    expect(r.streamed).toHaveLength(2 + 9000);
    expect(r.streamed).toEqual(r.all);
  });
});
