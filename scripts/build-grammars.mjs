// Compiles every grammar/*.ne with nearleyc into src/generated/*.ts (git-ignored, never edited by
// hand). Runs as part of `npm run build`, so tests and the CLI always use fresh grammars.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'src', 'generated');
mkdirSync(outDir, { recursive: true });
const nearleyc = path.join(root, 'node_modules', 'nearley', 'bin', 'nearleyc.js');
for (const file of readdirSync(path.join(root, 'grammar')).filter((f) => f.endsWith('.ne')).sort()) {
  const out = path.join(outDir, file.replace(/\.ne$/, '.ts'));
  execFileSync(process.execPath, [nearleyc, path.join(root, 'grammar', file), '-o', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  // The generated module is checked by tsc like the rest, bar nearley's own loose helpers.
  writeFileSync(out, `// Generated from grammar/${file} by nearleyc: do not edit.\n// @ts-nocheck\n${readFileSync(out, 'utf8')}`);
}
