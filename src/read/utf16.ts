// UTF-16 text (Windows logs, PowerShell's `>` redirection) is known by its byte-order mark and
// decoded to UTF-8 as it streams, so the line splitter and the formats read it like any log.
import { StringDecoder } from 'node:string_decoder';

export type Utf16 = 'utf-16le' | 'utf-16be';

/** The UTF-16 byte order a stream's mark says (null: no UTF-16 mark). */
export function utf16Of(head: Buffer): Utf16 | null {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
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
