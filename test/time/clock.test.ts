// The clock under a DST zone: wall times to instants across the transitions, ISO output.
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { Clock, ZoneError, parseDateOption, parseDuration } from '../../src/time/clock.js';
import { LONG_TESTS, mulberry32 } from '../helpers.js';

describe('Clock', () => {
  const ny = new Clock('America/New_York');
  const at = (c: Clock, y: number, mo: number, d: number, h: number, mi = 0, s = 0) => c.iso(c.instant({ year: y, month: mo, day: d, hour: h, minute: mi, second: s }));

  it('places wall times in the zone, EST and EDT', () => {
    expect(at(ny, 2016, 1, 15, 12)).toBe('2016-01-15T12:00:00.000-05:00');
    expect(at(ny, 2016, 7, 15, 12)).toBe('2016-07-15T12:00:00.000-04:00');
  });

  it('handles the hours around the spring and autumn transitions', () => {
    expect(at(ny, 2016, 3, 13, 1, 59, 59)).toBe('2016-03-13T01:59:59.000-05:00');
    expect(at(ny, 2016, 3, 13, 3, 0, 0)).toBe('2016-03-13T03:00:00.000-04:00');
    // 01:30 on the autumn day happens twice: always the first (EDT) occurrence, whatever the season
    expect(at(ny, 2016, 11, 6, 1, 30)).toBe('2016-11-06T01:30:00.000-04:00');
    expect(at(ny, 2016, 11, 6, 0, 59, 59)).toBe('2016-11-06T00:59:59.000-04:00');
    expect(at(ny, 2016, 11, 6, 2, 30)).toBe('2016-11-06T02:30:00.000-05:00');
  });

  it('uses the cache without changing results', () => {
    const c = new Clock('Asia/Shanghai');
    expect(at(c, 2016, 5, 21, 11, 6, 36)).toBe('2016-05-21T11:06:36.000+08:00');
    expect(at(c, 2016, 5, 21, 11, 59, 59)).toBe('2016-05-21T11:59:59.000+08:00');
  });

  it('honours an offset carried by the stamp itself', () => {
    const ms = ny.instant({ year: 2016, month: 5, day: 21, hour: 11, minute: 6, second: 36, offsetMinutes: 0 });
    expect(new Clock('UTC').iso(ms)).toBe('2016-05-21T11:06:36.000Z');
  });

  it('rejects an unknown zone with a user error', () => {
    expect(() => new Clock('Mars/Olympus')).toThrow(ZoneError);
  });

  it('parses --date and --lookback', () => {
    expect(parseDateOption('2016-05-21')).toEqual({ year: 2016, month: 5, day: 21 });
    expect(parseDateOption('21/05/2016')).toBeNull();
    expect(parseDuration('15m')).toBe(900);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('soon')).toBeNull();
  });
});

describe('Clock.iso and Clock.wall without luxon on the hot path', () => {
  it('writes exactly what luxon writes, across zones, DST changes and odd offsets', () => {
    const zones = ['UTC', 'Etc/UTC', 'Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'Europe/Dublin'];
    const rnd = mulberry32(5);
    for (const zone of zones) {
      const clock = new Clock(zone);
      const instants: number[] = [];
      for (let i = 0; i < (LONG_TESTS ? 3000 : 600); i++) instants.push(Math.floor(rnd() * Date.UTC(2040, 0, 1)));
      // the offset changes of 2016 found hour by hour, then minute by minute around each (the long
      // run, in CI, walks the whole year every 7 minutes), and a few odd years
      const offset = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
      for (let t = Date.UTC(2016, 0, 1); t < Date.UTC(2017, 0, 1); t += 3_600_000) {
        if (offset(t) === offset(t + 3_600_000)) continue;
        for (let m = t - 3 * 3_600_000; m < t + 4 * 3_600_000; m += 60_000 + 7) instants.push(m);
      }
      instants.push(Date.UTC(1899, 11, 31, 15, 54, 17), Date.UTC(999, 0, 1), Date.UTC(12000, 0, 1), -1, 0, 999);
      // wall() too, on all but the long walk (its luxon formatting would double the long run)
      const walls = instants.length;
      if (LONG_TESTS) for (let t = Date.UTC(2016, 0, 1); t < Date.UTC(2017, 0, 1); t += 7 * 60_000 + 13) instants.push(t);
      for (const [i, ms] of instants.entries()) {
        const dt = DateTime.fromMillis(ms, { zone });
        expect(clock.iso(ms), `${zone} ${ms}`).toBe(dt.toISO({ suppressMilliseconds: false }));
        if (i < walls) expect(clock.wall(ms), `${zone} ${ms}`).toBe(dt.toFormat('yyyy-MM-dd HH:mm:ss'));
      }
    }
  });
});
