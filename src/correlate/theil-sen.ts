// The Theil-Sen estimator: the median of the slopes between every pair of samples, robust to a
// few outliers (up to ~29% of the samples) where a least-squares fit is not. Long series are
// thinned evenly to 200 samples first, so the pair count stays bounded (about 20k pairs).
import { median } from './series.js';

const MAX_SAMPLES = 200;

/** Slope (y per x) of [x, y] samples, or null when no two samples differ in x. */
export function theilSen(samples: readonly (readonly [number, number])[]): number | null {
  let s = samples;
  if (s.length > MAX_SAMPLES) {
    const step = (s.length - 1) / (MAX_SAMPLES - 1);
    s = Array.from({ length: MAX_SAMPLES }, (_, i) => samples[Math.round(i * step)]);
  }
  const slopes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    for (let j = i + 1; j < s.length; j++) {
      const dx = s[j][0] - s[i][0];
      if (dx !== 0) slopes.push((s[j][1] - s[i][1]) / dx);
    }
  }
  return slopes.length > 0 ? median(slopes) : null;
}
