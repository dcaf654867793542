// Property tests (fast-check): real samples of every registered format (its `samples`, its fixture
// folder test/formats/<id>/, the shared corpus) mutated at random (truncated, spliced, lines
// duplicated or cut, bytes inserted, padding changed) never make the analysis throw, and every
// line is conserved, and every report renders; so do the sample bundles packed as (cut) archives;
// arbitrary bytes and token soup never throw either.
// Deterministic by default (a fixed seed, half the base runs on a small machine); FC_SEED=<n> and
// FC_RUNS=<scale> explore further (CI's long run, OOMTRAIL_LONG_TESTS=1: 4×).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { FORMATS } from '../../src/formats/index.js';
import { REPORTERS, buildReport } from '../../src/report/index.js';
import { ndjsonText } from '../../src/report/ndjson.js';
import { CORPUS, HAS_CORPUS, LONG_TESTS, ROOT, expectConserved } from '../helpers.js';

const SEED = Number(process.env.FC_SEED ?? 20160521);
const SCALE = Number(process.env.FC_RUNS ?? (LONG_TESTS ? 4 : 0.5));
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
/** Seeds larger than this are cut (at a line end): mutations matter, not bulk. */
const MAX_SEED_BYTES = 12 * 1024;

function cap(b: Buffer): Buffer {
  if (b.length <= MAX_SEED_BYTES) return b;
  const nl = b.lastIndexOf(10, MAX_SEED_BYTES);
  return b.subarray(0, nl > 0 ? nl + 1 : MAX_SEED_BYTES);
}

/** Inputs in a fixture folder: not goldens, not notes. */
function fixtureFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile() && !/\.(md|ndjson|json|snap)$/.test(f))
    .sort();
}

function corpusSeeds(): Buffer[] {
  if (!HAS_CORPUS) return [];
  return readdirSync(CORPUS)
    .flatMap((d) => fixtureFiles(path.join(CORPUS, d)))
    .map((f) => cap(readFileSync(f)));
}

const perFormat = FORMATS.map((f) => ({
  id: f.id,
  seeds: [Buffer.from(`${f.samples.join('\n')}\n`), ...fixtureFiles(path.join(ROOT, 'test', 'formats', f.id)).map((p) => cap(readFileSync(p)))],
}));
const corpus = corpusSeeds();

function lines(b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let nl = b.indexOf(10); nl >= 0; nl = b.indexOf(10, start)) {
    out.push(b.subarray(start, nl));
    start = nl + 1;
  }
  out.push(b.subarray(start)); // '' when the input ends with a newline
  return out;
}

const join = (ls: Buffer[]) => Buffer.concat(ls.flatMap((l, i) => (i === 0 ? [l] : [Buffer.from('\n'), l])));

/** Line-level and byte-level damage of the kinds real bundles show. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('splice' as const), from: fc.nat(), count: fc.integer({ min: 1, max: 12 }), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), from: fc.nat(), count: fc.integer({ min: 1, max: 6 }), times: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('delete' as const), from: fc.nat(), count: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ op: fc.constant('swap' as const), i: fc.nat(), j: fc.nat() }),
  fc.record({ op: fc.constant('cut-line' as const), line: fc.nat(), at: fc.nat() }),
  fc.record({ op: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 48 }) }),
  fc.record({ op: fc.constant('text' as const), at: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 24 }) }),
  fc.record({ op: fc.constant('space' as const), line: fc.nat(), style: fc.constantFrom('squeeze', 'widen', 'tab', 'lead', 'trail', 'crlf', 'pad-hour', 'unpad-hour', 'blank') }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function reshape(l: string, style: string): string {
  switch (style) {
    case 'squeeze':
      return l.replace(/ {2,}/g, ' ');
    case 'widen':
      return l.replace(/ /g, '  ');
    case 'tab':
      return l.replace(/ /, '\t');
    case 'lead':
      return `   ${l}`;
    case 'trail':
      return `${l}  \t`;
    case 'crlf':
      return `${l}\r`;
    case 'pad-hour':
      return l.replace(/ (\d):/, '0$1:');
    case 'unpad-hour':
      return l.replace(/ 0(\d):/, '  $1:');
    default:
      return '';
  }
}

function apply(b: Buffer, m: Mutation, other: Buffer): Buffer {
  const ls = lines(b);
  const pick = (n: number, len = ls.length) => (len === 0 ? 0 : n % len);
  switch (m.op) {
    case 'truncate':
      return b.subarray(0, pick(m.at, b.length + 1));
    case 'splice': {
      const os = lines(other);
      const from = pick(m.from, os.length);
      ls.splice(pick(m.at, ls.length + 1), 0, ...os.slice(from, from + m.count));
      return join(ls);
    }
    case 'duplicate': {
      const from = pick(m.from);
      const part = ls.slice(from, from + m.count);
      ls.splice(from, 0, ...Array.from({ length: m.times }, () => part).flat());
      return join(ls);
    }
    case 'delete':
      ls.splice(pick(m.from), m.count);
      return join(ls);
    case 'swap': {
      const i = pick(m.i);
      const j = pick(m.j);
      [ls[i], ls[j]] = [ls[j], ls[i]];
      return join(ls);
    }
    case 'cut-line': {
      // Two writers interleaved: a line cut mid-way, the next line glued to its first half.
      const i = pick(m.line);
      const l = ls[i];
      const at = pick(m.at, l.length + 1);
      ls.splice(i, 1, Buffer.concat([l.subarray(0, at), ls[i + 1] ?? Buffer.alloc(0)]), l.subarray(at));
      if (i + 2 < ls.length) ls.splice(i + 2, 1);
      return join(ls);
    }
    case 'bytes': {
      const at = pick(m.at, b.length + 1);
      return Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
    }
    case 'text': {
      const at = pick(m.at, b.length + 1);
      return Buffer.concat([b.subarray(0, at), Buffer.from(m.text), b.subarray(at)]);
    }
    case 'space': {
      const i = pick(m.line);
      ls[i] = Buffer.from(reshape(ls[i].toString('latin1'), m.style), 'latin1');
      return join(ls);
    }
  }
}

/** Lines the driver must count: one per newline, plus a last line without one. */
function lineCount(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++;
  return b.length > 0 && b[b.length - 1] !== 10 ? n + 1 : n;
}

