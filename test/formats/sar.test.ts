// The `sar -r` format: one event per row, dated by the banner (DD/MM/YY vs MM/DD/YY chosen by
// validity, then by the saDD file, else MM/DD, always said in the time's note).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bannerDay, sarShapes } from '../../src/formats/sar/sar.js';
import { expectConserved, parseBlock, parseFixture, snapshots, unrecognizedLines } from './snapshot-helpers.js';

const FIXTURES = readdirSync(new URL('./sar', import.meta.url)).filter((f) => f.endsWith('.log')).sort();

// each fixture's golden and line count: the one harness (fixtures.test.ts)
describe('sar fixtures', () => {
  it('parses every shape one way only', async () => {
    for (const f of FIXTURES) await parseFixture(`sar/${f}`);
    expect([...sarShapes.ambiguous]).toEqual([]);
  });
});

describe('sar -r', () => {
  it('reads each row as a snapshot on the banner date, read as DD/MM/YY from the sa10 file', async () => {
    const p = await parseFixture('sar/sar-r-ddmmyy.log');
    expect(p.stats.unrecognized).toBe(0);
    expect(p.events.map((e) => e.time.ms)).toEqual([10, 20, 30].map((m) => Date.UTC(2022, 7, 10, 0, m, 1)));
    expect(p.events[0].time.note).toMatch(/DD\/MM\/YY: the file sa10 names the day/);
    expect(p.events[0].src).toMatchObject({ line: 1, lines: 4 });
    const [d] = snapshots(p, 'snapshot.sar');
    expect(d.memory).toEqual({
      free_bytes: 2751536 * 1024,
      available_bytes: 20160848 * 1024,
      used_bytes: 11453448 * 1024,
      buffers_bytes: 1807816 * 1024,
      cached_bytes: 13886772 * 1024,
    });
  });

  it('picks the date order by validity, and says when both would do', () => {
    expect(bannerDay('10/28/22', undefined)).toMatchObject({ month: 10, day: 28, note: expect.stringContaining('only MM/DD/YY') });
    expect(bannerDay('28/10/22', undefined)).toMatchObject({ month: 10, day: 28, note: expect.stringContaining('only DD/MM/YY') });
    expect(bannerDay('10/08/22', undefined)).toMatchObject({ month: 10, day: 8, note: expect.stringContaining('DD/MM/YY would also be a date') });
    expect(bannerDay('2022-08-10', undefined)).toMatchObject({ year: 2022, month: 8, day: 10 });
    expect(bannerDay('31/31/22', undefined)).toBeNull();
  });

  it('rolls past midnight, reads AM/PM, folds Average into the last row, and leaves rows without a banner pending', () => {
    const text = [
      '11:50:01 PM kbmemfree kbmemused  %memused kbbuffers  kbcached',
      '11:50:01 PM    100000    900000     90.00      1000     20000',
      '12:00:01 AM    110000    890000     89.00      1000     20000',
      'Average:       105000    895000     89.50      1000     20000',
    ].join('\n');
    const p = parseBlock('sar', text);
    expect(p.events.map((e) => [e.src.lines, e.pending?.stamp])).toEqual([
      [2, { hour: 23, minute: 50, second: 1 }],
      [2, { hour: 0, minute: 0, second: 1 }],
    ]);
    const dated = parseBlock('sar', `Linux 3.10.0 (db1) \t2022-08-10 \t_x86_64_\t(2 CPU)\n\n${text}`);
    expect(dated.events.map((e) => e.time.ms)).toEqual([Date.UTC(2022, 7, 10, 23, 50, 1), Date.UTC(2022, 7, 11, 0, 0, 1)]);
  });

  it('turns a short row into an unrecognized line', async () => {
    const p = await parseFixture('sar/bad-short-row.log');
    expectConserved(p);
    expect(unrecognizedLines(p)).toEqual([6]);
  });
});
