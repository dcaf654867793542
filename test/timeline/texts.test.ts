// The collector tells a recurring line text by one regex instead of building each message's fold
// text (every run of digits as `#`): the regex must say yes exactly when the fold texts are equal.
import { describe, expect, it } from 'vitest';
import { FoldTexts, foldTest, foldText } from '../../src/fold-texts.js';
import { mulberry32 } from '../helpers.js';

const PIECES = ['1', '12', '007', '#', '##', 'a', 'ab', ' ', '.', "'", '9#', '#9', 'é', '\u0000', '\n', '(', '*', '\\'];

function texts(n: number): string[] {
  const rnd = mulberry32(3);
  const out = ['', '1', '#', 'a'];
  for (let i = 0; i < n; i++) {
    let s = '';
    const k = Math.floor(rnd() * 6);
    for (let j = 0; j < k; j++) s += PIECES[Math.floor(rnd() * PIECES.length)];
    out.push(s);
  }
  return out;
}

describe('fold test without building the fold text', () => {
  it('matches exactly the messages with the same fold text', () => {
    const all = texts(600);
    let same = 0;
    for (const a of all) {
      const test = foldTest(foldText(a));
      for (const b of all) {
        const equal = foldText(a) === foldText(b);
        expect(test.test(b), `${JSON.stringify(a)} ~ ${JSON.stringify(b)}`).toBe(equal);
        if (equal) same++;
      }
    }
    expect(same).toBeGreaterThan(all.length);
  });

  it('reads regex characters literally', () => {
    const text = String.raw`a.b*c+d?e(f)g[h]i{j}k|l^m$n\o/p 7`;
    expect(foldTest(foldText(text)).test(text)).toBe(true);
    expect(foldTest(foldText(text)).test(text.replace('.', 'x'))).toBe(false);
  });
});

describe('fold classes of many distinct texts', () => {
  /** Synthetic MySQL-like notes: 45 distinct texts, numbers in different places, some sharing their opening. */
  const notes = Array.from({ length: 45 }, (_, i) => (n: number) => (i % 3 === 0 ? `InnoDB: page ${n} of space ${i % 7} note ${'x'.repeat(i)}` : i % 3 === 1 ? `${n} connections aborted kind ${'y'.repeat(i)}` : `Plugin note ${'z'.repeat(i)} took ${n} ms`));

  it('gives every message its fold text, and rewrites each distinct text only a few times', () => {
    const memo = new FoldTexts();
    const rnd = mulberry32(9);
    let asked = 0;
    for (let round = 0; round < 400; round++) {
      for (const note of notes) {
        const m = note(Math.floor(rnd() * 1e6));
        expect(memo.of(m).text, m).toBe(foldText(m));
        asked++;
      }
    }
    // each text is rewritten until it recurs a third time, then found by its head; the rest are memo hits
    expect(asked).toBe(18_000);
    expect(memo.rewrites).toBeLessThanOrEqual(45 * 3);
  });

  it('gives the fold text of fuzzed messages through the memo', () => {
    const memo = new FoldTexts();
    const all = texts(3000);
    for (let i = 0; i < 3; i++) for (const m of all) expect(memo.of(m).text, JSON.stringify(m)).toBe(foldText(m));
  });
});