/** The whole pipeline, reports included, on one input: no throw, no internal error, no lost line. */
async function check(buf: Buffer, as?: string, whole = true): Promise<void> {
  const a = await analyze({ inputs: ['-'], stdin: Readable.from([buf]), tz: 'America/New_York', as });
  for (const i of a.inputs) expect(i.error ?? '', i.stack).not.toMatch(/^internal error/);
  expectConserved(a);
  if (whole && !a.inputs[0].error) expect(a.stats.lines).toBe(lineCount(buf));
  const report = buildReport(a, { bundle: '-', verbose: true });
  for (const r of Object.values(REPORTERS)) r([report], { verbose: true });
  for await (const text of ndjsonText(a)) expect(text.endsWith('\n')).toBe(true);
}

const params = (numRuns: number) => ({ numRuns: runs(numRuns), seed: SEED });

describe('mutated real samples never throw and conserve lines', () => {
  // About 1500 cases over the formats, however many there are.
  const each = Math.max(60, Math.round(1500 / Math.max(1, perFormat.length)));
  it.each(perFormat)('$id: its samples and fixtures, mutated', async ({ id, seeds }) => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...seeds), fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 5 }), fc.boolean(), async (seed, other, muts, forced) => {
        const buf = muts.reduce((b, m) => apply(b, m, other), seed);
        await check(buf, forced ? id : undefined);
      }),
      params(each),
    );
  });

  it.skipIf(corpus.length === 0)('the shared corpus, mutated, each file also forced through every format', async () => {
    const ids = FORMATS.map((f) => f.id);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...corpus), fc.constantFrom(...corpus), fc.array(mutation, { maxLength: 4 }), fc.option(fc.constantFrom(...ids)), async (seed, other, muts, as) => {
        await check(
          muts.reduce((b, m) => apply(b, m, other), seed),
          as ?? undefined,
        );
      }),
      params(800),
    );
  });
});

/** A tar of entries, built in memory with tar-stream. */
async function tarOf(entries: { name: string; body: Buffer }[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((r) => pack.on('end', () => r()));
  for (const e of entries) pack.entry({ name: e.name }, e.body);
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

const bundles = readdirSync(path.join(ROOT, 'samples'))
  .map((d) => path.join(ROOT, 'samples', d))
  .filter((d) => statSync(d).isDirectory())
  .map((d) => fixtureFiles(d).map((f) => ({ name: `${path.basename(d)}/${path.basename(f)}`, body: cap(readFileSync(f)) })));

describe('mutated sample bundles, packed as archives (names kept, so containers claim by name)', () => {
  it.skipIf(bundles.length === 0)('never throw and conserve each entry, even gzipped and cut short', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...bundles), fc.nat(), fc.array(mutation, { maxLength: 4 }), fc.boolean(), fc.option(fc.nat()), async (files, which, muts, gz, cut) => {
        const i = which % files.length;
        const entries = files.map((f, j) => (j === i ? { ...f, body: muts.reduce((b, m) => apply(b, m, files[(j + 1) % files.length].body), f.body) } : f));
        let bytes = await tarOf(entries);
        if (gz) bytes = gzipSync(bytes);
        if (cut !== null) bytes = bytes.subarray(0, cut % (bytes.length + 1));
        await check(bytes, undefined, false);
      }),
      params(150),
    );
  });
});

describe('any input at all never throws', () => {
  it('arbitrary bytes', async () => {
    const ids = FORMATS.map((f) => f.id);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.option(fc.constantFrom(...ids)), async (bytes, as) => {
        await check(Buffer.from(bytes), as ?? undefined);
      }),
      params(400),
    );
  });

  it('token soup: the words of every format, in random order and spacing', async () => {
    const vocab = [...new Set(perFormat.flatMap((f) => f.seeds.flatMap((s) => s.toString('utf8').split(/[ \t\n]+/))))].filter(Boolean);
    const line = fc.array(fc.tuple(fc.constantFrom(...vocab), fc.constantFrom(' ', '  ', '\t', '', ' : ', '=')), { maxLength: 12 }).map((ws) => ws.map(([w, s]) => w + s).join(''));
    const ids = FORMATS.map((f) => f.id);
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 40 }), fc.option(fc.constantFrom(...ids)), async (ls, as) => {
        await check(Buffer.from(ls.join('\n')), as ?? undefined);
      }),
      params(400),
    );
  });
});
