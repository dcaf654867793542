// The chart's data, without a browser: long series bounded with their extremes kept, 20,000
// failures folded into a bounded set of marks that still count them all, absurd sizes and far-off
// dates handled in bounded work, zone offsets from luxon, and the page's tick helpers bounded by pixels.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { offsetTable, timeAxis } from '../../src/report/axis.js';
import { TICKS_SCRIPT } from '../../src/report/chart-ticks.js';
import { chartFigure } from '../../src/report/chart.js';
import { BUCKETS, downsample } from '../../src/report/downsample.js';
import { html } from '../../src/report/html.js';
import { MAX_MARKS, memoryChart } from '../../src/report/memory-chart.js';
import { type MemoryPoint, type Report, buildReport } from '../../src/report/model.js';
import { Clock } from '../../src/time/clock.js';
import { ROOT, mulberry32 } from '../helpers.js';
import { fixtureAnalysis } from './fixture.js';

const MIB = 1024 * 1024;
const base = buildReport(fixtureAnalysis(), { bundle: 'bundle' });

/** The fixture report with 150k snapshots over 9 months and 20,000 failures. */
function huge(): Report {
  const rnd = mulberry32(7);
  const start = Date.UTC(2025, 0, 1);
  const step = (273 * 86_400_000) / 150_000;
  const memory: MemoryPoint[] = Array.from({ length: 150_000 }, (_, i) => {
    const used = (400 + rnd() * 300) * MIB;
    return { ms: start + i * step, wall: `w${i}`, kind: 'snapshot.free', path: 'watch.log', line: i * 4 + 1, total: 994 * MIB, used, available: 994 * MIB - used, php_fpm: i % 10 === 0 ? 300 * MIB : null, mysqld: null, other: null };
  });
  memory[77_777].used = 990 * MIB; // one spike and one dip that must survive
  memory[12_345].available = 3 * MIB;
  const failures = Array.from({ length: 20_000 }, (_, i) => ({ ms: start + i * 1_000_000, wall: `f${i}`, label: `${i + 1}. mysql.mmap_failed`, path: 'mysqld.err', line: i + 1, count: 1, last_ms: start + i * 1_000_000, last_wall: `f${i}` }));
  const clock = new Clock('Europe/Berlin');
  return { ...base, memory, marks: { failures, incidents: [] }, axis: timeAxis(clock, [start, memory[memory.length - 1].ms]) };
}

describe('chart data', () => {
  it('keeps every row of a short series, and a bounded set with the extremes of a long one', () => {
    expect(downsample([1, 2, 3], [[5, null, 7]]).keep).toEqual([0, 1, 2]);
    const r = huge();
    const ms = r.memory.map((p) => p.ms);
    const { keep } = downsample(ms, [r.memory.map((p) => p.used), r.memory.map((p) => p.available)]);
    expect(keep.length).toBeLessThanOrEqual(BUCKETS * 4 + 2);
    expect(keep).toContain(77_777);
    expect(keep).toContain(12_345);
    expect(keep[0]).toBe(0);
    expect(keep[keep.length - 1]).toBe(149_999);
  });

  it('finds a silence in a regular series, to draw as a gap', () => {
    const ms = Array.from({ length: 100 }, (_, i) => i * 60_000 + (i >= 50 ? 86_400_000 : 0));
    expect(downsample(ms, [ms.map(() => 1)]).gaps).toEqual([[49 * 60_000, 50 * 60_000 + 86_400_000]]);
  });

  it('sends a 9-month, 150k-snapshot, 20,000-failure chart in a bounded size, every failure counted', () => {
    const r = huge();
    const spec = memoryChart(r, 'b1', 5000);
    expect(spec).not.toBeNull();
    if (!spec) return;
    expect(spec.marks.length).toBeLessThanOrEqual(MAX_MARKS);
    expect(spec.marks.reduce((n, m) => n + m.count, 0)).toBe(20_000);
    const fig = chartFigure(spec, 'chart-1');
    expect(fig.length).toBeLessThan(400_000);
    const doc = html([r]);
    expect(doc.length).toBeLessThan(1_500_000);
  });

  it('draws an episode (a crash loop of 600 failed starts) as one mark spanning its members, linked to its row', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 600; i++) {
      const t = `160521 ${String(10 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`;
      lines.push(`${t} mysqld_safe mysqld restarted`, `${t} InnoDB: Initializing buffer pool, size = 128.0M`, 'InnoDB: mmap(137363456 bytes) failed; errno 12', `${t} [ERROR] Aborting`);
    }
    const { Readable } = await import('node:stream');
    const { analyze } = await import('../../src/analyze.js');
    const a = await analyze({ inputs: ['-'], stdin: Readable.from([Buffer.from(lines.join('\n'))]), tz: 'UTC', date: { year: 2016, month: 5, day: 21 } });
    expect(a.failures.length).toBe(600);
    expect(a.episodes.map((e) => e.count)).toEqual([600]);
    const r = buildReport(a, { bundle: 'loop' });
    expect(r.marks.failures).toHaveLength(1);
    const [m] = r.marks.failures;
    expect([m.count, m.wall, m.last_wall]).toEqual([600, '2016-05-21 10:00:00', '2016-05-21 19:59:00']);
    const spec = memoryChart(r, 'b1', r.timeline.length);
    expect(spec?.marks).toHaveLength(1);
    expect(spec?.marks[0]).toMatchObject({ count: 600, ms: m.ms, last: m.last_ms });
    expect(spec?.marks[0].label).toMatch(/×600, one episode, 2016-05-21 10:00:00 to 2016-05-21 19:59:00$/);
    expect(spec?.marks[0].href).toMatch(/^#b1-r\d+$/);
  });

  it('takes absurd sizes and far-off dates without unbounded work', () => {
    const clock = new Clock('America/New_York');
    // bounded work is the size of what is built (no wall-clock bound: a loaded machine is slow)
    const axis = timeAxis(clock, [-8e15, 0, 8e15, Number.NaN, Infinity]);
    expect(axis?.start).toBe(-8e15);
    expect(axis?.offsets.length).toBeLessThan(9000);
    const p: MemoryPoint = { ...base.memory[0], total: 1e23, used: 9e22, available: Number.POSITIVE_INFINITY };
    const spec = memoryChart({ ...base, memory: [p], axis: timeAxis(clock, [p.ms]) }, 'b1', 10);
    const block = /class="chart-spec">([\s\S]*?)<\/script>/.exec(chartFigure(spec!, 'c'))?.[1] ?? '';
    const series = JSON.parse(block).panes[0].series as { label: string; kib: (number | null)[] }[];
    expect(series.map((s) => [s.label, s.kib[0]])).toEqual([['total', Math.round(1e23 / 1024)], ['used', Math.round(9e22 / 1024)], ['available', null]]);
  });

  it('gives the zone offsets with their changes to the minute (luxon decides, the page only looks up)', () => {
    const clock = new Clock('America/New_York');
    const t = offsetTable(clock, Date.UTC(2016, 0, 1), Date.UTC(2016, 11, 31));
    expect(t).toEqual([[Date.UTC(2016, 0, 1), -300], [Date.UTC(2016, 2, 13, 7), -240], [Date.UTC(2016, 10, 6, 6), -300]]);
    expect(offsetTable(new Clock('Asia/Shanghai'), 0, 1000)).toEqual([[0, 480]]);
  });
});

