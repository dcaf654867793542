// Every alternative of every grammar is taken by some declared sample or fixture line (the other
// direction of the registry test): each compiled rule's postprocessor is wrapped, before any format
// builds its parser, to note the alternatives that completed while the samples and fixtures were
// read. An alternative nothing exercises is dead or untested grammar. A lower bound: an alternative
// completed inside a parse that later failed counts as taken. UNTAKEN is a ratchet: the gaps found
// when the check came, each to be closed by a real sample; a new gap fails, and so does a listed
// one that is taken now (strike it from the list).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { fixtureInputs } from './fixture-inputs.js';

// not from ./helpers.js: it imports the formats, whose parsers must be built after the wrapping
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Alternatives no sample or fixture takes yet (see the header): strike each as a sample comes. */
const UNTAKEN = new Set<string>([
  'docker: line → key line$ebnf$3 empty',
  'ini-config: trailing → comment',
  'kernel: msg → ovzExit ovzName sep ovzIds ovzTail',
  'kernel: ending → sep rest',
  'kernel: ovzTail →',
  'kernel: ovzTail → sep rest',
  'mysql-error: record → stamp csv record$ebnf$2',
  'mysql-error: tags1 → bracket sp bracket sp',
  'ps: tfirst → aconn',
  'ps: tfirst → tthread',
  'ps: tfirst → tgroup',
  'ps: titem → aconn',
  'ps: titem → int',
  'ps: titem → neg',
  'ps: titem → dec',
  'ps: titem → size',
  'ps: titem → clock',
  'ps: titem → col',
  'ps: row → header sp first',
  'ps: first → neg',
  'ps: first → size',
  'ps: cell → tproc',
  'ps: cell → tthread',
  'ps: cell → tgroup',
  'ps: cell → aconn',
  'ps: cell → dots',
  'sar: line → average nums line$ebnf$4',
  'sar: line → clock sp restart line$ebnf$5 line$ebnf$6',
  'shell-prompt: line → named rest',
  'top: num → int',
  'top: value → numTrunc',
  'top: row → header sp first',
  'top: cell → tproc',
  'top: cell → tthread',
  'top: cell → tgroup',
  'top: cell → aconn',
  'top: cell → dots',
  'watcher-date: date → cjkdate sp clock zone',
]);

type Post = ((d: unknown[], loc: number, reject: unknown) => unknown) | undefined;
interface Rule { name: string; symbols: unknown[]; postprocess?: Post }

const GENERATED = path.join(ROOT, 'src', 'generated');
const taken = new Map<string, Set<number>>();
const grammars: { id: string; rules: Rule[] }[] = [];

for (const file of readdirSync(GENERATED).filter((f) => f.endsWith('.ts')).sort()) {
  const id = file.replace(/\.ts$/, '');
  const mod = (await import(path.join(GENERATED, file))) as { default: { ParserRules: Rule[] } };
  const rules = mod.default.ParserRules;
  const used = new Set<number>();
  taken.set(id, used);
  grammars.push({ id, rules });
  rules.forEach((rule, i) => {
    const post = rule.postprocess;
    rule.postprocess = (d, loc, reject) => {
      const out = post ? post(d, loc, reject) : d;
      if (out !== reject) used.add(i);
      return out;
    };
  });
}

const { FORMATS } = await import('../src/formats/index.js');
const { analyze } = await import('../src/analyze.js');

/** `ps: cell → aconn`: the grammar, the rule and its symbols (rule names, token types, literals). */
function alternative(id: string, r: Rule): string {
  const sym = (x: unknown) => (typeof x === 'string' ? x : ((x as { type?: string; literal?: string }).type ?? JSON.stringify(x)));
  return `${id}: ${r.name} → ${r.symbols.map(sym).join(' ')}`.trim();
}

describe('every grammar alternative has a sample or fixture that takes it', () => {
  it('reads the samples and fixtures', async () => {
    const { runText } = await import('./helpers.js');
    for (const f of FORMATS) for (const s of f.samples) await runText(`${s.line}\n`, { as: f.id });
    const dirs = [...FORMATS.map((f) => path.join(ROOT, 'test', 'formats', f.id)), path.join(ROOT, 'test', 'containers'), path.join(ROOT, 'samples')];
    for (const dir of dirs.filter((d) => existsSync(d))) await analyze({ tz: 'UTC', inputs: fixtureInputs(dir), keep: 'all' });
    const untaken: string[] = [];
    const all = new Set<string>();
    for (const g of grammars) {
      const used = taken.get(g.id) ?? new Set();
      g.rules.forEach((r, i) => {
        if (r.name.includes('$')) return; // nearleyc's own helpers (ebnf, subexpressions)
        const key = alternative(g.id, r);
        all.add(key);
        if (!used.has(i)) untaken.push(key);
      });
    }
    expect(untaken.filter((k) => !UNTAKEN.has(k)), 'alternatives no sample or fixture takes').toEqual([]);
    expect([...UNTAKEN].filter((k) => !untaken.includes(k)), 'taken now (or gone): strike from UNTAKEN').toEqual([]);
    expect(all.size).toBeGreaterThan(100);
  }, 300_000);
});
