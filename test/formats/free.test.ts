// The `free` format: old and new procps columns, units from the command (or assumed, and said),
// -h sizes, a translated header, a garbled row, a free -b calibrated by the meminfo next to it.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freeUnit, freeShapes } from '../../src/formats/free/free.js';
import { formatById } from '../../src/formats/index.js';
import { expectConserved, parseBlock, parseFixture, snapshots, unrecognizedLines } from './snapshot-helpers.js';

const FIXTURES = readdirSync(new URL('./free', import.meta.url)).filter((f) => f.endsWith('.log')).sort();
const MiB = 1024 * 1024;

// each fixture's golden and line count: the one harness (fixtures.test.ts)
describe('free fixtures', () => {
  it('parses every shape one way only', async () => {
    for (const f of FIXTURES) await parseFixture(`free/${f}`);
    expect([...freeShapes.ambiguous]).toEqual([]);
  });
});

describe('free outputs', () => {
  it('reads `free -m` (old procps) in MiB, available from the -/+ buffers/cache line', async () => {
    const p = await parseFixture('free/seed-free-m-old-procps.log');
    const [d] = snapshots(p, 'snapshot.free');
    expect(d.command).toBe('free -m');
    expect(d.unit_assumed).toBeUndefined();
    expect(d.memory).toEqual({
      total_bytes: 994 * MiB,
      used_bytes: 927 * MiB,
      free_bytes: 67 * MiB,
      buffers_bytes: 2 * MiB,
      cached_bytes: 19 * MiB,
      available_bytes: 89 * MiB,
      swap_total_bytes: 0,
      swap_free_bytes: 0,
    });
    expect(p.events[0].src).toMatchObject({ line: 1, lines: 5 });
  });

  it('takes the unit from a container\'s command', () => {
    const text = '             total       used       free     shared    buffers     cached\nMem:           994        927         67          0          2         19\n';
    const [e] = parseBlock('free', text, { 'shell.command': 'free -g' }).events;
    expect((e.data as { memory: { total_bytes: number } }).memory.total_bytes).toBe(994 * 1024 ** 3);
    expect(e.meta).toEqual({ 'shell.command': 'free -g' });
  });

  it('assumes KiB with no command, and says so', async () => {
    const [d] = snapshots(await parseFixture('free/free-m-no-command.log'), 'snapshot.free');
    expect(d.unit_assumed).toBe('KiB');
    expect(d.memory?.total_bytes).toBe(31966 * 1024);
  });

  it('reads -h sizes with single letters and bytes, with no unit assumed', async () => {
    const [d] = snapshots(await parseFixture('free/free-h-single-letters.log'), 'snapshot.free');
    expect(d.unit_assumed).toBeUndefined();
    expect(d.memory).toMatchObject({ total_bytes: 486 * MiB, free_bytes: Math.round(5.9 * MiB), swap_total_bytes: 0 });
    const [g] = snapshots(await parseFixture('free/free-h-after-numfmt.log'), 'snapshot.free');
    expect(g.memory).toMatchObject({ total_bytes: 15 * 1024 ** 3, cached_bytes: Math.round(3.8 * 1024 ** 3), swap_free_bytes: 30 * 1024 ** 3 });
  });

  it('reads a French header by position: tamp/cache and disponible', async () => {
    const p = await parseFixture('free/french-locale.log');
    expect(p.stats.unrecognized).toBe(0);
    const [d] = snapshots(p, 'snapshot.free');
    expect(d.memory).toMatchObject({ total_bytes: 2070188 * 1024, cached_bytes: 1655096 * 1024, available_bytes: 1812208 * 1024, swap_total_bytes: 0 });
  });

  it('reads both generations and leaves the prose line between them unrecognized', async () => {
    const p = await parseFixture('free/wheezy-vs-stretch-with-prose.log');
    expect(unrecognizedLines(p)).toEqual([7]);
    const [old, neu] = snapshots(p, 'snapshot.free');
    expect(old.memory).toMatchObject({ total_bytes: 434 * MiB, buffers_bytes: 79 * MiB, cached_bytes: 99 * MiB, available_bytes: 336 * MiB });
    expect(neu.memory).toMatchObject({ total_bytes: 370 * MiB, cached_bytes: 235 * MiB, available_bytes: 262 * MiB });
  });

  it('turns the seed\'s garbled `  ap:` row into an unrecognized line', async () => {
    const p = await parseFixture('free/bad-seed-garbled-swap-label.log');
    expectConserved(p);
    expect(unrecognizedLines(p)).toEqual([5]);
    const [d] = snapshots(p, 'snapshot.free');
    expect(d.memory?.swap_total_bytes).toBeUndefined();
    expect(d.memory?.available_bytes).toBe(870 * MiB);
  });

  it('reads a wide free -b by the meminfo total next to it', async () => {
    const p = await parseFixture('free/pt-summary-wide-free-b-plus-meminfo.log');
    expect(p.stats.unrecognized).toBe(0);
    const [d] = snapshots(p, 'snapshot.free');
    expect(d.unit_assumed).toMatch(/^B /);
    expect(d.memory).toMatchObject({ total_bytes: 3973066752, buffers_bytes: 2117632, cached_bytes: 415260672, available_bytes: 3272974336 });
    const [m] = snapshots(p, 'snapshot.meminfo');
    expect(m.memory?.total_bytes).toBe(3879948 * 1024);
  });

  it('reads units from flags: -b -k -m -g, long forms, --si, -h', () => {
    expect(freeUnit('free -m').bytes).toBe(MiB);
    expect(freeUnit('free -b -w').bytes).toBe(1);
    expect(freeUnit('free -mt').bytes).toBe(MiB);
    expect(freeUnit('free --giga --si')).toEqual({ bytes: 1e9, si: true });
    expect(freeUnit('free').bytes).toBe(1024);
    expect(freeUnit(undefined).assumed).toBe('KiB');
  });

  it('does not claim top frames or meminfo', () => {
    const f = formatById('free');
    expect(f?.sniff(['Mem:   1018508k total,   949960k used,    68548k free,     2616k buffers'])).toBe(0);
    expect(f?.sniff(['MemTotal:        1018508 kB'])).toBe(0);
    expect(f?.sniff(['              total        used        free      shared  buff/cache   available'])).toBeGreaterThan(0.8);
  });
});

