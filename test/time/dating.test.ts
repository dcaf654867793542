// The dating stage on events built by hand: midnight and uptime rolls, intervals between
// neighbours, the year of syslog stamps from bundle evidence vs the mtime, DST in New York,
// anchors, pt-stalk prefixes and dmesg uptimes.
import { describe, expect, it } from 'vitest';
import type { Event, EventKind, RawStamp } from '../../src/event.js';
import { Clock } from '../../src/time/clock.js';
import { type DatingOptions, dateEvents } from '../../src/time/dating.js';

let seq = 0;
const NAN = { ms: Number.NaN, source: 'inferred' as const };

function ev(kind: EventKind, path: string, line: number, extra: Partial<Event> = {}): Event {
  return { kind, data: {}, message: kind, time: NAN, src: { path, line, lines: 1, offset: 0, format: kind.split('.')[0] }, seq: seq++, ...extra } as Event;
}

/** A `top` frame: time-only stamp and uptime, as the top format emits it. */
function frame(path: string, line: number, hms: string, uptime?: string, meta?: Record<string, string>): Event {
  const [hour, minute, second] = hms.split(':').map(Number);
  const e = ev('snapshot.top', path, line, { pending: { stamp: { hour, minute, second } } });
  if (uptime) {
    const m = /^(?:(\d+) days?, )?(\d+):(\d+)$/.exec(uptime);
    if (m) e.data = { uptime_seconds: Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 };
  }
  if (meta) e.meta = meta;
  return e;
}

function stamped(kind: EventKind, path: string, line: number, ms: number): Event {
  return ev(kind, path, line, { time: { ms, source: 'stamped' } });
}

function syslog(path: string, line: number, stamp: RawStamp): Event {
  return ev('kernel.log', path, line, { pending: { stamp } });
}

function date(events: Event[], o: Partial<DatingOptions> & { tz: string }): Clock {
  const clock = new Clock(o.tz);
  dateEvents(events, { clock, mtimes: new Map(), ...o });
  return clock;
}

const iso = (clock: Clock, e: Event) => clock.iso(e.time.ms);

