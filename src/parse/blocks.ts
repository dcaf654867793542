// A container's file read as one stream: its splitter (src/containers/) cuts the lines into blocks
// as they come, and each block, or all pieces of one key, gets a parser of its own: the block's
// forced format, else the one its first non-blank lines sniff as, else its fallback. Nothing holds
// more than a block's first lines (until they are sniffed) or a piece.
import type { Block, Splitter } from '../containers/index.js';
import { formatById, sniffFormat } from '../formats/index.js';
import type { Format, FormatContext, LineParser } from '../formats/types.js';
import { type Line, isBlank } from '../read/lines.js';

/** What the driver lends a container's blocks: the input's formats list and how parsers are made. */
export interface BlockEnv {
  formats: string[];
  sniffLines: number;
  context(meta?: Record<string, string>): FormatContext;
  /** A parser for lines no format claims. */
  unknown(ctx: FormatContext): LineParser;
  /** A parser threw (a bug): record it, and read the rest of the block as unknown. */
  broken(err: unknown, l: Line | null, ctx: FormatContext): LineParser;
}

/** Lines held before sniffing even if few are non-blank (a block of blank lines stays bounded). */
const MAX_HELD = 4096;

class BlockReader {
  private held: Line[] = [];
  private window: string[] = [];
  private parser: LineParser | null = null;
  private ctx: FormatContext | null = null;

  constructor(
    private readonly block: Omit<Block, 'lines'>,
    private readonly env: BlockEnv,
  ) {
    const forced = block.format ? formatById(block.format) : undefined;
    if (forced) this.start(forced);
  }

  add(lines: readonly Line[]): void {
    for (const l of lines) {
      if (this.parser) this.feed(l);
      else {
        this.held.push(l);
        if (!isBlank(l.text)) this.window.push(l.text);
        if (this.window.length >= this.env.sniffLines || this.held.length >= MAX_HELD) this.start(null);
      }
    }
  }

  finish(): void {
    if (!this.parser) this.start(null);
    try {
      this.parser?.end();
    } catch (err) {
      this.env.broken(err, null, this.ctx as FormatContext);
    }
  }

  /** A forced format that is not registered is sniffed; a block nothing claims takes its fallback. */
  private start(forced: Format | null): void {
    const b = this.block;
    const f = forced ?? sniffFormat(this.window) ?? (b.fallback ? formatById(b.fallback) : undefined);
    if (f && !this.env.formats.includes(f.id)) this.env.formats.push(f.id);
    this.ctx = this.env.context(b.meta);
    this.parser = f ? f.create(this.ctx) : this.env.unknown(this.ctx);
    for (const l of this.held) this.feed(l);
    this.held = [];
    this.window = [];
  }

  private feed(l: Line): void {
    try {
      (this.parser as LineParser).line(l);
    } catch (err) {
      this.parser = this.env.broken(err, l, this.ctx as FormatContext);
      this.parser.line(l);
    }
  }
}

/** The container's file as one line parser (the driver counts the lines; this only routes them). */
export function containerParser(splitter: Splitter, env: BlockEnv): LineParser {
  const open = new Map<string, BlockReader>();
  const take = (blocks: Block[]) => {
    for (const b of blocks) {
      if (b.key === undefined) {
        const r = new BlockReader(b, env);
        r.add(b.lines);
        r.finish();
        continue;
      }
      let r = open.get(b.key);
      if (!r) {
        r = new BlockReader(b, env);
        open.set(b.key, r);
      }
      r.add(b.lines);
      if (!b.more) {
        r.finish();
        open.delete(b.key);
      }
    }
  };
  return {
    line(l) {
      take(splitter.push(l));
    },
    end() {
      take(splitter.end());
      for (const r of open.values()) r.finish();
      open.clear();
    },
  };
}
