// Test runner settings for a small machine (2 cores). Most test files share one module graph
// (`isolate: false`): importing src/ afresh for each of ~100 files cost more than the tests
// themselves; no src module keeps mutable state at import (issue #12), so sharing is safe. Files
// that mock modules run isolated. Two workers use both cores (vitest's default is cores - 1).
import { defineConfig } from 'vitest/config';

const INCLUDE = ['test/**/*.test.ts', 'lab/**/*.test.ts'];
/**
 * Files that need their own module graph: one replaces modules with vi.mock; the grammar coverage
 * test wraps the compiled grammars before any format builds its parser from them.
 */
const ISOLATED = ['test/reliability/internal-error.test.ts', 'test/grammar-coverage.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      // the notes for the whole run are printed once, by this project's global setup
      { extends: true, test: { name: 'shared', include: INCLUDE, exclude: ISOLATED, isolate: false, globalSetup: ['test/global-setup.ts'] } },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
