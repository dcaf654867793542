// The clock: the only module that uses luxon. It turns wall-clock stamps into instants in the
// report zone (--tz), and instants back into ISO strings with the zone's offset. Offsets are
// cached per wall-clock hour unless that hour holds a DST transition, and per quarter hour when
// writing (ISO and wall-clock text from integers), so the hot path builds no luxon object per line.
import { DateTime, IANAZone, Info, type Zone } from 'luxon';
import type { RawStamp } from '../event.js';

export class ZoneError extends Error {}

export class Clock {
  readonly zone: string;
  private readonly hourCache = new Map<number, number>();
  /** The hour asked last (a log asks for the same hour line after line). */
  private lastHour = Number.NaN;
  private lastHourStart = 0;
  private readonly zoneObj: Zone;
  private readonly offsetCache = new Map<number, number>();
  private readonly nameByOffset = new Map<number, string>();
  private lastQuarter = Number.NaN;
  private lastName = '';
  private isoQuarter = Number.NaN;
  private isoOffset = 0;
  private isoSuffix = '';

  constructor(zone?: string) {
    const name = zone ?? Info.normalizeZone('system')?.name ?? 'UTC';
    if (name !== 'UTC' && !IANAZone.isValidZone(name)) throw new ZoneError(`unknown time zone: ${name}`);
    this.zone = name;
    this.zoneObj = Info.normalizeZone(name);
  }

  /**
   * Every instant a wall-clock time can mean: one, or two (earlier first) in the hour a DST
   * fall-back repeats. A time a spring-forward gap skips maps forward. A date that does not exist
   * (Feb 29 of a common year) gives none. Deterministic: luxon alone would pick by today's offset.
   */
  candidates(s: RawStamp & { year: number; month: number; day: number }): number[] {
    const w = Date.UTC(s.year, s.month - 1, s.day, s.hour, s.minute, s.second, s.millis ?? 0);
    const back = new Date(w);
    if (back.getUTCFullYear() !== s.year || back.getUTCMonth() !== s.month - 1 || back.getUTCDate() !== s.day) return [];
    if (s.offsetMinutes !== undefined) return [w - s.offsetMinutes * 60_000];
    const out: number[] = [];
    for (const probe of [w - 86_400_000, w + 86_400_000]) {
      const off = this.zoneObj.offset(probe);
      const t = w - off * 60_000;
      if (this.zoneObj.offset(t) === off && !out.includes(t)) out.push(t);
    }
    // In a spring-forward gap no offset fits: read it with the offset before the gap (moves forward).
    if (out.length === 0) out.push(w - this.zoneObj.offset(w - 86_400_000) * 60_000);
    return out.sort((a, b) => a - b);
  }

  /** The zone's offset in minutes at an instant (cached per quarter hour: transitions fall on them). */
  offsetMinutes(ms: number): number {
    const key = Math.floor(ms / 900_000);
    let off = this.offsetCache.get(key);
    if (off === undefined) {
      off = this.zoneObj.offset(ms);
      if (this.offsetCache.size > 100_000) this.offsetCache.clear();
      this.offsetCache.set(key, off);
    }
    return off;
  }

  /**
   * Epoch ms of a wall-clock time in the report zone (or in the stamp's own offset). A time the
   * DST fall-back repeats is its first occurrence; one a spring-forward gap skips moves forward.
   */
  instant(s: RawStamp & { year: number; month: number; day: number }): number {
    const t = this.simpleInstant(s);
    if (!Number.isNaN(t)) return t;
    // A DST transition inside this hour (or a date that does not exist).
    const c = this.candidates(s);
    return c.length > 0 ? c[0] : Number.NaN;
  }

  /** instant() of a zoneless wall-clock time given field by field (no object per line). */
  wallInstant(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
    const key = ((year * 13 + month) * 32 + day) * 24 + hour;
    if (key === this.lastHour) return this.lastHourStart + (minute * 60 + second) * 1000;
    return this.instant({ year, month, day, hour, minute, second });
  }

  /** instant(s) when that wall-clock hour has one meaning (no DST transition in it), else NaN. */
  simpleInstant(s: RawStamp & { year: number; month: number; day: number }): number {
    const ms = s.millis ?? 0;
    if (s.offsetMinutes !== undefined) {
      return Date.UTC(s.year, s.month - 1, s.day, s.hour, s.minute, s.second, ms) - s.offsetMinutes * 60_000;
    }
    const key = ((s.year * 13 + s.month) * 32 + s.day) * 24 + s.hour;
    if (key === this.lastHour) return this.lastHourStart + (s.minute * 60 + s.second) * 1000 + ms;
    let hourStart = this.hourCache.get(key);
    if (hourStart === undefined) {
      const start = this.candidates({ year: s.year, month: s.month, day: s.day, hour: s.hour, minute: 0, second: 0 });
      const end = this.candidates({ year: s.year, month: s.month, day: s.day, hour: s.hour, minute: 59, second: 59 });
      if (start.length !== 1 || end.length !== 1 || end[0] - start[0] !== 3_599_000) return Number.NaN;
      hourStart = start[0];
      this.hourCache.set(key, hourStart);
    }
    this.lastHour = key;
    this.lastHourStart = hourStart;
    return hourStart + (s.minute * 60 + s.second) * 1000 + ms;
  }