describe("the page's tick helpers", () => {
  const page = new Function(`${TICKS_SCRIPT}; return { timeTicks, byteTicks, fullWall };`)() as {
    timeTicks: (o: [number, number][], min: number, max: number, left: number, width: number, full: number, measure: (s: string) => number) => { splits: number[]; labels: string[] };
    byteTicks: (min: number, max: number, height: number) => { splits: number[]; labels: string[] };
    fullWall: (o: [number, number][], ms: number) => string;
  };
  const measure = (s: string) => s.length * 7;

  it('labels seconds to years in the report zone, as many as the width allows', () => {
    const o: [number, number][] = [[0, 480]];
    const one = page.timeTicks(o, Date.UTC(2016, 4, 21, 10, 49, 20), Date.UTC(2016, 4, 21, 10, 50, 20), 70, 900, 980, measure);
    expect(one.labels[0]).toMatch(/^18:49:\d\d\n2016-05-21$/);
    const years = page.timeTicks(o, Date.UTC(1970, 0, 1), Date.UTC(2090, 0, 1), 70, 900, 980, measure);
    expect(years.labels.length).toBeGreaterThan(2);
    expect(years.labels.every((l) => /^\d{4}$/.test(l))).toBe(true);
    for (const [min, max] of [[-8.6e15, 8.6e15], [0, 1], [1e12, 1e12 + 5e9]]) {
      const t = page.timeTicks(o, min, max, 70, 300, 380, measure);
      expect(t.splits.length).toBeLessThanOrEqual(300 / 24 + 1);
    }
    expect(page.fullWall(o, Date.UTC(2016, 4, 21, 10, 49, 28))).toBe('2016-05-21 18:49:28');
  });

  it('labels bytes from B to YiB with at most one tick per 28 px', () => {
    expect(page.byteTicks(0, 1000 * MIB, 200).labels).toEqual(['0', '200 MiB', '400 MiB', '600 MiB', '800 MiB', '1000 MiB']);
    const absurd = page.byteTicks(0, 1e23 * 1.06, 200);
    expect(absurd.splits.length).toBeLessThanOrEqual(200 / 28 + 2);
    expect(absurd.labels[1]).toMatch(/ZiB$/);
    expect(page.byteTicks(0, Number.MAX_VALUE, 200).splits.length).toBeLessThanOrEqual(9);
  });
});

it('has no Math.min/Math.max spread in the report code (it throws past ~125k values)', () => {
  const dir = path.join(ROOT, 'src', 'report');
  for (const f of readdirSync(dir)) expect(readFileSync(path.join(dir, f), 'utf8'), f).not.toMatch(/Math\.(min|max)\([^)]*\.\.\./);
});
