// Usage errors as people expect them from Unix tools: one line saying what is wrong (with a "did
// you mean" when a known word is one or two keystrokes away), then one line pointing at --help.
// Anything echoed back from the command line is shown inert (control and bidi characters escaped).
import { plain } from '../report/sanitize.js';

export class UsageError extends Error {}

export const USAGE_HINT = "Try 'oomtrail --help' for the options.";

/** The two lines written to stderr for a usage error. */
export function usageText(message: string): string {
  return `oomtrail: ${message.replace(/\s*\n\s*/g, ' ')}\n${USAGE_HINT}\n`;
}

/** A value from the command line, as it may be echoed to a terminal. */
export function echo(value: unknown): string {
  return plain(String(value));
}

/** Levenshtein distance, stopping early past `max` (words here are short). */
export function distance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const swap = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] ? prev[j - 2] + 1 : Infinity;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), swap);
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The closest known word (within 2 edits, or a prefix of one), or null. */
export function closest(word: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = 3;
  for (const k of known) {
    const d = k.startsWith(word) && word.length >= 3 ? 1 : distance(word, k, 2);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

/** ` (did you mean --format?)` or ''. */
export function didYouMean(word: string, known: readonly string[], prefix = ''): string {
  const c = closest(word, known);
  return c ? ` (did you mean ${prefix}${c}?)` : '';
}
