// Line texts with their numbers aside: every run of digits reads as `#` (the `fold text`). Repeats
// fold by it, and a message's meaning depends on its words, never its numbers. A log repeats a
// few texts millions of times, so a message is matched against the recent texts by one anchored
// regex each instead of being rewritten, and the last messages asked about are remembered.
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

/** Recurring texts tried by their regex before a message is rewritten. */
const RECENT = 4;
const LIMIT = 10_000;

export class FoldTexts {
  private readonly byText = new Map<string, FoldClass>();
  private readonly recent: FoldClass[] = [];
  private m0: string | null = null;
  private c0: FoldClass | null = null;
  private m1: string | null = null;
  private c1: FoldClass | null = null;

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
    const recent = this.recent;
    for (let i = 0; i < recent.length; i++) {
      const c = recent[i];
      if (!(c.test as RegExp).test(message)) continue;
      if (i > 0) [recent[i - 1], recent[i]] = [c, recent[i - 1]]; // the frequent texts move up
      return c;
    }
    const text = foldText(message);
    let c = this.byText.get(text);
    if (!c) {
      if (this.byText.size >= LIMIT) this.byText.clear();
      c = { text, matches: new Map(), lastMatch: false, seen: 1 };
      this.byText.set(text, c);
      return c;
    }
    // recurring (a third time: a regex is worth building): tried first from now on (the text
    // that recurred longest ago makes room)
    if (!c.test && ++c.seen < 3) return c;
    c.test ??= foldTest(text);
    if (recent.length >= RECENT) recent.shift();
    recent.push(c);
    return c;
  }
}

/** One per process: a pure memo (the same message always has the same class's text). */
export const FOLD_TEXTS = new FoldTexts();
