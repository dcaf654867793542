// The `ps-mem` format (ps_mem / ps_mem.py): RAM used per program split over its processes, the
// total under the rule, the tab-separated and the space-separated layouts, the old `TOTALS` row.
import { describe, expect, it } from 'vitest';
import { programOf, psMemShapes } from '../../src/formats/ps-mem/ps-mem.js';
import { formatById } from '../../src/formats/index.js';
import { fixtures } from './fixtures.js';
import { expectConserved, parseBlock, parseFixture, snapshots, unrecognizedLines } from './snapshot-helpers.js';

const FIXTURES = fixtures('ps-mem');
const KiB = 1024;
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

// each fixture's golden and line count: the one harness (fixtures.test.ts)
describe('ps-mem fixtures', () => {
  it('parses every shape one way only', async () => {
    for (const f of FIXTURES) await parseFixture(`ps-mem/${f}`);
    expect([...psMemShapes.ambiguous]).toEqual([]);
  });
});

describe('ps_mem tables', () => {
  it('reads an LNMP VPS: php5-fpm (3) as three processes sharing 4.1 MiB, mysqld 7.2 MiB, the 16.0 MiB total', async () => {
    const p = await parseFixture('ps-mem/halbox-readme-ps-mem-lnmp-vps.log');
    expect(p.stats.unrecognized).toBe(0);
    expect(p.events[0].src).toMatchObject({ line: 1, lines: 17 });
    const [d] = snapshots(p, 'snapshot.ps');
    expect(d.command).toBe('ps_mem');
    expect(d.rss_known).toBe(true);
    expect(d.raw).toEqual({ total_ram_used_bytes: 16 * MiB });
    expect(d.rows).toHaveLength(9 + 3 + 3 + 1);
    const fpm = Math.round(4.1 * MiB);
    expect(d.rows?.filter((r) => r.command === 'php5-fpm').map((r) => r.rss_bytes)).toEqual([fpm - 2 * Math.floor(fpm / 3), Math.floor(fpm / 3), Math.floor(fpm / 3)]);
    expect(d.groups?.find((g) => g.command === 'php5-fpm')).toMatchObject({ count: 3, rss_bytes: fpm });
    expect(d.groups?.[0]).toEqual({ command: 'mysqld', count: 1, rss_bytes: Math.round(7.2 * MiB), max_rss_bytes: Math.round(7.2 * MiB) });
    expect(d.rows?.[0]).toEqual({ command: 'sleep', rss_bytes: Math.round(140.5 * KiB) });
  });

  it('reads the tab-separated layout with GiB sizes, then the free -h after it', async () => {
    const p = await parseFixture('ps-mem/issue-80-tabs-php-fpm-mysqld-then-free-h.log');
    expect(p.stats.unrecognized).toBe(0);
    const [d] = snapshots(p, 'snapshot.ps');
    expect(d.groups?.slice(0, 3).map((g) => [g.command, g.count, g.rss_bytes])).toEqual([
      ['apache2', 5, Math.round(5.1 * GiB)],
      ['mysqld', 1, Math.round(1.6 * GiB)],
      ['php-fpm', 5, Math.round(162.2 * MiB)],
    ]);
    expect(d.raw).toEqual({ total_ram_used_bytes: Math.round(6.9 * GiB) });
    expect(snapshots(p, 'snapshot.free')[0].memory?.total_bytes).toBe(11 * GiB);
  });

  it('reads the old script\'s second header and TOTALS row as the total, not a program', async () => {
    const p = await parseFixture('ps-mem/old-script-totals-row.log');
    expect(p.stats.unrecognized).toBe(0);
    const [d] = snapshots(p, 'snapshot.ps');
    expect(d.raw).toEqual({ total_ram_used_bytes: Math.round(38.2 * MiB) });
    expect(d.rows?.some((r) => r.command === 'TOTALS')).toBe(false);
    expect(d.groups?.find((g) => g.command === 'bash')).toMatchObject({ count: 3, rss_bytes: Math.round(10.3 * MiB) });
  });

  it('reads `-S`: the swap column and the swap total beside the RAM total, one table per run', async () => {
    const p = await parseFixture('ps-mem/swap-column-S-p-two-runs.log');
    expect(p.stats.unrecognized).toBe(0);
    const [a, b] = snapshots(p, 'snapshot.ps');
    expect([a.command, a.rows, a.raw]).toEqual(['ps_mem -S -p 56986', [{ command: 'wishlistlite', rss_bytes: Math.round(3.6 * MiB) }], { total_ram_used_bytes: Math.round(3.6 * MiB) }]);
    expect(b.raw).toEqual({ total_ram_used_bytes: Math.round(3.4 * MiB) });
  });

  it('reads a note of runs: mysqld (2) at 4.8 GiB, -s arguments, -w repeats as one table each, prose left unrecognized', async () => {
    const p = await parseFixture('ps-mem/zh-cn-note-mysqld-split-args-watch.log');
    expectConserved(p);
    expect(unrecognizedLines(p)).toEqual([1, 2, 4, 43, 44, 83, 84, 94, 95, 115, 116, 117]);
    const tables = snapshots(p, 'snapshot.ps');
    expect(tables).toHaveLength(6);
    expect(tables[0].groups?.find((g) => g.command === 'mysqld')).toMatchObject({ count: 2, rss_bytes: Math.round(4.8 * GiB) });
    expect(tables[0].raw).toEqual({ total_ram_used_bytes: Math.round(6.7 * GiB) });
    expect(tables[2].rows?.map((r) => r.command)).toEqual(['/sbin/rsyslogd -i /var/run/syslogd.pid -c 5', '/usr/bin/docker -d']);
    expect(tables.slice(3).map((t) => t.raw)).toEqual([1, 2, 3].map(() => ({ total_ram_used_bytes: Math.round(13.8 * MiB) })));
  });

  it('reads a program\'s count and a -d pid, and clamps a hostile count', () => {
    expect(programOf('php-fpm (5)')).toEqual({ name: 'php-fpm', count: 5 });
    expect(programOf('sshd [1234]')).toEqual({ name: 'sshd', count: 1, pid: 1234 });
    expect(programOf('Xtigervnc-sessi')).toEqual({ name: 'Xtigervnc-sessi', count: 1 });
    expect(programOf('x (999999999)').count).toBe(100_000);
  });

  it('bounds the rows a hostile table expands to, keeping each program\'s figure', () => {
    // SYNTHETIC: 5 programs claiming 100 000 processes each
    const rows = Array.from({ length: 5 }, (_, i) => `  1.0 MiB +   1.0 MiB =   2.0 MiB\tp${i} (100000)`);
    const p = parseBlock('ps-mem', [' Private  +   Shared  =  RAM used\tProgram', '', ...rows, ''].join('\n'));
    const d = p.events[0].data as { rows: unknown[]; groups: { rss_bytes: number }[] };
    expect(d.rows.length).toBe(200_003);
    expect(d.groups.map((g) => g.rss_bytes)).toEqual([1, 2, 3, 4, 5].map(() => 2 * MiB));
    expect(p.events[0].message).toMatch(/3 programs left unsplit/);
  });

  it('sniffs its header and rows, and not a ps or top table', () => {
    const f = formatById('ps-mem');
    expect(f?.sniff([' Private  +   Shared  =  RAM used\tProgram'])).toBeGreaterThan(0.9);
    expect(f?.sniff(['784.0 KiB +   3.3 MiB =   4.1 MiB       php5-fpm (3)'])).toBeGreaterThan(0.5);
    expect(f?.sniff(['USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND'])).toBe(0);
  });
});