describe('time-only stamps (top headers)', () => {
  it('rolls past midnight when the time of day goes backwards', () => {
    const a = frame('t', 1, '23:59:30');
    const b = frame('t', 20, '00:00:30');
    const clock = date([a, b], { tz: 'UTC', date: { year: 2016, month: 5, day: 21 } });
    expect([iso(clock, a), iso(clock, b)]).toEqual(['2016-05-21T23:59:30.000Z', '2016-05-22T00:00:30.000Z']);
    expect(a.time.note).toBe('date from --date 2016-05-21');
    expect(b.time.note).toMatch(/carried from line 1.*rolled to the next day/);
    expect(b.time.source).toBe('inferred');
  });

  it('lets the uptime say how many days passed (the seed: 23:43:51 then 11:50:06 next morning)', () => {
    const a = frame('t', 1, '23:42:33', '113 days, 23:49');
    const b = frame('t', 90, '23:43:51', '113 days, 23:50');
    const c = frame('t', 180, '11:50:06', '114 days, 11:56');
    const d = frame('t', 200, '09:00:00', '116 days, 09:06'); // two days later, not one
    const clock = date([a, b, c, d], { tz: 'Asia/Shanghai', date: { year: 2016, month: 5, day: 21 } });
    expect([a, b, c, d].map((e) => iso(clock, e))).toEqual([
      '2016-05-21T23:42:33.000+08:00',
      '2016-05-21T23:43:51.000+08:00',
      '2016-05-22T11:50:06.000+08:00',
      '2016-05-24T09:00:00.000+08:00',
    ]);
    expect(c.time.note).toMatch(/by the uptime \(12 h 06 m apart\), rolled to the next day/);
    expect(d.time.note).toMatch(/2 days later/);
  });

  it('notes a reboot when the uptime goes down, and falls back to the midnight rule', () => {
    const a = frame('t', 1, '10:00:00', '50 days, 01:00');
    const b = frame('t', 9, '09:00:00', '0:05');
    const clock = date([a, b], { tz: 'UTC', date: { year: 2020, month: 1, day: 1 } });
    expect(iso(clock, b)).toBe('2020-01-02T09:00:00.000Z');
    expect(b.time.note).toMatch(/uptime went down/);
  });

  it('takes the date from the bundle\'s dated events before --date and the mtime (copies lose mtimes)', () => {
    const err = [stamped('mysql.log', 'mysqld.err', 1, Date.UTC(2016, 4, 21, 3, 6, 36)), stamped('mysql.ready', 'mysqld.err', 90, Date.UTC(2016, 4, 21, 15, 30, 27))];
    const f = frame('session.txt', 11, '23:42:33');
    const mtime = Date.UTC(2026, 10, 24, 4, 35);
    const clock = date([...err, f], { tz: 'Asia/Shanghai', mtimes: new Map([['session.txt', mtime]]), date: { year: 2001, month: 1, day: 1 } });
    expect(iso(clock, f)).toBe('2016-05-21T23:42:33.000+08:00');
    expect(f.time.note).toMatch(/^date from the bundle's dated events \(mysqld\.err: 2016-05-21 11:06:36 … 2016-05-21 23:30:27\)/);
  });

  it('falls back to the file mtime, counting back from the last frame', () => {
    const a = frame('t', 1, '23:00:00');
    const b = frame('t', 5, '01:00:00');
    const clock = date([a, b], { tz: 'UTC', mtimes: new Map([['t', Date.UTC(2026, 10, 24, 4, 35)]]) });
    expect([iso(clock, a), iso(clock, b)]).toEqual(['2026-11-23T23:00:00.000Z', '2026-11-24T01:00:00.000Z']);
    expect(b.time.note).toMatch(/modification time/);
  });

  it('leaves a stamp nothing dates unplaced, saying what would help', () => {
    const a = frame('-', 1, '23:00:00');
    date([a], { tz: 'UTC' });
    expect(a.time.ms).toBeNaN();
    expect(a.time.note).toMatch(/pass --date/);
  });

  it('dates frames from a `date` anchor earlier in the file, rolling past midnight', () => {
    const anchor = stamped('watcher.date', 'w.log', 1, Date.UTC(2016, 4, 21, 23, 59, 58));
    const a = frame('w.log', 2, '23:59:59');
    const b = frame('w.log', 40, '00:00:02');
    const clock = date([anchor, a, b], { tz: 'UTC', date: { year: 1999, month: 1, day: 1 } });
    expect([iso(clock, a), iso(clock, b)]).toEqual(['2016-05-21T23:59:59.000Z', '2016-05-22T00:00:02.000Z']);
    expect(a.time.note).toBe('date from the `date` line at line 1');
  });

  it('dates pt-stalk `-top` frames from the file-name prefix, rolling past midnight', () => {
    const meta = { 'ptstalk.prefix': '2018_03_05_23_59_58', 'ptstalk.collector': 'top' };
    const a = frame('p-top', 1, '23:59:59', undefined, meta);
    const b = frame('p-top', 120, '00:00:00', undefined, meta);
    const clock = date([a, b], { tz: 'UTC' });
    expect([iso(clock, a), iso(clock, b)]).toEqual(['2018-03-05T23:59:59.000Z', '2018-03-06T00:00:00.000Z']);
    expect(a.time.note).toBe('date from the pt-stalk file name prefix 2018_03_05_23_59_58');
  });
});

describe('DST in America/New_York', () => {
  it('keeps frames one second apart across the fall-back hour (01:59:59 EDT → 01:00:00 EST)', () => {
    const meta = { 'ptstalk.prefix': '2016_11_06_01_59_58' };
    const fs = ['01:59:58', '01:59:59', '01:00:00', '01:00:01'].map((t, i) => frame('p-top', 1 + i * 100, t, undefined, meta));
    const clock = date(fs, { tz: 'America/New_York' });
    expect(fs.map((e) => iso(clock, e))).toEqual([
      '2016-11-06T01:59:58.000-04:00',
      '2016-11-06T01:59:59.000-04:00',
      '2016-11-06T01:00:00.000-05:00',
      '2016-11-06T01:00:01.000-05:00',
    ]);
    expect(fs[3].time.ms - fs[0].time.ms).toBe(3000);
  });

  it('keeps frames one second apart across the spring-forward gap (01:59:59 EST → 03:00:00 EDT)', () => {
    const fs = ['01:59:59', '03:00:00'].map((t, i) => frame('t', 1 + i * 100, t));
    const clock = date(fs, { tz: 'America/New_York', date: { year: 2016, month: 3, day: 13 } });
    expect(fs.map((e) => iso(clock, e))).toEqual(['2016-03-13T01:59:59.000-05:00', '2016-03-13T03:00:00.000-04:00']);
  });
});

describe('year-less stamps (syslog)', () => {
  const may21 = { month: 5, day: 21, hour: 18, minute: 49, second: 20 };

  it('takes the year from another file of the bundle, not from a 2026 mtime', () => {
    const err = stamped('mysql.log', 'mysqld.err', 1, Date.UTC(2016, 4, 21, 10, 49, 27));
    const k = syslog('messages', 1, may21);
    const clock = date([err, k], { tz: 'UTC', mtimes: new Map([['messages', Date.UTC(2026, 10, 24)]]) });
    expect(iso(clock, k)).toBe('2016-05-21T18:49:20.000Z');
    expect(k.time.note).toMatch(/^year from the bundle's dated events/);
  });

  it('uses --year when nothing in the bundle dates the file, rolling into the next year at New Year', () => {
    const a = syslog('messages', 1, { month: 12, day: 31, hour: 23, minute: 59, second: 59 });
    const b = syslog('messages', 2, { month: 1, day: 1, hour: 0, minute: 0, second: 1 });
    const clock = date([a, b], { tz: 'UTC', year: 2016, date: { year: 2000, month: 1, day: 1 } });
    expect([iso(clock, a), iso(clock, b)]).toEqual(['2016-12-31T23:59:59.000Z', '2017-01-01T00:00:01.000Z']);
    expect(a.time.note).toBe('year from --year 2016');
    expect(b.time.note).toMatch(/rolled into the next year/);
  });

  it('counts back from the mtime like lnav: lines after New Year are the mtime\'s year, earlier ones the year before', () => {
    const stamps = [
      { month: 12, day: 30, hour: 10, minute: 0, second: 0 },
      { month: 12, day: 31, hour: 10, minute: 0, second: 0 },
      { month: 1, day: 2, hour: 10, minute: 0, second: 0 },
    ];
    const es = stamps.map((s, i) => syslog('messages', i + 1, s));
    const clock = date(es, { tz: 'UTC', mtimes: new Map([['messages', Date.UTC(2017, 0, 3)]]) });
    expect(es.map((e) => iso(clock, e).slice(0, 10))).toEqual(['2016-12-30', '2016-12-31', '2017-01-02']);
  });

  it('keeps a Feb 29 stamp in a leap year', () => {
    const k = syslog('messages', 1, { month: 2, day: 29, hour: 12, minute: 0, second: 0 });
    const clock = date([k], { tz: 'UTC', mtimes: new Map([['messages', Date.UTC(2017, 5, 1)]]) });
    expect(iso(clock, k)).toBe('2016-02-29T12:00:00.000Z');
  });
});

describe('events with no time of their own', () => {
  it('puts a `free` between two `top` frames on an interval, and a prompt before the first frame at it', () => {
    const cmd = ev('shell.command', 's', 1);
    const a = frame('s', 3, '23:43:51', '113 days, 23:50');
    const free = ev('snapshot.free', 's', 100);
    const b = frame('s', 110, '11:50:06', '114 days, 11:56');
    const clock = date([cmd, a, free, b], { tz: 'Asia/Shanghai', date: { year: 2016, month: 5, day: 21 } });
    expect(free.time.source).toBe('interval');
    expect([iso(clock, free), clock.iso(free.time.latestMs ?? Number.NaN)]).toEqual(['2016-05-21T23:43:51.000+08:00', '2016-05-22T11:50:06.000+08:00']);
    expect(free.time.note).toBe('no time of its own; between line 3 and line 110');
    expect(cmd.time).toMatchObject({ ms: a.time.ms, source: 'inferred' });
    expect(cmd.time.note).toMatch(/at or before line 3/);
  });

  it('dates a block after a `date` / TS anchor by the anchor', () => {
    const ts = stamped('ptstalk.sample', 'm', 1, Date.UTC(2018, 2, 5, 13, 24, 57));
    const data = ev('snapshot.meminfo', 'm', 2);
    const ts2 = stamped('ptstalk.sample', 'm', 60, Date.UTC(2018, 2, 5, 13, 24, 58));
    date([ts, data, ts2], { tz: 'UTC' });
    expect(data.time).toEqual({ ms: ts.time.ms, source: 'inferred', note: 'dated by the TS line at line 1' });
  });

  it('places a pt-stalk file with no time at the collection start, noting a host offset that is not --tz\'s', () => {
    const meta = { 'ptstalk.prefix': '2026_11_24_04_26_41' };
    const ps = ev('snapshot.ps', '2026_11_24_04_26_41-ps', 1, { meta });
    const ts = stamped('ptstalk.sample', '2026_11_24_04_26_41-meminfo', 1, Date.UTC(2026, 10, 24, 4, 26, 43));
    ts.meta = meta;
    ts.data = { epoch: 1795494403, offset_minutes: 0 };
    const clock = date([ps, ts], { tz: 'Asia/Shanghai' });
    expect(iso(clock, ps)).toBe('2026-11-24T04:26:41.000+08:00');
    expect(ps.time.note).toBe('no time of its own; the pt-stalk collection start (file name prefix 2026_11_24_04_26_41); the TS lines say the host ran at UTC+00:00, --tz gives UTC+08:00');
  });
});

describe('dmesg uptimes', () => {
  it('are placed from the boot instant a dated top frame pins', () => {
    const f = frame('s', 1, '23:42:33', '113 days, 23:49');
    const k = ev('kernel.log', 'dmesg', 1, { pending: { uptime_seconds: 113 * 86400 + 23 * 3600 + 48 * 60 } });
    const clock = date([f, k], { tz: 'UTC', date: { year: 2016, month: 5, day: 21 } });
    expect(iso(clock, k)).toBe('2016-05-21T23:41:33.000Z');
    expect(k.time.note).toMatch(/^boot at 2016-01-28 23:53:33 from a `top` header's uptime \(±1 min\) at s:1/);
  });

  it('are placed exactly from the boot time `vmstat -s` states', () => {
    const v = ev('snapshot.meminfo', 'vmstat-s', 1, { data: { raw: { 'boot time': 1687349632 } } as never });
    const k = ev('kernel.log', 'dmesg', 1, { pending: { uptime_seconds: 100.25 } });
    const clock = date([v, k], { tz: 'UTC' });
    expect(iso(clock, k)).toBe('2023-06-21T12:15:32.250Z');
    expect(k.time.note).toBe('boot at 2023-06-21 12:13:52 from `vmstat -s` boot time at vmstat-s:1');
  });

  it('stay unplaced, saying why, when no boot instant is known', () => {
    const k = ev('kernel.log', 'dmesg', 1, { pending: { uptime_seconds: 12.5 } });
    date([k], { tz: 'UTC' });
    expect(k.time.ms).toBeNaN();
    expect(k.time.note).toMatch(/no boot instant known/);
  });
});
