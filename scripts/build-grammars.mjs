// Compiles every grammar/*.ne with nearley's compiler (what nearleyc runs, here in one process
// rather than one process per grammar) into src/generated/*.ts (git-ignored, never edited by
// hand). Runs as part of `npm run build`, so tests and the CLI always use fresh grammars.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const nearley = require('nearley');
const compile = require('nearley/lib/compile.js');
const generate = require('nearley/lib/generate.js');
const lint = require('nearley/lib/lint.js');
const bootstrapped = require('nearley/lib/nearley-language-bootstrapped.js');
const { version } = require('nearley/package.json');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'src', 'generated');
mkdirSync(outDir, { recursive: true });
for (const file of readdirSync(path.join(root, 'grammar')).filter((f) => f.endsWith('.ne')).sort()) {
  const src = path.join(root, 'grammar', file);
  const parser = new nearley.Parser(nearley.Grammar.fromCompiled(bootstrapped));
  parser.feed(readFileSync(src, 'utf8'));
  parser.feed('\n');
  if (parser.results.length === 0) throw new Error(`grammar/${file}: incomplete grammar`);
  // `args` is where compile() resolves @include paths from, as nearleyc passes them
  const compiled = compile(parser.results[0], { version, args: [src] });
  lint(compiled, { out: process.stderr, version });
  // The generated module is checked by tsc like the rest, bar nearley's own loose helpers.
  const out = `// Generated from grammar/${file} by nearley's compiler: do not edit.\n// @ts-nocheck\n${generate(compiled, 'grammar')}`;
  writeFileSync(path.join(outDir, file.replace(/\.ne$/, '.ts')), out);
}
