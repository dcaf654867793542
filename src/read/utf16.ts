// UTF-16 text (Windows logs, PowerShell's `>` redirection) is known by its byte-order mark and
// decoded to UTF-8 as it streams, so the line splitter and the formats read it like any log.
import { StringDecoder } from 'node:string_decoder';

export type Utf16 = 'utf-16le' | 'utf-16be';

/** The UTF-16 byte order a stream's mark says (null: no UTF-16 mark). */
export function utf16Of(head: Buffer): Utf16 | null {
  const kind = head[0] === 0xff && head[1] === 0xfe ? 'utf-16le' : head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : null;
  return kind && looksUtf16(head.subarray(2), kind === 'utf-16le' ? 1 : 0) ? kind : null;
}

/**
 * Text after the mark, as UTF-16: a log has ASCII (stamps, digits, spaces), each such character a
 * zero byte beside a non-zero one. Bytes FF FE starting a garbled UTF-8 file are not that.
 */
function looksUtf16(b: Buffer, high: 0 | 1): boolean {
  const units = Math.floor(b.length / 2);
  if (units === 0) return true;
  let ascii = 0;
  for (let i = 0; i < units; i++) if (b[2 * i + high] === 0 && b[2 * i + 1 - high] !== 0) ascii++;
  return ascii * 3 >= units;
}

/** Swap each byte pair (big-endian to little-endian); an odd last byte is carried over. */
function swapped(chunk: Buffer, carry: { byte: number | null }): Buffer {
  const b = carry.byte === null ? chunk : Buffer.concat([Buffer.from([carry.byte]), chunk]);
  const even = b.length - (b.length % 2);
  carry.byte = b.length % 2 ? b[b.length - 1] : null;
  const out = Buffer.from(b.subarray(0, even));
  out.swap16();
  return out;
}

/** The stream's text as UTF-8 bytes, without the byte-order mark. */
export async function* decodeUtf16(kind: Utf16, input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const decoder = new StringDecoder('utf16le');
  const carry = { byte: null as number | null };
  let first = true;
  for await (const chunk of input) {
    let text = decoder.write(kind === 'utf-16le' ? chunk : swapped(chunk, carry));
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text.length > 0) yield Buffer.from(text, 'utf8');
  }
  const rest = decoder.end();
  if (rest.length > 0) yield Buffer.from(rest, 'utf8');
}
