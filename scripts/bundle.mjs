// Bundles the compiled CLI (dist/, from tsc) and its dependencies into dist/bundle/: the command
// and the two kinds of worker thread as entries, their shared code in chunks beside them. Starting
// then loads a few files instead of a few hundred modules (about 80 ms less per process and per
// worker thread).
// Worker threads are found next to the code that starts them (`new URL('./worker.js', ...)`), so
// the entries keep those names.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'bundle');
rmSync(out, { recursive: true, force: true });
await build({
  cwd: root,
  input: {
    main: 'dist/cli/main.js',
    'part-worker': 'dist/parse/part-worker.js',
    worker: 'dist/sweep/worker.js',
  },
  platform: 'node',
  output: { dir: out, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
  logLevel: 'warn',
});
