// The heads of recent plain MySQL lines, so the lines that repeat them skip the lexer and the
// grammar: a line whose text after its stamp starts with a known head (` [Warning] `, ` 0 [Note]
// [MY-010055] [Server] `) has the same tokens up to its body, hence the same shape, level and tags.
// The body is checked to lex as one body token and to mean nothing (PLAIN); anything else takes
// the full path. A pure cache: the parser's events are the same with it or without it.
import { bodyAt } from './mysql-lex.js';

/** What the full path worked out of a plain line's head (everything between its stamp and its body). */
export interface Head {
  /** The head's text, spaces included: ` [Warning] `. */
  text: string;
  /** An ISO stamp before it (else a 5.5 one). */
  iso: boolean;
  /** Whether it holds a thread id, tag or csv fields (the lexer then reads no thread id before the body). */
  tags: boolean;
  /** The `[Warning]` token's text, if any, and whether `[FATAL]` followed it. */
  levelText?: string;
  fatal: boolean;
  /** 8.0's `[MY-010055]` and `[Server]` (without brackets), the thread id. */
  code?: { code: string | undefined; subsystem: string | undefined };
  thread?: string;
}

/** How many heads are remembered: a log's plain lines come in a few heads. */
const SIZE = 6;

export class RecentHeads {
  private readonly heads: Head[] = [];
  /** Lines that repeated a head (the differential test wants the shortcut taken). */
  hits = 0;

  /**
   * The head that `text` repeats after its stamp (ending at `from`), most recent first: the same
   * characters, then a body the lexer reads as one token (so the tokens before it are the same).
   */
  find(text: string, from: number, iso: boolean): Head | undefined {
    const heads = this.heads;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (h.iso !== iso || !text.startsWith(h.text, from) || !bodyAt(text, from + h.text.length, h.tags)) continue;
      if (i > 0) [heads[i - 1], heads[i]] = [h, heads[i - 1]]; // the frequent heads move up
      this.hits++;
      return h;
    }
    return undefined;
  }

  /** Remember a head the full path read (the least used one makes room). */
  add(h: Head): void {
    if (this.heads.some((x) => x.iso === h.iso && x.text === h.text)) return;
    // every head with the same fields, in the same order: one shape for `find` to read
    h = { text: h.text, iso: h.iso, tags: h.tags, levelText: h.levelText, fatal: h.fatal, code: h.code, thread: h.thread };
    if (this.heads.length >= SIZE) this.heads.pop();
    this.heads.push(h);
  }
}
