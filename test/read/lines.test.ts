// The line splitter: offsets, CRLF, UTF-8 characters split across chunks, runaway lines capped.
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/read/lines.js';
import { mulberry32 } from '../helpers.js';

function split(chunks: Buffer[], max?: number) {
  const s = new LineSplitter(max);
  const out = chunks.flatMap((c) => s.push(c));
  return [...out, ...s.end()];
}

describe('LineSplitter', () => {
  it('numbers lines and gives byte offsets, with or without a final newline', () => {
    const lines = split([Buffer.from('ab\nc'), Buffer.from('d\n\nlast')]);
    expect(lines.map((l) => [l.text, l.no, l.offset])).toEqual([
      ['ab', 1, 0],
      ['cd', 2, 3],
      ['', 3, 6],
      ['last', 4, 7],
    ]);
  });

  it('tolerates CRLF', () => {
    expect(split([Buffer.from('a\r\nb\r\n')]).map((l) => l.text)).toEqual(['a', 'b']);
  });

  it('keeps a UTF-8 character split across chunks whole', () => {
    const bytes = Buffer.from('数据库\n');
    const lines = split([bytes.subarray(0, 4), bytes.subarray(4, 5), bytes.subarray(5)]);
    expect(lines.map((l) => l.text)).toEqual(['数据库']);
  });

  it('caps a runaway line, counts the rest, and does not cut a character in half', () => {
    const long = `${'é'.repeat(10)}\nnext\n`; // 20 bytes of é, then a short line
    const lines = split([Buffer.from(long)], 7);
    expect(lines[0].text).toBe('ééé');
    expect(lines[0].truncated).toBe(14);
    expect(lines[1]).toMatchObject({ text: 'next', no: 2, offset: 21 });
  });

  it('holds at most the cap of a line with no newline at all', () => {
    const s = new LineSplitter(1024);
    for (let i = 0; i < 100; i++) s.push(Buffer.alloc(65536, 0x41));
    const [line] = s.end();
    expect(line.text.length).toBe(1024);
    expect(line.truncated).toBe(100 * 65536 - 1024);
  });

  it('splits the same whether a line arrives whole in one chunk or in pieces', () => {
    const rnd = mulberry32(11);
    const pieces = ['a', 'bc', '\n', '\r\n', '\r', 'é', '数', '\u{1F600}', '\n\n', 'xxxxxxxx'];
    for (let round = 0; round < 300; round++) {
      let text = '';
      for (let i = Math.floor(rnd() * 40); i > 0; i--) text += pieces[Math.floor(rnd() * pieces.length)];
      const bytes = Buffer.concat([Buffer.from(text), Buffer.from([0xff, 0x0a, 0xe6, 0x95, 0x0a])].slice(0, Math.floor(rnd() * 3)));
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length; ) {
        const n = 1 + Math.floor(rnd() * 6);
        chunks.push(bytes.subarray(at, at + n));
        at += n;
      }
      const max = 4 + Math.floor(rnd() * 12);
      expect(split([bytes], max), JSON.stringify(text)).toEqual(split(chunks, max));
    }
  });
});

describe('readLines', () => {
  it('drops a UTF-8 byte-order mark from the first line only', async () => {
    const { readLines } = await import('../../src/read/lines.js');
    const { Readable } = await import('node:stream');
    const out: string[] = [];
    for await (const batch of readLines(Readable.from([Buffer.from('\ufeff160521 11:06:36 [Note] x\n\ufeffsecond\n')]))) out.push(...batch.map((l) => l.text));
    expect(out).toEqual(['160521 11:06:36 [Note] x', '\ufeffsecond']);
  });
});
