// The watcher container: `date` lines (any common form) anchor the `top` / `free` / `ps` output
// after them; a zone abbreviation is ignored (CST is China or US Central) and --tz decides.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { watcher } from '../../src/containers/watcher.js';
import { type Line, isBlank } from '../../src/read/lines.js';
import { ROOT, expectConserved, run, runText } from '../helpers.js';

const DIR = path.join(ROOT, 'test', 'containers', 'watcher');
const CST = path.join(DIR, 'cst-date-top-free.log');
const ISO = path.join(DIR, 'iso-epoch-free-ps-top.log');

function lines(file: string): Line[] {
  let offset = 0;
  return readFileSync(file, 'utf8').replace(/\n$/, '').split('\n').map((text, i) => {
    const l = { text, no: i + 1, offset };
    offset += Buffer.byteLength(text) + 1;
    return l;
  });
}

function windowOf(ls: Line[]): string[] {
  return ls.filter((l) => !isBlank(l.text)).slice(0, 40).map((l) => l.text);
}

describe('watcher container', () => {
  it('claims a log of date lines each followed by a snapshot', () => {
    expect(watcher.detect(windowOf(lines(CST)), CST)).toBe(true);
    expect(watcher.detect(windowOf(lines(ISO)), ISO)).toBe(true);
  });

  it('does not claim a file whose date lines no snapshot follows, nor a bare snapshot', () => {
    expect(watcher.detect(['2016-05-21 18:48:01', 'backup started', 'backup done'], 'x')).toBe(false);
    expect(watcher.detect(['              total        used        free', 'Mem:  994  927  67'], 'x')).toBe(false);
  });

  it('cuts each round into a date block and one block per snapshot, covering every line once', () => {
    const ls = lines(ISO);
    const blocks = watcher.split(ls, ISO);
    expect(blocks.map((b) => `${b.format ?? '?'}:${b.lines.length}`)).toEqual([
      'watcher-date:1', 'free:3', 'ps:2', 'watcher-date:1', 'top:8',
      'watcher-date:1', 'free:3', 'ps:2', 'watcher-date:1', 'top:8',
    ]);
    expect(blocks.flatMap((b) => b.lines.map((l) => l.no))).toEqual(ls.map((l) => l.no));
  });

  it('places the CST date lines in --tz: China or US Central, never decided by the abbreviation', async () => {
    const china = await run([CST], { tz: 'Asia/Shanghai' });
    const us = await run([CST], { tz: 'America/Chicago' });
    const iso = (a: typeof china) => a.events.filter((e) => e.kind === 'watcher.date').map((e) => a.clock.iso(e.time.ms));
    expect(iso(china)).toEqual(['2026-11-24T13:09:18.000+08:00', '2026-11-24T13:09:20.000+08:00']);
    expect(iso(us)).toEqual(['2026-11-24T13:09:18.000-06:00', '2026-11-24T13:09:20.000-06:00']);
    const d = china.events.find((e) => e.kind === 'watcher.date');
    expect(d?.time.note).toBe('zone abbreviation CST ignored (ambiguous); placed in --tz Asia/Shanghai');
    expect(d?.data).toEqual({ form: 'date', zone: 'CST' });
    expectConserved(china);
  });

  it('dates what follows each anchor by it, and reads `date -Is` and `date +%s` exactly', async () => {
    const a = await run([ISO], { tz: 'UTC' });
    const anchors = a.events.filter((e) => e.kind === 'watcher.date');
    expect(anchors.map((e) => a.clock.iso(e.time.ms))).toEqual([
      '2026-11-24T05:09:22.000Z', '2026-11-24T05:09:23.000Z', '2026-11-24T05:09:25.000Z', '2026-11-24T05:09:26.000Z',
    ]);
    expect(anchors.map((e) => (e.kind === 'watcher.date' ? e.data.form : ''))).toEqual(['iso', 'epoch', 'iso', 'epoch']);
    expect(anchors.map((e) => e.time.note)).toEqual([undefined, undefined, undefined, undefined]);
    const rest = a.events.filter((e) => e.kind !== 'watcher.date' && !e.pending?.stamp);
    expect(rest.length).toBeGreaterThan(0);
    for (const e of rest) expect(e.time.note, `${e.kind} at line ${e.src.line}`).toMatch(/^dated by the `date` line at line \d+/);
    expectConserved(a);
  });

  it('says so when a `date -Is` offset is not the offset --tz gives', async () => {
    const a = await run([ISO], { tz: 'Asia/Shanghai' });
    const d = a.events.find((e) => e.kind === 'watcher.date');
    expect(d?.time.note).toBe('the line says UTC+00:00 but --tz Asia/Shanghai gives UTC+08:00: this host\'s zoneless stamps may be read in the wrong zone');
  });

  it('a watcher that ran `date` in a German locale: its date lines are anchors that date the frames after them', async () => {
    const frame = (t: string) => [`top - ${t} up 10 days,  1:00,  1 user,  load average: 5.00, 4.00, 3.00`, 'KiB Mem :  1017800 total,    27800 free,   990000 used,     1000 buff/cache', ''];
    const text = ['Di 24. Nov 10:00:01 CET 2026', ...frame('10:00:01'), 'Di 24. Nov 10:01:01 CET 2026', ...frame('10:01:01')].join('\n');
    const a = await runText(text, { tz: 'Europe/Berlin' });
    expect(a.inputs[0].formats[0]).toBe('watcher');
    expect(a.events.filter((e) => e.kind === 'watcher.date').map((e) => e.time.source)).toEqual(['stamped', 'stamped']);
    const tops = a.events.filter((e) => e.kind === 'snapshot.top');
    expect(tops.map((e) => a.clock.iso(e.time.ms))).toEqual(['2026-11-24T10:00:01.000+01:00', '2026-11-24T10:01:01.000+01:00']);
    expect(a.stats.unrecognized).toBe(0);
    expectConserved(a);
  });
});
