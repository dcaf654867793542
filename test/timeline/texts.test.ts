// The collector tells a recurring line text by one regex instead of building each message's fold
// text (every run of digits as `#`): the regex must say yes exactly when the fold texts are equal.
import { describe, expect, it } from 'vitest';
import { foldTest, foldText } from '../../src/fold-texts.js';
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
