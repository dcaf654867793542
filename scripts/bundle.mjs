// Bundles the CLI and its dependencies from the TypeScript sources into dist/bundle/: the command,
// the two kinds of worker thread and the --each pool as entries, their shared code in chunks beside them. Starting
// then loads a few files instead of a few hundred modules (about 80 ms less per process and per
// worker thread). rolldown strips the types itself, so the build compiles nothing twice: type
// checking is `npm run typecheck` (one tsc over src, test, bench and lab; npm test runs it).
// Worker threads are found next to the code that starts them (`new URL('./worker.js', ...)`), so
// the entries keep those names.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** rolldown options that read src/ as tsc would: `./x.js` imports are the `./x.ts` files, tsc's settings. */
export const fromSources = {
  cwd: root,
  platform: 'node',
  resolve: { extensionAlias: { '.js': ['.ts', '.js'] } },
  tsconfig: path.join(root, 'tsconfig.build.json'),
  logLevel: 'warn',
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = path.join(root, 'dist', 'bundle');
  rmSync(out, { recursive: true, force: true });
  await build({
    ...fromSources,
    input: {
      main: 'src/cli/main.ts',
      'part-worker': 'src/parse/part-worker.ts',
      worker: 'src/sweep/worker.ts',
      // the --each pool, loaded on demand; an entry so that its exports keep their names (progress.test.ts drives it)
      pool: 'src/sweep/pool.ts',
    },
    output: { dir: out, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
  });
}
