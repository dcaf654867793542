// The pt-stalk container: file-name prefixes and TS separators split a collection into stamped
// anchors and samples; collectors no snapshot format reads fold into `ptstalk.data`, so the real
// corpus files and the lab bundle are read with (almost) nothing unrecognized.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ptStalk, ptStalkName } from '../../src/containers/pt-stalk.js';
import { parseTs } from '../../src/formats/pt-stalk/pt-stalk.js';
import type { Line } from '../../src/read/lines.js';
import { HAS_CORPUS, SHARED, corpusFiles, expectConserved, run } from '../helpers.js';

const BUNDLE = path.join(SHARED, 'bundles', 'lnmp-ptstalk-buffer-pool-failure');
const HAS_BUNDLE = existsSync(BUNDLE);

function lines(texts: string[]): Line[] {
  return texts.map((text, i) => ({ text, no: i + 1, offset: i * 100 }));
}

describe('pt-stalk names and TS lines', () => {
  it('finds the prefix and collector anywhere in the base name', () => {
    expect(ptStalkName('/b/2026_11_24_04_26_41-vmstat-overall')).toEqual({ prefix: '2026_11_24_04_26_41', collector: 'vmstat-overall' });
    expect(ptStalkName('corpus/pt-secure-collect-testdata-2018_03_05_13_24_55-processlist.log')).toEqual({ prefix: '2018_03_05_13_24_55', collector: 'processlist' });
    expect(ptStalkName('2018_03_05_13_24_55-innodbstatus1.txt')?.collector).toBe('innodbstatus1');
    expect(ptStalkName('mysqld.err')).toBeNull();
  });

  it('reads the three TS forms, and the host offset from the local stamp', () => {
    expect(parseTs('TS 1520256297.002113337 2018-03-05 13:24:57')).toEqual({ epochMs: 1520256297002, offsetMinutes: 0 });
    expect(parseTs('TS 1281367519')).toEqual({ epochMs: 1281367519000 });
    expect(parseTs('TS 1327510177.628000 2012-01-25T10:49:37')).toEqual({ epochMs: 1327510177628, offsetMinutes: -360 });
    expect(parseTs('TS later')).toBeNull();
  });

  it('splits samples at TS lines and types them by collector', () => {
    const ls = lines(['TS 1795494403.008934525 2026-11-24 04:26:43', 'MemTotal:       24684096 kB', 'MemFree:        24053880 kB', 'TS 1795494404.010866871 2026-11-24 04:26:44', 'MemTotal:       24684096 kB']);
    const meminfo = ptStalk.split(ls, '2026_11_24_04_26_41-meminfo');
    expect(meminfo.map((b) => `${b.lines.length}:${b.format}:${b.fallback ?? ''}`)).toEqual(['1:pt-stalk:', '2:meminfo:pt-stalk', '1:pt-stalk:', '1:meminfo:pt-stalk']);
    expect(meminfo[1].meta).toEqual({ 'ptstalk.prefix': '2026_11_24_04_26_41', 'ptstalk.collector': 'meminfo' });
    expect(ptStalk.split(ls, '2026_11_24_04_26_41-procvmstat').map((b) => b.format)).toEqual(['pt-stalk', 'pt-stalk', 'pt-stalk', 'pt-stalk']);
    expect(ptStalk.split(ls, 'diskstats.txt').map((b) => b.format)).toEqual(['pt-stalk', undefined, 'pt-stalk', undefined]);
    expect(ptStalk.detect(['TS 1281367519', '104 0 cciss/c0d0 1 2 3'], 'diskstats.txt')).toBe(true);
    expect(ptStalk.detect(['Filesystem 1K-blocks'], 'df.txt')).toBe(false);
  });
});

describe('real pt-stalk files', () => {
  const files = [...corpusFiles('pt-stalk'), ...(HAS_BUNDLE ? [BUNDLE] : [])];

  it.skipIf(!HAS_CORPUS)('reads every corpus and bundle file with at most 2% of its lines unrecognized', async () => {
    const a = await run(files, { tz: 'UTC' });
    expectConserved(a);
    const ptFiles = a.inputs.filter((i) => ptStalkName(i.path) || i.path.includes('pt-diskstats'));
    expect(ptFiles.length).toBe(corpusFiles('pt-stalk').length + (HAS_BUNDLE ? 12 : 0));
    for (const i of ptFiles) {
      expect(i.error, i.path).toBeNull();
      expect(i.unrecognized / Math.max(1, i.lines - i.blank), i.path).toBeLessThanOrEqual(0.02);
    }
    expect(a.stats.unrecognized / (a.stats.lines - a.stats.blank)).toBeLessThanOrEqual(0.02);
  });

  it.skipIf(!HAS_BUNDLE)('dates the bundle from its TS lines and its prefix, not from the copies\' mtimes', async () => {
    const a = await run([BUNDLE], { tz: 'UTC' });
    const samples = a.events.filter((e) => e.kind === 'ptstalk.sample');
    expect(samples.length).toBe(75);
    expect(a.clock.iso(samples[0].time.ms)).toBe('2026-11-24T04:26:43.008Z');
    const ps = a.events.filter((e) => e.src.path.endsWith('-ps'));
    expect(ps.length).toBeGreaterThan(0);
    for (const e of ps) expect([a.clock.iso(e.time.ms), e.time.note]).toEqual(['2026-11-24T04:26:41.000Z', expect.stringMatching(/pt-stalk collection start/)]);
    const afterTs = a.events.filter((e) => e.src.path.endsWith('-meminfo') && e.kind !== 'ptstalk.sample');
    for (const e of afterTs) expect(e.time.note, `${e.kind} line ${e.src.line}`).toMatch(/^dated by the TS line at line \d+/);
  });
});
