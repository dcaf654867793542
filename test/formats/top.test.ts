// The `top` format: procps 3.2 and procps-ng frames, uptime forms, units, headerless tables,
// frames cut by a paste, junk rows; goldens per fixture, line conservation, one parse per shape.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { topShapes } from '../../src/formats/top/top.js';
import { formatById } from '../../src/formats/index.js';
import { SEED } from '../helpers.js';
import { expectConserved, parseBlock, parseFixture, snapshots, unrecognizedLines } from './snapshot-helpers.js';
import path from 'node:path';

const FIXTURES = readdirSync(new URL('./top', import.meta.url)).filter((f) => f.endsWith('.log')).sort();

// each fixture's golden and line count: the one harness (fixtures.test.ts)
describe('top fixtures', () => {
  it('parses every shape one way only', async () => {
    for (const f of FIXTURES) await parseFixture(`top/${f}`);
    expect([...topShapes.ambiguous]).toEqual([]);
  });
});

describe('top frames', () => {
  it('reads procps 3.2 memory with k suffixes into bytes, cached from the Swap line', async () => {
    const p = await parseFixture(path.join(SEED, 'shell-session.txt'));
    const [first] = snapshots(p, 'snapshot.top');
    expect(first.memory).toEqual({
      total_bytes: 1018508 * 1024,
      used_bytes: 949960 * 1024,
      free_bytes: 68548 * 1024,
      buffers_bytes: 2616 * 1024,
      cached_bytes: 17124 * 1024,
      swap_total_bytes: 0,
      swap_free_bytes: 0,
    });
    expect(first.uptime_seconds).toBe(113 * 86400 + 23 * 3600 + 49 * 60);
    expect(first.load).toEqual([0.03, 0.05, 0]);
    expect(first.tasks).toEqual({ total: 110, running: 1, sleeping: 109, stopped: 0, zombie: 0 });
    // 110 tasks, 64 rows on the screen: the table does not hold every process
    expect(first.rows).toHaveLength(64);
    expect(first.partial).toBe(true);
    expect(first.groups?.[0]).toEqual({ command: 'php-fpm', count: 2, rss_bytes: (33 + 11) * 1024 * 1024, max_rss_bytes: 33 * 1024 * 1024 });
    const fpm = first.rows?.find((r) => r.pid === 5563);
    expect(fpm).toEqual({ pid: 5563, user: 'nginx', command: 'php-fpm', rss_bytes: 33 * 1048576, vsz_bytes: 364 * 1048576 });
  });

  it('gives the frame a pending time-of-day stamp and no time', async () => {
    const p = await parseFixture('top/wsl-glued-idle.log');
    const [e] = p.events;
    expect(Number.isNaN(e.time.ms)).toBe(true);
    expect(e.pending).toEqual({ stamp: { hour: 21, minute: 50, second: 5 } });
    expect((e.data as { uptime_seconds: number }).uptime_seconds).toBe(20 * 3600 + 47 * 60);
  });

  it('reads procps-ng MiB lines with free/used in either order and avail Mem', async () => {
    const [d] = snapshots(await parseFixture('top/wsl-glued-idle.log'), 'snapshot.top');
    const mib = (x: number) => Math.round(x * 1048576);
    expect(d.memory).toEqual({
      total_bytes: mib(7637.7),
      free_bytes: mib(7254.1),
      used_bytes: mib(275.2),
      cached_bytes: mib(108.3),
      swap_total_bytes: mib(2048),
      swap_free_bytes: mib(2048),
      available_bytes: mib(7172.1),
    });
    expect(d.rows?.map((r) => r.command)).toEqual(['bash', 'init']);
  });

  it('reads the transitional `free.   123632 cached Mem` and a 3-digit %CPU', async () => {
    const [d] = snapshots(await parseFixture('top/procps-ng-3.3.9-cached-mem.log'), 'snapshot.top');
    expect(d.memory?.cached_bytes).toBe(123632 * 1024);
    expect(d.memory?.total_bytes).toBe(251820 * 1024);
    expect(d.rows?.[0]).toMatchObject({ pid: 2500, command: 'fpm', rss_bytes: 76680 * 1024 });
  });

  it('reads uptime forms: days and h:mm, minutes, h:mm alone, a day and minutes', () => {
    const up = (header: string) => (parseBlock('top', `${header}\n`).events[0].data as { uptime_seconds?: number }).uptime_seconds;
    expect(up('top - 11:20:21 up 8 days,  4:56,  5 users,  load average: 1.12, 1.90, 2.24')).toBe(8 * 86400 + 4 * 3600 + 56 * 60);
    expect(up('top - 05:02:02 up 27 min,  1 user,  load average: 3.92, 3.93, 3.32')).toBe(27 * 60);
    expect(up('top - 23:29:43 up  2:50,  0 users,  load average: 1.02, 1.11, 0.97')).toBe(2 * 3600 + 50 * 60);
    expect(up('top - 10:00:00 up 1 day, 3 min,  2 users,  load average: 0.00, 0.01, 0.05')).toBe(86400 + 3 * 60);
    expect(up('top - 10:00:00 up 9 min,  load average: 0,00, 0,01, 0,05')).toBe(9 * 60);
  });

  it('reads a headerless table with comma decimals and g suffixes', async () => {
    const p = await parseFixture('top/headerless-table-comma-decimals.log');
    const [d] = snapshots(p, 'snapshot.top');
    expect(p.events[0].pending).toBeUndefined();
    const wave = d.rows?.find((r) => r.pid === 13430);
    expect(wave?.vsz_bytes).toBe(Math.round(1124.6 * 1024 ** 3));
    expect(wave?.rss_bytes).toBe(172364 * 1024);
    expect(d.rows).toHaveLength(9);
  });

  it('keeps a frame cut by a paste (`...`) and a header-only frame, marked partial', async () => {
    const [cut] = snapshots(await parseFixture('top/seed-frame-cut-by-paste.log'), 'snapshot.top');
    expect(cut.partial).toBe(true);
    expect(cut.memory?.buffers_bytes).toBe(136052 * 1024);
    expect(cut.command).toBe('top');
    const [head] = snapshots(await parseFixture('top/header-only-days-uptime.log'), 'snapshot.top');
    expect(head.partial).toBe(true);
    expect(head.memory?.cached_bytes).toBe(18345652 * 1024);
  });

  it('turns junk and cut rows inside a frame into unrecognized lines, keeping the frame', async () => {
    const p = await parseFixture('top/bad-junk-rows.log');
    expectConserved(p);
    expect(unrecognizedLines(p)).toEqual([9, 10, 13]);
    const [d] = snapshots(p, 'snapshot.top');
    expect(d.rows?.map((r) => r.pid)).toEqual([2500, 3955, 7, 1]);
  });

  it('reads a meminfo tail, a heading and a top header in one file', async () => {
    const p = await parseFixture('top/old-procps-after-meminfo-tail.log');
    expect(p.events.map((e) => [e.kind, e.src.line, e.src.lines])).toEqual([
      ['snapshot.meminfo', 1, 3],
      ['snapshot.top', 4, 6],
    ]);
  });

  it('reads pt-stalk frames one event each', async () => {
    const p = await parseFixture('top/ptstalk-two-frames.log');
    const frames = snapshots(p, 'snapshot.top');
    expect(frames).toHaveLength(2);
    expect(frames[0].memory?.total_bytes).toBe(Math.round(24105.6 * 1048576));
    expect(frames[0].rows?.find((r) => r.command === 'mariadbd')?.vsz_bytes).toBe(Math.round(8193.3 * 1024 ** 3));
    expect(p.stats.unrecognized).toBe(0);
  });

  it('sniffs top frames and tables as top', () => {
    const f = formatById('top');
    expect(f?.sniff(['top - 23:42:33 up 113 days, 23:49,  1 user,  load average: 0.03, 0.05, 0.00'])).toBeGreaterThan(0.9);
    expect(f?.sniff(['             total       used       free     shared    buffers     cached', 'Mem:           994        927'])).toBe(0);
  });
});

