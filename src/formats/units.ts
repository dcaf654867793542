// Sizes as snapshots print them, to bytes: `1018508k`, `33m`, `1124,6g` (comma-decimal locales),
// `486M`, `15Gi`, `0B`, and bare numbers whose unit the caller knows (KiB for top/ps/meminfo, the
// `free -m` flag for free). Never throws; an unreadable size is null.

const POWERS: Record<string, number> = { b: 0, k: 1, m: 2, g: 3, t: 4, p: 5, e: 6 };

/** Bytes of one unit named by a letter (k, m, g, ...), binary unless `si`. */
export function unitBytes(letter: string, si = false): number | null {
  const p = POWERS[letter.toLowerCase()];
  if (p === undefined) return null;
  return (si ? 1000 : 1024) ** p;
}

const SIZE = /^(\d+(?:[.,]\d+)?)([kmgtpeb]i?)?$/i;

/** `33m` → 33 MiB; a bare number is `bareUnit` bytes each. */
export function sizeBytes(text: string, bareUnit: number, si = false): number | null {
  const m = SIZE.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1].replace(',', '.'));
  if (!m[2]) return Math.round(n * bareUnit);
  const u = unitBytes(m[2][0], si && !/i$/i.test(m[2]));
  return u === null ? null : Math.round(n * u);
}

/** A plain number, `.` or `,` as the decimal mark. */
export function num(text: string): number {
  return Number(text.replace(',', '.'));
}