describe('free in zh_CN', () => {
  it('reads the rows labelled with a full-width colon (`内存：`, `交换：`) under the translated header', async () => {
    const p = await parseFixture('free/zh-cn-free-m-fullwidth-colon.log');
    expectConserved(p);
    expect(unrecognizedLines(p)).toEqual([]);
    const [d] = snapshots(p, 'snapshot.free');
    expect([d.memory?.total_bytes, d.memory?.free_bytes, d.memory?.available_bytes, d.memory?.swap_total_bytes]).toEqual([15742 * MiB, 7133 * MiB, 13089 * MiB, 2047 * MiB]);
  });

  it('reads `free -h` sizes and assumes KiB for a bare `free`, saying so', async () => {
    const [h] = snapshots(await parseFixture('free/zh-cn-free-h-gi-no-swap.log'), 'snapshot.free');
    expect([h.memory?.swap_total_bytes, Math.round((h.memory?.available_bytes ?? 0) / MiB)]).toEqual([0, Math.round(5.4 * 1024)]);
    const bare = await parseFixture('free/zh-cn-free-kib-no-command.log');
    const [k] = snapshots(bare, 'snapshot.free');
    expect([k.memory?.total_bytes, k.memory?.swap_free_bytes, k.unit_assumed]).toEqual([3920116 * 1024, 479504 * 1024, 'KiB']);
  });
});