describe('top in translation (procps-ng po/ words, src/formats/top/top-words.ts)', () => {
  const MiB = 1024 * 1024;
  it('reads es procps-ng 4: Tareas, búf/caché, MiB Intercambio with a cut `dispon`, USUARIO/ORDEN columns', async () => {
    const p = await parseFixture('top/es-procps-ng-4-tareas-intercambio.log');
    expectConserved(p);
    expect(p.stats.unrecognized).toBe(0);
    const [d] = snapshots(p, 'snapshot.top');
    expect(d.tasks).toEqual({ total: 407, running: 2, sleeping: 405, stopped: 0, zombie: 0 });
    expect(d.memory).toEqual({
      total_bytes: Math.round(31453.3 * MiB),
      free_bytes: Math.round(24494.4 * MiB),
      used_bytes: Math.round(4382.0 * MiB),
      cached_bytes: Math.round(3067.1 * MiB),
      swap_total_bytes: 2048 * MiB,
      swap_free_bytes: 2048 * MiB,
      available_bytes: Math.round(27071.2 * MiB),
    });
    expect(d.rows).toHaveLength(8);
    expect(d.rows?.[1]).toEqual({ pid: 1, user: 'root', command: 'systemd', rss_bytes: 14152 * 1024, vsz_bytes: 23436 * 1024 });
    expect(d.rss_known).toBe(true);
  });

  it('reads es `dispon Mem` whole and rows padded to the terminal width', async () => {
    const p = await parseFixture('top/es-procps-ng-4-interactive-padded-dispon-mem.log');
    expect(p.stats.unrecognized).toBe(0);
    const [d] = snapshots(p, 'snapshot.top');
    expect(d.memory).toMatchObject({ total_bytes: Math.round(3915.9 * MiB), swap_total_bytes: 0, available_bytes: Math.round(1570.6 * MiB) });
    expect(d.rows).toHaveLength(15);
    expect(d.rows?.[2]).toEqual({ pid: 5818, user: 'orimora', command: 'firefox', rss_bytes: 738100 * 1024, vsz_bytes: Math.round(12.5 * 1024 ** 3) });
  });

  it('reads es VIRT in g (`11,9g`) and names top cut with `+`', async () => {
    const p = await parseFixture('top/es-procps-ng-4-virt-in-g-truncated-names.log');
    expect(p.stats.unrecognized).toBe(0);
    const [d] = snapshots(p, 'snapshot.top');
    expect(d.rows?.find((r) => r.pid === 4094)).toEqual({ pid: 4094, user: 'dam', command: 'firefox+', rss_bytes: 674972 * 1024, vsz_bytes: Math.round(11.9 * 1024 ** 3) });
    expect(d.memory?.available_bytes).toBe(Math.round(25417.7 * MiB));
  });

  it('reads fr procps-ng 4: two-word task labels, libr/util/tamp/cache, `MiB Éch :`, `UTIL.` and `COM.` columns', async () => {
    const p = await parseFixture('top/fr-procps-ng-4-taches-ech-util-com.log');
    expectConserved(p);
    expect(p.stats.unrecognized).toBe(0);
    const [d] = snapshots(p, 'snapshot.top');
    expect(d.tasks).toEqual({ total: 212, running: 1, sleeping: 211, stopped: 0, zombie: 0 });
    expect(d.memory).toMatchObject({ total_bytes: Math.round(7726.4 * MiB), free_bytes: Math.round(4200.4 * MiB), used_bytes: Math.round(1749.9 * MiB), cached_bytes: Math.round(1776.1 * MiB), swap_total_bytes: 32768 * MiB, available_bytes: Math.round(5234.3 * MiB) });
    expect(d.rows).toHaveLength(17);
    expect(d.rows?.[1]).toEqual({ pid: 796, user: 'asterisk', command: 'asterisk', rss_bytes: 78520 * 1024, vsz_bytes: 3294256 * 1024 });
  });

  it('reads synthetic summaries built from the fr, sv and uk po format strings (two-word labels too)', () => {
    // SYNTHETIC: each line is a procps-ng po msgstr with numbers filled in, not posted output
    const text = [
      'top - 04:25:44 up 8 days, 50 min,  7 users,  load average: 0.03, 0.05, 0.00',
      'Tâches:  64 total,   2 en cours,  62 en veille,   0 arrêté,   0 zombie',
      'MiB Mem :   3915.9 total,    138.4 libr,   2345.3 util,   1332.1 tamp/cache',
      'MiB Éch :      0.0 total,      0.0 libr,      0.0 util.   1570.6 dispo Mem',
      '',
    ].join('\n');
    const p = parseBlock('top', text);
    expect(p.stats.unrecognized).toBe(0);
    const d = p.events[0].data as { tasks: unknown; memory: Record<string, number> };
    expect(d.tasks).toEqual({ total: 64, running: 2, sleeping: 62, stopped: 0, zombie: 0 });
    expect(d.memory).toEqual({
      total_bytes: Math.round(3915.9 * MiB),
      free_bytes: Math.round(138.4 * MiB),
      used_bytes: Math.round(2345.3 * MiB),
      cached_bytes: Math.round(1332.1 * MiB),
      swap_total_bytes: 0,
      swap_free_bytes: 0,
      available_bytes: Math.round(1570.6 * MiB),
    });
    const sv = parseBlock('top', 'Uppgifter:  64 totalt,   2 körande,  62 sovande,   0 stoppade,   0 zombie\nMiB Växl:   2048.0 totalt,   2048.0 fritt\n');
    expect(sv.stats.unrecognized).toBe(0);
    expect(sv.events[0].data).toMatchObject({ tasks: { total: 64, running: 2, sleeping: 62, stopped: 0, zombie: 0 }, memory: { swap_total_bytes: 2048 * MiB, swap_free_bytes: 2048 * MiB } });
    const uk = parseBlock('top', 'Завдання:  64 загалом,   2 працює,  62 приспано,   0 зупинено,   0 зомбі\n');
    expect(uk.events[0].data).toMatchObject({ tasks: { total: 64, running: 2, sleeping: 62, stopped: 0, zombie: 0 } });
  });
});
