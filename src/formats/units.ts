// Sizes as snapshots print them, to bytes: `1018508k`, `33m`, `1124,6g` (comma-decimal locales),
// `486M`, `15Gi`, `0B`, and bare numbers whose unit the caller knows (KiB for top/ps/meminfo, the
// `free -m` flag for free). Never throws; an unreadable size (or unit) is null. The one size parser.

/** A unit letter as sizes print it. Only unitLetter() makes one from text, so a unit that is not
 * one is seen where it is read (null there), never silently taken as 1 byte. */
export type UnitLetter = 'b' | 'k' | 'm' | 'g' | 't' | 'p' | 'e';

const POWERS: Record<UnitLetter, number> = { b: 0, k: 1, m: 2, g: 3, t: 4, p: 5, e: 6 };

/** The unit letter `text` starts with (`K`, `MiB`, `g`), or null when it names no unit. */
export function unitLetter(text: string): UnitLetter | null {
  const l = text.charAt(0).toLowerCase();
  return l in POWERS ? (l as UnitLetter) : null;
}

/** Bytes of one unit, binary unless `si`. */
export function unitBytes(letter: UnitLetter, si = false): number {
  return (si ? 1000 : 1024) ** POWERS[letter];
}

const SIZE = /^(\d+(?:[.,]\d+)?)([kmgtpeb]i?)?$/i;

/** `33m` → 33 MiB; a bare number is `bareUnit` bytes each. */
export function sizeBytes(text: string, bareUnit: number, si = false): number | null {
  const m = SIZE.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1].replace(',', '.'));
  if (!m[2]) return Math.round(n * bareUnit);
  const letter = unitLetter(m[2]);
  return letter === null ? null : Math.round(n * unitBytes(letter, si && !/i$/i.test(m[2])));
}

/** `128.0` and `M` (a number and its unit as a message prints them) → bytes; null if no unit. */
export function scaledBytes(num: string, unit: string | undefined): number | null {
  if (!unit) return Math.round(Number(num));
  const letter = unitLetter(unit);
  return letter === null ? null : Math.round(Number(num) * unitBytes(letter));
}

/** A plain number, `.` or `,` as the decimal mark. */
export function num(text: string): number {
  return Number(text.replace(',', '.'));
}
