// The `smem` format: its process view read by the header's columns from both ends (commands with
// spaces), KiB numbers and -k sizes, the -t total into raw, -p percentages (no sizes, said so).
import { describe, expect, it } from 'vitest';
import { formatById } from '../../src/formats/index.js';
import { smemShapes } from '../../src/formats/smem/smem.js';
import { fixtures } from './fixtures.js';
import { parseBlock, parseFixture, snapshots, unrecognizedLines } from './snapshot-helpers.js';

const FIXTURES = fixtures('smem');
const KiB = 1024;
const MiB = 1024 ** 2;

// each fixture's golden and line count: the one harness (fixtures.test.ts)
describe('smem fixtures', () => {
  it('parses every shape one way only', async () => {
    for (const f of FIXTURES) await parseFixture(`smem/${f}`);
    expect([...smemShapes.ambiguous]).toEqual([]);
  });
});

describe('smem tables', () => {
  it('reads smem -tk: sizes with unit letters, the total line into raw, the command echo folded in', async () => {
    const p = await parseFixture('smem/apache-smemstat-readme-httpd-P-tk.log');
    expect(p.stats.unrecognized).toBe(0);
    expect(p.events[0].src).toMatchObject({ line: 1, lines: 13 });
    const [d] = snapshots(p, 'snapshot.ps');
    expect(d.command).toBe('smem -P ^/usr/sbin/httpd -tk');
    expect(d.rows).toHaveLength(9);
    expect(d.rows?.[8]).toEqual({ pid: 14618, user: 'root', command: '/usr/sbin/httpd', rss_bytes: Math.round(3.8 * MiB) });
    expect(d.groups).toEqual([{ command: 'httpd', count: 9, rss_bytes: 8 * Math.round(2.4 * MiB) + Math.round(3.8 * MiB), max_rss_bytes: Math.round(3.8 * MiB) }]);
    expect(d.raw).toEqual({ processes: 9, total_swap_bytes: 0, total_uss_bytes: Math.round(2.3 * MiB), total_pss_bytes: Math.round(3.5 * MiB), total_rss_bytes: Math.round(23.2 * MiB) });
    expect(d.rss_known).toBe(true);
  });

  it('keeps commands with spaces whole and leaves an unknown prompt unrecognized', async () => {
    const p = await parseFixture('smem/cocalc-docs-smem-tk-total.log');
    expect(unrecognizedLines(p)).toEqual([1]);
    const [d] = snapshots(p, 'snapshot.ps');
    expect(d.rows?.map((r) => r.command).slice(0, 3)).toEqual(['/cocalc/bin/dumb-init -- sh', 'sh -c env -i /cocalc/init/i', '/usr/sbin/sshd -D -p 2222 -']);
    expect(d.rows?.[0].rss_bytes).toBe(72 * KiB);
    expect(d.raw?.processes).toBe(8);
  });

  it('reads plain smem in KiB, with swap in use', async () => {
    const p = await parseFixture('smem/kuelker-smem-kib-swap-in-use.log');
    expect(p.stats.unrecognized).toBe(0);
    const [d] = snapshots(p, 'snapshot.ps');
    expect(d.command).toBe('smem');
    expect(d.rows?.[5]).toEqual({ pid: 600, user: 'prg3', command: '/usr/sbin/prg3 -x /etc/', rss_bytes: 2816 * KiB });
    expect(d.rows?.[0].command).toBe('/sbin/agetty -o -p -- \\u --');
  });

  it('keeps smem -p rows but says their sizes are not known', async () => {
    const p = await parseFixture('smem/smem-p-percentages.log');
    expect(p.stats.unrecognized).toBe(0);
    const [d] = snapshots(p, 'snapshot.ps');
    expect(d.rss_known).toBe(false);
    expect(d.rows?.map((r) => r.pid)).toEqual([1882, 1783, 1732035]);
  });

  it('reads a -c column set with the command last, and skips the per-user view', () => {
    // SYNTHETIC: smem's -c "pid user rss pss command" layout, numbers made up
    const p = parseBlock('smem', '  PID User          RSS      PSS Command\n 1234 www-data    30720    12288 php-fpm: pool www\n 1240 mysql      409600   400000 /usr/sbin/mysqld\n');
    expect(p.stats.unrecognized).toBe(0);
    const d = p.events[0].data as { rows: { pid: number; command: string; rss_bytes: number }[] };
    expect(d.rows).toEqual([
      { pid: 1234, user: 'www-data', command: 'php-fpm: pool www', rss_bytes: 30720 * KiB },
      { pid: 1240, user: 'mysql', command: '/usr/sbin/mysqld', rss_bytes: 409600 * KiB },
    ]);
    expect(formatById('smem')?.sniff(['User     Count     Swap      USS      PSS      RSS '])).toBe(0);
  });
});
