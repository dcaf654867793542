// Build step: the hand-written MySQL error-log lexer (src/formats/mysql-error/mysql-lex.ts) must
// give exactly the moo lexer's tokens (grammar/mysql-error.ne, the definition) on a fixed set of
// lines: every line of the mysql-error fixtures, of the samples and the format's declared samples.
// Any difference fails the build, naming the line. The format's module is bundled from src/ into a
// temporary folder for this (removed after).
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'rolldown';
import { fromSources } from './bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = mkdtempSync(path.join(tmpdir(), 'oomtrail-check-lex-'));
await build({
  ...fromSources,
  input: { 'mysql-error': 'src/formats/mysql-error/mysql-error.ts' },
  output: { dir: outDir, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
});
const { mysqlShapes, mysqlError } = await import(pathToFileURL(path.join(outDir, 'mysql-error.js')).href);
rmSync(outDir, { recursive: true, force: true });

/** Input files under a folder (not goldens, notes or tests), sorted. */
function inputs(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...inputs(p));
    else if (!/\.(?:ts|md|ndjson|json|html)$/.test(name)) out.push(p);
  }
  return out;
}

const tokens = (t) => (t ? JSON.stringify(t.tokens.map((k) => [k.type, k.text])) : 'null');

const files = [...inputs(path.join(root, 'test', 'formats', 'mysql-error')), ...inputs(path.join(root, 'samples'))];
const lines = [...mysqlError.samples.map((s) => ['declared sample', s.line])];
for (const f of files) for (const [i, line] of readFileSync(f, 'utf8').split('\n').entries()) lines.push([`${path.relative(root, f)}:${i + 1}`, line]);

let differ = 0;
for (const [where, line] of lines) {
  const fast = tokens(mysqlShapes.lex(line));
  const moo = tokens(mysqlShapes.lexSlow(line));
  if (fast === moo) continue;
  if (differ++ < 5) console.error(`mysql-lex.ts differs from the moo rules at ${where}:\n  line: ${JSON.stringify(line)}\n  moo:  ${moo}\n  hand: ${fast}`);
}
if (differ > 0) {
  console.error(`check-mysql-lex: ${differ} of ${lines.length} lines lex differently; fix src/formats/mysql-error/mysql-lex.ts (or the rules in grammar/mysql-error.ne)`);
  process.exit(1);
}
if (lines.length < 1000) {
  console.error(`check-mysql-lex: only ${lines.length} lines to compare (fixtures or samples missing?)`);
  process.exit(1);
}
