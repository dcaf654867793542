// --since / --until as journalctl takes them (systemd.time(7)): ISO 8601, `2016-05-21 18:00[:00]`,
// a time of day (today), `now` / `today` / `yesterday` / `tomorrow`, `-2h` / `+30min` / `3 days ago`
// and `@epoch`. Zoneless forms are wall times in the report zone; relative ones count from `now`.
// A value it cannot read gives a reason, never NaN.
import { DateTime, type DurationLikeObject } from 'luxon';

const UNITS: Record<string, keyof DurationLikeObject> = {
  us: 'milliseconds', ms: 'milliseconds', msec: 'milliseconds',
  s: 'seconds', sec: 'seconds', secs: 'seconds', second: 'seconds', seconds: 'seconds',
  m: 'minutes', min: 'minutes', mins: 'minutes', minute: 'minutes', minutes: 'minutes',
  h: 'hours', hr: 'hours', hrs: 'hours', hour: 'hours', hours: 'hours',
  d: 'days', day: 'days', days: 'days',
  w: 'weeks', week: 'weeks', weeks: 'weeks',
  M: 'months', month: 'months', months: 'months',
  y: 'years', year: 'years', years: 'years',
};

const RELATIVE = /^([+-])?\s*((?:\d+\s*[a-zA-Z]+\s*)+?)(\s+ago)?$/;
const PART = /(\d+)\s*([a-zA-Z]+)/g;
const WALL = /^(?:[A-Za-z]{3}\s+)?(\d{4}-\d\d-\d\d)(?:[ T](\d\d?:\d\d(?::\d\d(?:\.\d+)?)?))?$/;
const TIME_OF_DAY = /^(\d\d?:\d\d(?::\d\d)?)$/;

export type When = { ms: number } | { reason: string };

/** Sum a `2h 30min` span; null when a unit is unknown. */
function span(text: string): DurationLikeObject | null {
  const d: Record<string, number> = {};
  for (const m of text.matchAll(PART)) {
    const unit = UNITS[m[2]] ?? UNITS[m[2].toLowerCase()];
    if (!unit) return null;
    d[unit] = (d[unit] ?? 0) + Number(m[1]);
  }
  return d as DurationLikeObject;
}

function wallTime(date: string, time: string | undefined, zone: string): DateTime {
  const [h = '0', mi = '0', s = '0'] = (time ?? '').split(':');
  const [sec, frac = '0'] = s.split('.');
  const [y, mo, d] = date.split('-').map(Number);
  const dt = DateTime.fromObject({ year: y, month: mo, day: d, hour: Number(h), minute: Number(mi), second: Number(sec), millisecond: Math.round(Number(`0.${frac}`) * 1000) }, { zone });
  return dt;
}

/** The instant a --since / --until value names, in `zone`, with `now` as epoch ms. */
export function parseWhen(raw: string, zone: string, now: number): When {
  const text = raw.trim();
  const base = DateTime.fromMillis(now, { zone });
  const named: Record<string, DateTime> = { now: base, today: base.startOf('day'), yesterday: base.startOf('day').minus({ days: 1 }), tomorrow: base.startOf('day').plus({ days: 1 }) };
  if (Object.hasOwn(named, text)) return { ms: named[text].toMillis() };
  if (/^@\d+(?:\.\d+)?$/.test(text)) return { ms: Math.round(Number(text.slice(1)) * 1000) };
  const wall = WALL.exec(text);
  if (wall) {
    const dt = wallTime(wall[1], wall[2], zone);
    return dt.isValid ? { ms: dt.toMillis() } : { reason: `not a real date or time: ${dt.invalidExplanation ?? dt.invalidReason}` };
  }
  const tod = TIME_OF_DAY.exec(text);
  if (tod) {
    const dt = wallTime(base.toISODate() ?? '', tod[1], zone);
    return dt.isValid ? { ms: dt.toMillis() } : { reason: 'not a real time of day' };
  }
  const rel = RELATIVE.exec(text);
  if (rel && (rel[1] || rel[3])) {
    const d = span(rel[2]);
    if (!d) return { reason: 'unknown unit (use s, min, h, d, w, M, y)' };
    return { ms: (rel[1] === '+' && !rel[3] ? base.plus(d) : base.minus(d)).toMillis() };
  }
  const iso = DateTime.fromISO(text, { zone, setZone: true });
  if (iso.isValid) return { ms: iso.toMillis() };
  return { reason: 'expected a time like 2016-05-21 18:00, 2016-05-21T18:00:00+08:00, yesterday, -2h or "3 days ago"' };
}

/** The instant as ISO 8601 with the zone's offset (what analyze() takes). */
export function isoIn(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO() ?? new globalThis.Date(ms).toISOString();
}
