// The `meminfo` format: one event per /proc/meminfo dump (a repeated key starts the next one),
// totals in bytes, raw key/values kept; pt-stalk's TS lines are left to the containers stage.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatById } from '../../src/formats/index.js';
import { meminfoShapes } from '../../src/formats/meminfo/meminfo.js';
import { expectConserved, parseFixture, snapshots, unrecognizedLines } from './snapshot-helpers.js';

const FIXTURES = readdirSync(new URL('./meminfo', import.meta.url)).filter((f) => f.endsWith('.log')).sort();

// each fixture's golden and line count: the one harness (fixtures.test.ts)
describe('meminfo fixtures', () => {
  it('parses every shape one way only', async () => {
    for (const f of FIXTURES) await parseFixture(`meminfo/${f}`);
    expect([...meminfoShapes.ambiguous]).toEqual([]);
  });
});

describe('meminfo dumps', () => {
  it('reads totals in bytes and keeps every key/value as printed', async () => {
    const p = await parseFixture('meminfo/pt-summary-free-b-then-meminfo.log');
    expect(p.stats.unrecognized).toBe(0);
    const [m] = snapshots(p, 'snapshot.meminfo');
    expect(m.memory).toEqual({
      total_bytes: 1034752 * 1024,
      free_bytes: 803204 * 1024,
      buffers_bytes: 50016 * 1024,
      cached_bytes: 125172 * 1024,
      swap_total_bytes: 2097144 * 1024,
      swap_free_bytes: 2097144 * 1024,
    });
    expect(m.raw?.HugePages_Total).toBe(0);
    expect(Object.keys(m.raw ?? {})).toHaveLength(30);
  });

  it('starts a dump at each MemTotal; TS lines stay unrecognized until a container takes them', async () => {
    const p = await parseFixture('meminfo/ptstalk-two-dumps-with-ts.log');
    expect(unrecognizedLines(p)).toEqual([1, 56, 111]);
    const dumps = snapshots(p, 'snapshot.meminfo');
    expect(dumps.map((d) => d.memory?.available_bytes)).toEqual([24187944 * 1024, 24188056 * 1024, 24186512 * 1024]);
    expect(dumps.map((d) => d.partial)).toEqual([undefined, undefined, undefined]);
    expect(p.events.filter((e) => e.kind === 'snapshot.meminfo').map((e) => e.src.lines)).toEqual([54, 54, 5]);
  });

  it('turns garbled lines into unrecognized ones', async () => {
    const p = await parseFixture('meminfo/bad-garbled-lines.log');
    expectConserved(p);
    expect(unrecognizedLines(p)).toEqual([4, 5]);
    expect(snapshots(p, 'snapshot.meminfo')[0].memory?.buffers_bytes).toBe(50016 * 1024);
  });

  it('sniffs meminfo and nothing else', () => {
    const f = formatById('meminfo');
    expect(f?.sniff(['MemTotal:        1018508 kB'])).toBeGreaterThan(0.9);
    expect(f?.sniff(['160521 11:06:36 InnoDB: Initializing buffer pool, size = 128.0M'])).toBe(0);
  });
});
