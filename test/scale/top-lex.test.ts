// The hand-written `top` row scanner must give exactly the moo lexer's tokens (type, text, offset)
// on every line it answers, and answer the process rows a watcher is made of: over every line of
// the fixtures, samples and corpus, and over many synthetic lines made of the cells the rules
// fight over (sizes, clocks, column names, negative nices, dots, `Mem:`-like words, odd bytes).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { topShapes } from '../../src/formats/top/top.js';
import { lexTopCells } from '../../src/formats/top/top-lex.js';
import { CORPUS, HAS_CORPUS, ROOT, filesUnder, mulberry32 } from '../helpers.js';

const tokens = (t: { tokens: { type?: string; text: string; offset: number; index?: unknown }[] } | null) =>
  t ? t.tokens.map((k) => [k.type, k.text, k.offset, k.index]) : null;

/** Token-type sequence (moo's key) per shape code seen: a code must stand for one sequence only. */
const keyOfCode = new Map<number, string>();

/** Lines the scanner answered, each checked against moo (tokens, shape key or code, parse). */
function expectSame(lines: string[]): number {
  let answered = 0;
  for (const line of lines) {
    const fast = lexTopCells(line);
    if (!fast) continue;
    answered++;
    const slow = topShapes.lexSlow(line);
    expect(tokens(fast), JSON.stringify(line)).toEqual(tokens(slow));
    const key = slow?.key ?? '';
    if (fast.code === undefined) expect(fast.key, JSON.stringify(line)).toBe(key);
    else {
      expect(keyOfCode.get(fast.code) ?? key, JSON.stringify(line)).toBe(key);
      keyOfCode.set(fast.code, key);
    }
    if (slow) expect(topShapes.shape(fast), JSON.stringify(line)).toEqual(topShapes.shape(slow));
  }
  return answered;
}

const CELLS = [
  '1', '12345', '-5', '-', '-x', '0.0', '6,2', '1.', '1,', '.5', '33m', '364m', '1124,6g', '8193.3g', '12.k', '1.2.3', '7k', '7x',
  '0:04.87', '6876:45', '00:00:22', '79-20:57:40', '12:52', '12:5', '1-2:45', '12:34:5', '12:34.', '12:34:56.', '1:23:45.6',
  'PID', 'USER', '%CPU', '%MEM', 'TIME+', 'TIME++', 'UTIL.', 'COM.', 'A.B', 'Tareas:', 'Hilos:', 'Intercambio', 'mem', 'swap', 'Minn', 'Uppgifter:', 'Fire', 'exec:', 'COMMAND', 'RT', 'S', 'R', 'A_B9', 'Ab', '%', '%cpu', '%A1',
  '...', '....', '..', '...x', 'php-fpm', 'mysqld', '/usr/sbin/mysqld', '[kthreadd]', 'pool', 'www', 'nginx:', 'www-data',
  'Mem:', 'Mem', ':', 'KiB', 'MiB', 'Swap:', 'Spch', 'Tasks:', 'Threads:', 'top', '-', 'Cpu(s):', '%Cpu(s):', 'CPU:', 'Cpu0',
  'Load', 'average:', 'total,', 'é', '\u2026', '\u2502', '\r', '\u0000', '\u007f', 'x\ty',
];

function fuzz(n: number): string[] {
  const rnd = mulberry32(11);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const blank = () => pick([' ', '  ', '   ', '\t', ' \t ']);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let s = rnd() < 0.5 ? blank() : '';
    const k = 1 + Math.floor(rnd() * 14);
    for (let j = 0; j < k; j++) s += (j > 0 ? blank() : '') + pick(CELLS);
    if (rnd() < 0.2) s += blank();
    out.push(s);
  }
  return out;
}

/** Rows as the bench generator writes them (procps-ng and 3.2 layouts). */
function rows(n: number): string[] {
  const rnd = mulberry32(5);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const pid = String(1 + Math.floor(rnd() * 99_999)).padStart(5);
    const rss = Math.floor(rnd() * 2_000_000);
    out.push(`${pid} www-data  20   0  240000 ${String(rss).padStart(6)}   4000 S   0.0   ${(rnd() * 10).toFixed(1)}   0:01.00 php-fpm: pool www`);
    out.push(`${pid} mysql     20   0 ${Math.round(rss / 1024)}m ${Math.round(rss / 2048)}m 4000 S  0.0  3.4   3:08.90 /usr/sbin/mysqld --basedir=/usr`);
  }
  return out;
}

describe('hand-written top row scanner', () => {
  it('lexes every fixture, sample and corpus line it answers as moo does, and answers the process rows', () => {
    const inputs = [...filesUnder(path.join(ROOT, 'test')), ...filesUnder(path.join(ROOT, 'samples')), ...(HAS_CORPUS ? filesUnder(CORPUS) : [])].filter((f) => !/\.(?:ts|ndjson|html|json)$/.test(f));
    const lines = inputs.flatMap((f) => readFileSync(f, 'utf8').split('\n'));
    expect(lines.length).toBeGreaterThan(1000);
    expect(expectSame(lines)).toBeGreaterThan(1000);
    const topRows = readFileSync(path.join(ROOT, 'test/formats/top/procps-ng-3.3.9-cached-mem.log'), 'utf8')
      .split('\n')
      .filter((l) => /^ *\d+ /.test(l));
    expect(topRows.length).toBeGreaterThanOrEqual(5);
    for (const l of topRows) expect(lexTopCells(l), l).not.toBeNull();
  });

  it('lexes 50,000 lines of contested cells as moo does', () => {
    expect(expectSame(fuzz(50_000))).toBeGreaterThan(10_000);
  });

  it('lexes generated process rows as moo does, all of them', () => {
    const lines = rows(5000);
    expect(expectSame(lines)).toBe(lines.length);
  });

  it('leaves headers and summary lines to moo', () => {
    for (const l of ['top - 05:02:02 up 27 min,  1 user,  load average: 3.92, 3.93, 3.32', 'Tasks: 110 total,   1 running', 'MiB Mem :  24105.6 total', 'KiB Swap:        0 total', '%Cpu(s):  0.0 us', 'Cpu(s):  3.1%us', 'Mem: 449532K used', 'CPU:   0% usr', 'Load average: 0.00 0.01'])
      expect(lexTopCells(l), l).toBeNull();
  });
});
