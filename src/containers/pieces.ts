// Containers split a file as it is read, so a long syslog, watcher log or pasted session is never
// held whole: a block goes out as soon as it is complete, and a long one in pieces of a bounded
// size that carry its key (one parser reads all the pieces of a key, sniffed from the first ones).
// `wholeBlocks` joins the pieces again, for the tests and tools that want blocks at once.
import type { Line } from '../read/lines.js';
import type { Block, Container, Splitter } from './index.js';

/** Lines a piece of a block holds at most before it goes out. */
export const PIECE_LINES = 2048;

/**
 * A contiguous container's blocks, line by line: `open` starts a block (the one before is
 * complete), `add` appends to the open block (a block without format or meta when none is open).
 */
export class BlockStream {
  private cur: Block | null = null;
  private sent = false;
  private out: Block[] = [];

  /** The block being filled (its format, meta), if any. */
  get current(): Block | null {
    return this.cur;
  }

  /** Start a block; the open one is complete. */
  open(b: Omit<Block, 'lines' | 'key' | 'more'>, first?: Line): void {
    this.close();
    this.cur = { ...b, lines: first ? [first] : [] };
    this.sent = false;
  }

  add(l: Line): void {
    if (!this.cur) this.open({});
    const cur = this.cur as Block;
    cur.lines.push(l);
    if (cur.lines.length >= PIECE_LINES) {
      // unique in the file (a container may run another's splitter inside it): where the block starts
      cur.key ??= `piece @${cur.lines[0].offset}`;
      this.out.push({ ...cur, lines: cur.lines, more: true });
      cur.lines = [];
      this.sent = true;
    }
  }

  /** The open block is complete. */
  close(): void {
    const cur = this.cur;
    this.cur = null;
    if (!cur) return;
    if (this.sent) this.out.push({ ...cur, more: false }); // the last piece (maybe empty) ends its parser
    else if (cur.lines.length > 0) this.out.push({ ...cur, key: undefined, more: undefined });
  }

  /** The file ended: the open block is complete; all that is left. */
  finish(): Block[] {
    this.close();
    return this.take();
  }

  /** The blocks (and pieces) completed since the last call. */
  take(): Block[] {
    const out = this.out;
    this.out = [];
    return out;
  }
}

/** A splitter's blocks with the pieces of each key joined, in the order their first piece came. */
export function wholeBlocks(s: Splitter, lines: readonly Line[]): Block[] {
  const out: Block[] = [];
  const byKey = new Map<string, Block>();
  const take = (bs: Block[]) => {
    for (const b of bs) {
      if (b.key === undefined) {
        out.push(b);
        continue;
      }
      const had = byKey.get(b.key);
      if (had) for (const l of b.lines) had.lines.push(l); // no spread: a block may be long
      else {
        const whole: Block = { ...b, lines: [...b.lines], key: undefined, more: undefined };
        byKey.set(b.key, whole);
        out.push(whole);
      }
      if (!b.more) byKey.delete(b.key);
    }
  };
  for (const l of lines) take(s.push(l));
  take(s.end());
  return out.filter((b) => b.lines.length > 0);
}

/** A container from its splitter: `split` (whole blocks at once) is the splitter's pieces joined. */
export function streamed(c: Omit<Container, 'split'>): Container {
  return { ...c, split: (lines, file) => wholeBlocks(c.splitter(file), lines) };
}