describe('free in es_ES and de_DE (procps-ng po: es `Inter:`, de `Speicher:`, older de `Auslager:`)', () => {
  const GiB = 1024 ** 3;
  it('reads es `free -h`: comma decimals, `Inter:` as the swap row, the translated header by position', async () => {
    const p = await parseFixture('free/es-free-h-inter-swap-comma.log');
    expectConserved(p);
    expect(p.stats.unrecognized).toBe(0);
    const [d] = snapshots(p, 'snapshot.free');
    expect(d.command).toBe('free -h');
    expect(d.memory).toEqual({
      total_bytes: Math.round(4.5 * GiB),
      used_bytes: Math.round(1.7 * GiB),
      free_bytes: Math.round(1.1 * GiB),
      cached_bytes: Math.round(1.7 * GiB),
      available_bytes: Math.round(2.8 * GiB),
      swap_total_bytes: 5 * GiB,
      swap_free_bytes: 5 * GiB,
    });
  });

  it('reads es `free -h` on a 960 MiB server after its prompt, `568Ki` shared', async () => {
    const p = await parseFixture('free/es-free-h-960mi-prompt.log');
    expect(p.stats.unrecognized).toBe(0);
    const [d] = snapshots(p, 'snapshot.free');
    expect(d.memory).toMatchObject({ total_bytes: 960 * MiB, used_bytes: 225 * MiB, available_bytes: 735 * MiB, swap_total_bytes: 974 * MiB });
  });

  it('reads es plain `free` in KiB (assumed, said) after a fish prompt it leaves unrecognized', async () => {
    const p = await parseFixture('free/es-free-kib-fish-prompt.log');
    expect(unrecognizedLines(p)).toEqual([1]);
    const [d] = snapshots(p, 'snapshot.free');
    expect(d.unit_assumed).toBe('KiB');
    expect(d.memory).toMatchObject({ total_bytes: 63555984 * 1024, free_bytes: 8691988 * 1024, available_bytes: 35248148 * 1024, swap_total_bytes: 16777212 * 1024, swap_free_bytes: 16737788 * 1024 });
  });

  it('reads de `free -h`: `Speicher:` and the older `Auslager:` swap label, `32Ki` swap used', async () => {
    const p = await parseFixture('free/de-free-h-speicher-auslager.log');
    expect(p.stats.unrecognized).toBe(0);
    const [d] = snapshots(p, 'snapshot.free');
    expect(d.memory).toEqual({
      total_bytes: 31 * GiB,
      used_bytes: 13 * GiB,
      free_bytes: Math.round(3.8 * GiB),
      cached_bytes: 15 * GiB,
      available_bytes: 18 * GiB,
      swap_total_bytes: 2 * GiB,
      swap_free_bytes: 2 * GiB,
    });
  });

  it('reads de `sudo free -h` with `Swap:`; sudo\'s German password prompt cuts the echo off (the transcript container reads it)', async () => {
    const p = await parseFixture('free/de-sudo-free-h-password-prompt.log');
    expectConserved(p);
    expect(unrecognizedLines(p)).toEqual([1, 2, 6]);
    const [d] = snapshots(p, 'snapshot.free');
    expect(d.unit_assumed).toBeUndefined();
    expect(d.memory).toMatchObject({ total_bytes: Math.round(3.7 * GiB), free_bytes: 560 * MiB, cached_bytes: Math.round(1.4 * GiB), swap_total_bytes: Math.round(1.9 * GiB) });
  });

  it('reads pt_BR `Mem.:` and a Galician three-word swap label by position', async () => {
    const pt = await parseFixture('free/pt-br-free-h-mem-dot-label.log');
    expect(pt.stats.unrecognized).toBe(0);
    expect(snapshots(pt, 'snapshot.free')[0].memory).toMatchObject({ total_bytes: Math.round(3.8 * GiB), used_bytes: 437 * MiB, available_bytes: Math.round(3.4 * GiB), swap_total_bytes: Math.round(1.7 * GiB) });
    const gl = await parseFixture('free/gl-free-h-espazo-de-intercambio.log');
    expect(gl.stats.unrecognized).toBe(0);
    expect(snapshots(gl, 'snapshot.free')[0].memory).toMatchObject({ total_bytes: 15 * GiB, available_bytes: 12 * GiB, swap_total_bytes: 2 * GiB, swap_free_bytes: 2 * GiB });
  });

  it('reads translated row labels under an English header (ru), and still not a garbled one', async () => {
    const p = await parseFixture('free/ru-rows-under-english-header.log');
    expect(unrecognizedLines(p)).toEqual([1]);
    expect(snapshots(p, 'snapshot.free')[0].memory).toEqual({
      total_bytes: 15 * GiB,
      used_bytes: Math.round(4.9 * GiB),
      free_bytes: 574 * MiB,
      cached_bytes: 9 * GiB,
      available_bytes: Math.round(9.6 * GiB),
      swap_total_bytes: 2 * GiB,
      swap_free_bytes: 2 * GiB,
    });
    const garbled = await parseFixture('free/bad-seed-garbled-swap-label.log');
    expect(unrecognizedLines(garbled)).toEqual([5]);
  });

  it('takes the po files\' translated headers for free headers', () => {
    const f = formatById('free');
    for (const h of [
      '              gesamt       benutzt     frei      gemns.  Puffer/Cache verfügbar',
      '               total       usado       libre  compartido   búf/caché   disponible',
      '               razem       użyte       wolne    dzielone   buf/cache    dostępne',
      '               загалом      використ.   вільна    спільна буфери/кеш   дост.',
    ])
      expect(f?.sniff([h]), h).toBeGreaterThan(0.4);
  });
});
