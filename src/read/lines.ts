// Splits a byte stream into lines with 1-based numbers and byte offsets. Splitting happens on the
// byte 0x0A, which never occurs inside a UTF-8 sequence, so a character split across chunks stays
// whole. CRLF is tolerated; a runaway line keeps its first `maxLine` bytes and counts the rest.
// Terminal colour codes (SGR: `ESC [ 36 m`, as `docker compose logs` on a terminal or a `script`
// session writes them) are removed from a line's text: they carry no content. Every other escape
// (cursor moves, titles, C1 bytes) stays, to be shown visibly. A chunk without ESC costs one search.

export interface Line {
  text: string;
  /** 1-based line number in its file. */
  no: number;
  /** Byte offset of the line's first byte. */
  offset: number;
  /** Bytes beyond the cap that were counted, not kept. */
  truncated?: number;
  /** NUL bytes skipped at its start (a hole: MIN_NUL_HOLE or more), counted, not kept. */
  hole?: number;
}

export const MAX_LINE_BYTES = 64 * 1024;

/**
 * A run of at least this many NULs at a line's start is a hole (a preallocated log after a crash,
 * a sparse file): skipped and counted, so the cap does not spend itself on it and the text after
 * it is read as the line. Shorter runs stay in the text (shown, and binary to the sniffer).
 */
export const MIN_NUL_HOLE = 512;

/** Bytes per read of a file: 64 KiB reads (the default) cost three times as long in system calls. */
export const READ_CHUNK = 256 * 1024;

/** Buffer's own decoder of a byte range (what toString('utf8', a, b) calls, minus the checks). */
type Utf8Slicing = Buffer & { utf8Slice(start: number, end: number): string };

/** Back off from a cut at `end` so it does not leave half a UTF-8 character at the end. */
function utf8Boundary(buf: Buffer, end: number): number {
  let i = end - 1;
  while (i > 0 && end - i < 4 && (buf[i] & 0xc0) === 0x80) i--;
  const lead = buf[i];
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return i + size > end ? i : end;
}

/** SGR sequences: ESC [, parameters, `m` (linear: one class, then one byte). */
const SGR = /\u001b\[[0-9;]*m/g;

/** The text without terminal colour codes (only when it has an ESC at all). */
function plainText(text: string): string {
  return text.includes('\u001b') ? text.replace(SGR, '') : text;
}

export class LineSplitter {
  private parts: Buffer[] = [];
  private partBytes = 0;
  private overflow = 0;
  /** NULs at the current line's start, not yet kept or skipped. */
  private nuls = 0;
  private hole = 0;
  private lineStart = 0; // offset of the current line's first byte
  private pos = 0; // offset of the next byte to arrive
  private no = 0;

  /** `from`: where the bytes fed start, when that is not the file's start (a part of a file). */
  constructor(
    private readonly maxLine = MAX_LINE_BYTES,
    from?: { offset: number; linesBefore: number },
  ) {
    if (from) {
      this.pos = from.offset;
      this.lineStart = from.offset;
      this.no = from.linesBefore;
    }
  }

  /** Feed a chunk; returns the lines it completed. */
  push(chunk: Buffer): Line[] {
    const out: Line[] = [];
    const esc = chunk.indexOf(27) >= 0;
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      if (this.partBytes === 0 && this.overflow === 0 && this.nuls === 0 && this.hole === 0 && chunk[start] !== 0 && nl - start <= this.maxLine) {
        // the whole line is in this chunk: decode it in place
        const end = nl > start && chunk[nl - 1] === 13 ? nl - 1 : nl;
        const text = (chunk as Utf8Slicing).utf8Slice(start, end);
        out.push({ text: esc ? plainText(text) : text, no: ++this.no, offset: this.lineStart });
      } else {
        this.keep(chunk, start, nl);
        out.push(this.finish());
      }
      this.lineStart = this.pos + nl + 1;
      start = nl + 1;
    }
    this.keep(chunk, start, chunk.length);
    this.pos += chunk.length;
    return out;
  }

  /** The last line, when the input does not end with a newline. */
  end(): Line[] {
    if (this.partBytes === 0 && this.overflow === 0 && this.nuls === 0 && this.hole === 0) return [];
    return [this.finish()];
  }

  private keep(chunk: Buffer, from: number, to: number): void {
    if (to <= from) return;
    if (this.partBytes === 0 && this.overflow === 0 && this.hole === 0) {
      // at the line's start: NULs are held back until they prove a hole or not
      let i = from;
      while (i < to && chunk[i] === 0) i++;
      this.nuls += i - from;
      if (i === to) return;
      this.settleNuls();
      from = i;
    }
    this.keepBytes(chunk, from, to);
  }

  /** The NULs held at the line's start: skipped as a hole, or kept as text. */
  private settleNuls(): void {
    if (this.nuls >= MIN_NUL_HOLE) this.hole = this.nuls;
    else if (this.nuls > 0) this.keepBytes(Buffer.alloc(this.nuls), 0, this.nuls);
    this.nuls = 0;
  }

  private keepBytes(chunk: Buffer, from: number, to: number): void {
    if (to <= from) return;
    const room = this.maxLine - this.partBytes;
    if (room <= 0) {
      this.overflow += to - from;
      return;
    }
    const take = Math.min(room, to - from);
    this.parts.push(chunk.subarray(from, from + take));
    this.partBytes += take;
    this.overflow += to - from - take;
  }

  private finish(): Line {
    this.settleNuls();
    let buf = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.partBytes);
    let end = buf.length;
    if (this.overflow > 0 && end === this.maxLine) {
      const cut = utf8Boundary(buf, end);
      this.overflow += end - cut;
      end = cut;
    } else if (end > 0 && buf[end - 1] === 13) {
      end--;
    }
    buf = buf.subarray(0, end);
    const line: Line = { text: plainText(buf.toString('utf8')), no: ++this.no, offset: this.lineStart };
    if (this.overflow > 0) line.truncated = this.overflow;
    if (this.hole > 0) line.hole = this.hole;
    this.parts = [];
    this.partBytes = 0;
    this.overflow = 0;
    this.hole = 0;
    return line;
  }
}

/** Lines of a byte stream, in batches (one per chunk), for cheap async iteration. */
export async function* readLines(stream: AsyncIterable<Buffer | string>, maxLine = MAX_LINE_BYTES, from?: { offset: number; linesBefore: number }): AsyncGenerator<Line[]> {
  const splitter = new LineSplitter(maxLine, from);
  let first = !from;
  try {
    for await (const chunk of stream) {
      const lines = splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      if (lines.length === 0) continue;
      if (first) {
        // a UTF-8 byte-order mark (Windows editors) is not part of the first line's text
        if (lines[0].text.charCodeAt(0) === 0xfeff) lines[0].text = lines[0].text.slice(1);
        first = false;
      }
      yield lines;
    }
  } catch (err) {
    // A stream cut short (a truncated gzip): the partial last line is still a line, then the error.
    const last = splitter.end();
    if (last.length > 0) yield last;
    throw err;
  }
  const last = splitter.end();
  if (last.length > 0) yield last;
}

export function isBlank(text: string): boolean {
  // a printable ASCII first character settles it (trim() removes only spaces, controls \t-\r, and Unicode spaces)
  const c = text.charCodeAt(0);
  if (c > 32 && c < 127) return false;
  return text.trim().length === 0;
}
