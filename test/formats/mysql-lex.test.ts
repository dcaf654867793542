// The hand-written MySQL error-log lexer must give exactly the moo lexer's tokens: on every line
// of the fixtures, samples and corpus, and on many lines made of the pieces the rules fight over
// (stamps cut short, thread ids that are words, brackets too long, csv fields, tabs).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mysqlShapes } from '../../src/formats/mysql-error/mysql-error.js';
import { CORPUS, HAS_CORPUS, ROOT, filesUnder, mulberry32 } from '../helpers.js';

const simple = (text: string) => {
  const t = mysqlShapes.lexSlow(text);
  return t ? t.tokens.map((k) => [k.type, k.text]) : null;
};
const fast = (text: string) => {
  const t = mysqlShapes.lex(text);
  return t ? t.tokens.map((k) => [k.type, k.text]) : null;
};

function expectSame(lines: string[]): void {
  for (const line of lines) expect(fast(line), JSON.stringify(line)).toEqual(simple(line));
}

const PIECES = [
  '160521', '16052', '1605211', ' ', '  ', '   ', '\t', '11:06:36', '1:06:36', ' 9:06:36', '11:6:36', '11:06:3', '123:06:36',
  '2016-05-21', '2016-5-21', 'T', '.', '.123456', '.1234567891234', 'Z', '+08:00', '+0800', '-05', '+08:', '-0530', ' UTC', 'UTC',
  '07:00:44', '[Note]', '[ERROR]', '[FATAL]', '[Warning]', '[MY-010116]', '[MY-]', '[MY-12', '[Server]', '[A b]', '[Abcdefghijklmnop]',
  '[Abcdefghijklmnopq]', '[System]', '[1]', '[', ']', '0x7fcb6cb3c700', '0x', '0x12345678901234567', '0X12', '7fddc77c9700', 'deadbeef', 'facade',
  'FACADE', 'abcde', '13110', '1234567890123456789012', '12345678901234567890', ', 8428, Note, ', ', 8428, Note,', ', , Note, ',
  ', 1, Abcdefghijklm, ', ',', 'InnoDB:', 'InnoDB: mmap(137363456 bytes) failed; errno 12', 'mysqld_safe', 'Aborting', 'é', '\r', ':', '-',
];

const STAMPS = [
  '160521 11:06:36', '160521  9:06:36', '160521 09:06:36', '160521 9:06:36', '160521  19:06:36', '160521 11:06:3', '16052 11:06:36',
  '2016-05-21 11:06:36', '2016-05-21T11:06:36.123456Z', '2023-05-28  8:34:45', '2016-05-21T11:06:36+08:00', '2016-05-21T11:06:36.1234567891',
  '2016-05-21T11:06:36-0530', '2016-05-21T11:06:36+08:', '2016-05-21T11:06:36+0', '2016-05-21T1:06:36Z', '2016-05-21X11:06:36',
  '07:00:44 UTC', '07:00:44 UT', '7:00:44 UTC', '',
];

function fuzz(n: number): string[] {
  const rnd = mulberry32(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let s = rnd() < 0.85 ? pick(STAMPS) : '';
    const k = Math.floor(rnd() * 9);
    for (let j = 0; j < k; j++) s += rnd() < 0.3 ? ' ' : pick(PIECES);
    out.push(s);
  }
  return out;
}

describe('hand-written mysql-error lexer', () => {
  it('lexes every fixture and sample line as moo does', () => {
    const inputs = [...filesUnder(path.join(ROOT, 'test')), ...filesUnder(path.join(ROOT, 'samples'))].filter((f) => !/\.(?:ts|ndjson|html)$/.test(f));
    const lines = inputs.flatMap((f) => readFileSync(f, 'utf8').split('\n'));
    expect(lines.length).toBeGreaterThan(1000);
    expectSame(lines);
  });

  it.skipIf(!HAS_CORPUS)('lexes every corpus line as moo does', () => {
    expectSame(filesUnder(CORPUS).flatMap((f) => readFileSync(f, 'utf8').split('\n')));
  });

  it('lexes 50,000 lines made of contested pieces as moo does', () => {
    expectSame(fuzz(50_000));
  });

  it('gives a shape key per token sequence that parses as the string key does', () => {
    for (const line of fuzz(5000)) {
      const t = mysqlShapes.lex(line);
      const slow = mysqlShapes.lexSlow(line);
      if (!t || !slow) continue;
      expect(mysqlShapes.shape(t), line).toEqual(mysqlShapes.shape(slow));
    }
  });
});
