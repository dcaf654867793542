// Line texts with their numbers aside: every run of digits reads as `#` (the `fold text`). Repeats
// fold by it, and a message's meaning depends on its words, never its numbers. A log repeats a
// few texts millions of times, so a message is matched against the recurring texts that open and
// end as it does (around its numbers) by one anchored regex each instead of being rewritten, and the last
// messages asked about are remembered.
// It sits beside event.ts, not in timeline/, because formats (mysql-messages) and the timeline both use it.

/** The fold text of a message: every run of digits as `#`. */
export function foldText(message: string): string {
  return message.replace(/\d+/g, '#');
}

/** Folded text: a run of digits reads as `#`, and so does `#` itself. */
const NUMBER = String.raw`(?:\d+(?!\d)|#)`;

/** A test for "has this fold text": literal text, and a number or `#` where the text has `#`. */
export function foldTest(text: string): RegExp {
  const literal = (t: string) => t.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  return new RegExp(`^${text.split('#').map(literal).join(NUMBER)}$`);
}

/** A fold text, with what has been worked out about it once. */
export interface FoldClass {
  text: string;
  /** Built once the text recurs (never a regex per line). */
  test?: RegExp;
  /** Whether the text matches a pattern, by pattern (a text's words decide it, numbers aside). */
  matches: Map<RegExp, boolean>;
  /** The pattern asked last, and its answer (one pattern is asked over and over). */
  lastWords?: RegExp;
  lastMatch: boolean;
  /** Times looked up by its text (until it has a test). */
  seen: number;
}

/** Recurring texts tried per key by their regex before a message is rewritten (the newest stay). */
const PER_KEY = 16;
/** At most this many characters of each end of a message make its key. */
const END = 32;
const LIMIT = 10_000;

const isDigitOrHash = (c: number) => (c >= 48 && c <= 57) || c === 35;

/**
 * A message's key: its text before the first digit or `#` and after the last (at most END
 * characters of each end). A message and its fold text have the same key, so recurring texts are
 * found among the few sharing it, however many distinct texts a log holds (a MySQL 8.0 log has
 * dozens), without a rewrite.
 */
function keyOf(s: string): string {
  const n = s.length;
  let h = 0;
  while (h < n && h < END && !isDigitOrHash(s.charCodeAt(h))) h++;
  if (h === n) return s;
  let t = n;
  while (t > 0 && t > n - END && !isDigitOrHash(s.charCodeAt(t - 1))) t--;
  return `${s.slice(0, h)}\u0000${s.slice(t)}`;
}

export class FoldTexts {
  private readonly byText = new Map<string, FoldClass>();
  /** Recurring texts with their tests, by key (keyOf). */
  private readonly keyed = new Map<string, FoldClass[]>();
  private m0: string | null = null;
  private c0: FoldClass | null = null;
  private m1: string | null = null;
  private c1: FoldClass | null = null;
  /** The two recurring texts found last: tried first (a log repeats a few texts most of the time). */
  private r0: FoldClass | null = null;
  private r1: FoldClass | null = null;
  /** Messages rewritten into their fold text (the slow path): how well the memo works. */
  rewrites = 0;

  /** The fold class of a message. */
  of(message: string): FoldClass {
    if (message === this.m0) return this.c0 as FoldClass;
    if (message === this.m1) return this.c1 as FoldClass;
    const c = this.lookup(message);
    this.m1 = this.m0;
    this.c1 = this.c0;
    this.m0 = message;
    this.c0 = c;
    return c;
  }

  /** Whether a digit-free pattern (words only) occurs in the message: decided once per fold text. */
  has(message: string, words: RegExp): boolean {
    const c = this.of(message);
    if (c.lastWords === words) return c.lastMatch;
    let m = c.matches.get(words);
    if (m === undefined) {
      m = words.test(c.text);
      c.matches.set(words, m);
    }
    c.lastWords = words;
    c.lastMatch = m;
    return m;
  }

  private lookup(message: string): FoldClass {
    const r0 = this.r0;
    if (r0 && (r0.test as RegExp).test(message)) return r0;
    const r1 = this.r1;
    if (r1 && (r1.test as RegExp).test(message)) {
      this.r1 = r0;
      this.r0 = r1;
      return r1;
    }
    const c = this.byKey(message);
    if (c.test && c !== r0) {
      this.r1 = r0;
      this.r0 = c;
    }
    return c;
  }

  private byKey(message: string): FoldClass {
    const key = keyOf(message);
    const known = this.keyed.get(key);
    if (known) {
      for (let i = 0; i < known.length; i++) {
        const c = known[i];
        if (!(c.test as RegExp).test(message)) continue;
        if (i > 0) [known[i - 1], known[i]] = [c, known[i - 1]]; // the frequent texts move up
        return c;
      }
    }
    this.rewrites++;
    const text = foldText(message);
    let c = this.byText.get(text);
    if (!c) {
      if (this.byText.size >= LIMIT) {
        this.byText.clear();
        this.keyed.clear();
        this.r0 = null;
        this.r1 = null;
      }
      c = { text, matches: new Map(), lastMatch: false, seen: 1 };
      this.byText.set(text, c);
      return c;
    }
    // recurring (a third time: a regex is worth building): tried first from now on among its key's
    // texts (the text that recurred longest ago makes room)
    if (!c.test && ++c.seen < 3) return c;
    c.test ??= foldTest(text);
    const list = known ?? [];
    if (!known) this.keyed.set(key, list);
    if (list.length >= PER_KEY) list.shift();
    list.push(c);
    return c;
  }
}

/** One per process: a pure memo (the same message always has the same class's text). */
export const FOLD_TEXTS = new FoldTexts();
