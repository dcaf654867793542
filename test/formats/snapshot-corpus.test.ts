// The snapshot formats over the shared corpus (skipped when it is absent): every top, free, ps,
// meminfo, vmstat and sar file read with at most 2% unrecognized lines, save three whose foreign
// lines are named here; memory totals checked by hand against the files; the pt-stalk bundle's
// snapshot files read whole. Also: no snapshot format claims any other corpus file.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/event.js';
import { FORMATS, sniffFormat } from '../../src/formats/index.js';
import { SNAPSHOT_MEMBERS } from '../../src/formats/snapshots.js';
import { Clock } from '../../src/time/clock.js';
import { CORPUS, HAS_CORPUS, SHARED, corpusFiles } from '../helpers.js';
import { expectConserved, parseFixture, snapshots, unrecognizedLines } from './snapshot-helpers.js';

const FILES = ['top', 'free', 'ps-meminfo-vmstat'].flatMap((d) => corpusFiles(d));
const BUNDLE = path.join(SHARED, 'bundles', 'lnmp-ptstalk-buffer-pool-failure');
const MiB = 1024 * 1024;

/** Files holding lines that are no snapshot at all, and exactly those lines. */
const FOREIGN: Record<string, number[]> = {
  // "Output from "free" command from Raspian Stretch": the issue author's prose between outputs
  'issue-allsky-portal-3-raspbian-wheezy-vs-stretch.log': [7],
  // a numfmt command line and its "4.0GB" output before the free -h it also ran
  'issue-linuxgsm-1971-free-h-single-letter-units.log': [1, 2],
};

describe.skipIf(!HAS_CORPUS)('snapshot corpus', () => {
  for (const file of FILES) {
    const name = path.basename(file);
    it(`${name}: at most 2% unrecognized, lines conserved`, async () => {
      const p = await parseFixture(file);
      expectConserved(p);
      if (FOREIGN[name]) expect(unrecognizedLines(p)).toEqual(FOREIGN[name]);
      else expect(p.stats.unrecognized / (p.stats.lines - p.stats.blank)).toBeLessThanOrEqual(0.02);
      expect(p.events.some((e) => e.kind.startsWith('snapshot.'))).toBe(true);
    });
  }

  const get = async (dir: string, name: string, kind: string) => snapshots(await parseFixture(path.join(CORPUS, dir, name)), kind);

  it('matches memory totals read by hand', async () => {
    const [openwrt] = await get('top', 'issue-openwrtinvasion-116-old-procps-header-after-meminfo.log', 'snapshot.top');
    expect(openwrt.memory).toMatchObject({ total_bytes: 124728 * 1024, used_bytes: 63416 * 1024, free_bytes: 61312 * 1024, cached_bytes: 13344 * 1024 });
    const [onion] = await get('top', 'issue-security-onion-1187-header-only-days-uptime.log', 'snapshot.top');
    expect(onion.memory).toMatchObject({ total_bytes: 32947776 * 1024, swap_free_bytes: 33421280 * 1024, cached_bytes: 18345652 * 1024 });
    expect(onion.uptime_seconds).toBe(8 * 86400 + 4 * 3600 + 56 * 60);
    const [lowend] = await get('free', 'blog-lowend-vps-free-m-7mb-free-openvz.log', 'snapshot.free');
    expect(lowend.memory).toMatchObject({ total_bytes: 1024 * MiB, free_bytes: 7 * MiB, available_bytes: 11 * MiB });
    const [rhel] = await get('free', 'notes-rhel-free-m-after-top-same-host.log', 'snapshot.free');
    expect(rhel.memory?.total_bytes).toBe(9671 * MiB);
    const [big] = await get('free', 'pt-summary-Linux-007-free-b-plus-meminfo.log', 'snapshot.free');
    expect(big.memory?.total_bytes).toBe(202770395136);
    const [vms] = await get('ps-meminfo-vmstat', 'issue-bitnami-vms-999-vmstat-s.log', 'snapshot.vmstat');
    expect(vms.memory?.free_bytes).toBe(15644 * 1024);
    const [ps] = await get('ps-meminfo-vmstat', 'blog-lowend-vps-ps-aux-sort-mem-php-fpm.log', 'snapshot.ps');
    expect(ps.groups?.find((g) => g.command === 'php-fpm')?.count).toBe(5);
  });

  it('reads the pt-stalk bundle\'s -top, -ps, -vmstat and -meminfo files', async () => {
    const read = (suffix: string) => parseFixture(path.join(BUNDLE, `2026_11_24_04_26_41-${suffix}`));
    const top = await read('top');
    expect(top.stats.unrecognized).toBe(0);
    expect(snapshots(top, 'snapshot.top')).toHaveLength(17);
    const ps = await read('ps');
    expect(ps.stats.unrecognized).toBe(0);
    expect(snapshots(ps, 'snapshot.ps')[0].rows).toHaveLength(84);
    for (const v of ['vmstat', 'vmstat-overall']) expect((await read(v)).stats.unrecognized).toBe(0);
    // The TS separators are the pt-stalk container's to take; every other line is a dump's.
    const mem = await read('meminfo');
    const text = readFileSync(path.join(BUNDLE, '2026_11_24_04_26_41-meminfo'), 'utf8').split('\n');
    expect(unrecognizedLines(mem).map((n) => text[n - 1].slice(0, 3))).toEqual(Array(25).fill('TS '));
    expect(snapshots(mem, 'snapshot.meminfo').map((d) => d.memory?.total_bytes)).toEqual(Array(25).fill(24684096 * 1024));
  });

  it('claims no file of the other corpus folders', () => {
    const mine = new Set(SNAPSHOT_MEMBERS.map((m) => m.id));
    const others = readdirSync(CORPUS).filter((d) => !['top', 'free', 'ps-meminfo-vmstat'].includes(d));
    for (const file of others.flatMap((d) => corpusFiles(d))) {
      const window = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).slice(0, 40);
      expect(mine.has(sniffFormat(window)?.id ?? ''), path.basename(file)).toBe(false);
    }
  });
});

describe('snapshot format samples', () => {
  for (const f of FORMATS.filter((x) => SNAPSHOT_MEMBERS.some((m) => m.id === x.id))) {
    it(`${f.id}: each sample line alone is read into a snapshot`, () => {
      for (const s of f.samples) {
        const events: Event[] = [];
        const p = f.create({ path: 's', clock: new Clock('UTC'), emit: (e) => events.push(e), seq: () => 0 });
        p.line({ text: s.line, no: 1, offset: 0 });
        p.end();
        expect(events.map((e) => e.kind), s.line).toEqual([s.kind]);
      }
    });
  }
});
