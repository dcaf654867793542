// Bounds what a chart sends to the page: a long series (a 9-month watcher log has 150k snapshots)
// is cut into time buckets and each bucket keeps only the real rows where some value is at its
// lowest or highest there, so peaks and dips survive and every point drawn is a real snapshot.
// Long silences (the watcher stopped) are found on the whole series, to be drawn as gaps.

/** Rows kept whole when the series is no longer than this. */
export const KEEP_ALL = 2400;
/** Buckets over the span when it is longer: each keeps at most 2 rows per value series. */
export const BUCKETS = 700;
/** At most this many silences are drawn as gaps (the longest ones). */
const MAX_GAPS = 400;

export interface Downsampled {
  /** Indices of the rows kept, ascending. */
  keep: number[];
  /** Silences worth a gap: `[last ms before, first ms after]`, ascending. */
  gaps: [number, number][];
}

/** A typical interval between rows: the median of (at most ~1000) gaps sampled evenly. */
function typicalGap(ms: readonly number[]): number {
  const n = ms.length - 1;
  if (n < 1) return 0;
  const stride = Math.max(1, Math.floor(n / 1000));
  const gaps: number[] = [];
  for (let i = 0; i < n; i += stride) gaps.push(ms[i + 1] - ms[i]);
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)];
}

/** Silences longer than 8 typical intervals and a minute, the longest MAX_GAPS of them. */
function silences(ms: readonly number[]): [number, number][] {
  const limit = Math.max(60_000, typicalGap(ms) * 8);
  const found: [number, number][] = [];
  for (let i = 1; i < ms.length; i++) if (ms[i] - ms[i - 1] > limit) found.push([ms[i - 1], ms[i]]);
  if (found.length <= MAX_GAPS) return found;
  return found
    .sort((a, b) => b[1] - b[0] - (a[1] - a[0]))
    .slice(0, MAX_GAPS)
    .sort((a, b) => a[0] - b[0]);
}

/**
 * Rows to keep from a series sorted by time (`ms`), with `values[s][i]` the value of series s at
 * row i (null when absent). The first and last rows are always kept.
 */
export function downsample(ms: readonly number[], values: readonly (readonly (number | null)[])[]): Downsampled {
  const n = ms.length;
  const gaps = silences(ms);
  if (n <= KEEP_ALL) return { keep: Array.from({ length: n }, (_, i) => i), gaps };
  const start = ms[0];
  const span = Math.max(1, ms[n - 1] - start);
  const keep = new Set<number>([0, n - 1]);
  let bucket = -1;
  let lo: number[] = [];
  let hi: number[] = [];
  const flush = () => {
    for (const i of [...lo, ...hi]) if (i >= 0) keep.add(i);
  };
  for (let i = 0; i < n; i++) {
    const b = Math.min(BUCKETS - 1, Math.floor(((ms[i] - start) / span) * BUCKETS));
    if (b !== bucket) {
      flush();
      bucket = b;
      lo = values.map(() => -1);
      hi = values.map(() => -1);
    }
    for (let s = 0; s < values.length; s++) {
      const v = values[s][i];
      if (v === null) continue;
      if (lo[s] < 0 || v < (values[s][lo[s]] as number)) lo[s] = i;
      if (hi[s] < 0 || v > (values[s][hi[s]] as number)) hi[s] = i;
    }
  }
  flush();
  return { keep: [...keep].sort((a, b) => a - b), gaps };
}