  /**
   * The wall-clock fields of an instant in the report zone, as a Date read in UTC, when the
   * quarter hour around it has one whole-minute offset (computed once per quarter with luxon,
   * then integers only) and its year has four digits; else null (the caller asks luxon).
   */
  private local(ms: number): Date | null {
    const quarter = Math.floor(ms / 900_000);
    if (quarter !== this.isoQuarter) {
      const start = quarter * 900_000;
      const off = this.zoneObj.offset(start);
      this.isoQuarter = off === this.zoneObj.offset(start + 899_999) && Number.isInteger(off) ? quarter : Number.NaN;
      this.isoOffset = off;
      this.isoSuffix = this.zoneObj.isUniversal && off === 0 ? 'Z' : this.offsetName(ms);
    }
    if (quarter !== this.isoQuarter) return null;
    const d = new Date(ms + this.isoOffset * 60_000);
    const year = d.getUTCFullYear();
    return year < 1000 || year > 9999 ? null : d;
  }

  /** ISO 8601 with the report zone's offset, millisecond precision. */
  iso(ms: number): string {
    if (!Number.isFinite(ms)) return '';
    const d = this.local(ms);
    if (!d) return DateTime.fromMillis(ms, { zone: this.zone }).toISO({ suppressMilliseconds: false }) ?? '';
    const ms3 = d.getUTCMilliseconds();
    return `${dayAndTime(d, 'T')}.${ms3 < 10 ? '00' : ms3 < 100 ? '0' : ''}${ms3}${this.isoSuffix}`;
  }

  /** `2016-05-21 18:49:28` in the report zone, for people (luxon only where local() declines). */
  wall(ms: number): string {
    if (!Number.isFinite(ms)) return '????-??-?? ??:??:??';
    const d = this.local(ms);
    return d ? dayAndTime(d, ' ') : DateTime.fromMillis(ms, { zone: this.zone }).toFormat('yyyy-MM-dd HH:mm:ss');
  }

  /** The calendar date (year, month, day) of an instant in the report zone. */
  dateOf(ms: number): { year: number; month: number; day: number } {
    const local = new Date(ms + this.offsetMinutes(ms) * 60_000);
    return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
  }

  /** The zone's offset at an instant, as `+08:00` (the same for a whole quarter hour with one offset). */
  offsetName(ms: number): string {
    const quarter = Math.floor(ms / 900_000);
    if (quarter === this.lastQuarter) return this.lastName;
    const start = quarter * 900_000;
    const off = this.zoneObj.offset(start);
    if (!Number.isFinite(start) || off !== this.zoneObj.offset(start + 899_999)) return this.formatOffset(ms);
    let name = this.nameByOffset.get(off);
    if (name === undefined) {
      name = this.formatOffset(ms);
      this.nameByOffset.set(off, name);
    }
    this.lastQuarter = quarter;
    this.lastName = name;
    return name;
  }

  private formatOffset(ms: number): string {
    return DateTime.fromMillis(ms, { zone: this.zone }).toFormat('ZZ');
  }

  /** Parse an ISO instant given on the command line (--since/--until); zoneless means the report zone. */
  parseIso(text: string): number {
    const dt = DateTime.fromISO(text, { zone: this.zone, setZone: true });
    return dt.isValid ? dt.toMillis() : Number.NaN;
  }

  /** Add whole calendar days to a date in the report zone. */
  static addDays(d: { year: number; month: number; day: number }, days: number) {
    const dt = DateTime.fromObject(d, { zone: 'UTC' }).plus({ days });
    return { year: dt.year, month: dt.month, day: dt.day };
  }
}

const p2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** `2016-05-21T18:49:28` (or with a blank) from a Date whose UTC fields are the wall clock's. */
function dayAndTime(d: Date, sep: string): string {
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}${sep}${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** Parse `YYYY-MM-DD` (the --date option). */
export function parseDateOption(text: string): { year: number; month: number; day: number } | null {
  const dt = DateTime.fromISO(text, { zone: 'UTC' });
  if (!dt.isValid || !/^\d{4}-\d\d-\d\d$/.test(text)) return null;
  return { year: dt.year, month: dt.month, day: dt.day };
}

/** Parse a duration like `15m`, `90s`, `2h`, `1h30m` into seconds. */
export function parseDuration(text: string): number | null {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text.trim());
  if (!m || text.trim() === '') return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}
