// The `vmstat` format: tables (memory from the last row, KiB assumed without a command, `-S M`
// from the command, `-t` stamps) and `vmstat -s` listings; short rows are unrecognized.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vmstatShapes } from '../../src/formats/vmstat/vmstat.js';
import { expectConserved, parseBlock, parseFixture, snapshots, unrecognizedLines } from './snapshot-helpers.js';

const FIXTURES = readdirSync(new URL('./vmstat', import.meta.url)).filter((f) => f.endsWith('.log')).sort();

// each fixture's golden and line count: the one harness (fixtures.test.ts)
describe('vmstat fixtures', () => {
  it('parses every shape one way only', async () => {
    for (const f of FIXTURES) await parseFixture(`vmstat/${f}`);
    expect([...vmstatShapes.ambiguous]).toEqual([]);
  });
});

describe('vmstat', () => {
  it('reads a table whose id column reaches 100: memory from the last row, KiB assumed', async () => {
    const p = await parseFixture('vmstat/id-100-breaks-alignment.log');
    expect(p.stats.unrecognized).toBe(0);
    const [d] = snapshots(p, 'snapshot.vmstat');
    expect(d.memory).toEqual({ free_bytes: 3078700 * 1024, buffers_bytes: 2068 * 1024, cached_bytes: 407864 * 1024 });
    expect(d.unit_assumed).toBe('KiB');
    expect(d.raw?.id).toBe(100);
  });

  it('reads vmstat -s with its K unit and boot time', async () => {
    const p = await parseFixture('vmstat/vmstat-s.log');
    expect(p.stats.unrecognized).toBe(0);
    expect(p.events[0].src).toMatchObject({ line: 1, lines: 27 });
    const [d] = snapshots(p, 'snapshot.vmstat');
    expect(d.unit_assumed).toBeUndefined();
    expect(d.memory).toEqual({
      total_bytes: 498448 * 1024,
      used_bytes: 107056 * 1024,
      free_bytes: 15644 * 1024,
      buffers_bytes: 119332 * 1024,
      cached_bytes: 256416 * 1024,
      swap_total_bytes: 0,
      swap_free_bytes: 0,
    });
    expect(d.raw?.['boot time']).toBe(1687349632);
  });

  it('reads two pt-stalk tables as two events', async () => {
    const p = await parseFixture('vmstat/ptstalk-vmstat.log');
    expect(p.events.map((e) => [e.kind, e.src.line, e.src.lines])).toEqual([
      ['snapshot.vmstat', 1, 23],
      ['snapshot.vmstat', 24, 6],
    ]);
  });

  it('takes -S M from the command and places -t rows (UTC column) on their stamp', () => {
    const text = [
      'procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu----- -----timestamp-----',
      ' r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st                 UTC',
      ' 1  0      0  23487      1    399    0    0     5    25  714 1331 18 55 25  0  2 2026-11-24 04:26:43',
    ].join('\n');
    const p = parseBlock('vmstat', text, { 'shell.command': 'vmstat -t -S M 1 1' });
    const [e] = p.events;
    expect((e.data as { memory: { free_bytes: number } }).memory.free_bytes).toBe(23487 * 1048576);
    expect(e.time).toEqual({ ms: Date.UTC(2026, 10, 24, 4, 26, 43), source: 'stamped' });
  });

  it('turns short and long rows into unrecognized lines', async () => {
    const p = await parseFixture('vmstat/bad-short-rows.log');
    expectConserved(p);
    expect(unrecognizedLines(p)).toEqual([5, 6]);
  });
});
