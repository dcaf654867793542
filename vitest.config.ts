// Test runner settings for a small machine (2 cores). Most test files share one module graph
// (`isolate: false`): importing src/ afresh for each of ~100 files cost more than the tests
// themselves; no src module keeps mutable state at import (issue #12), so sharing is safe. Two
// workers use both cores (vitest's default is cores - 1). The files listed in LATER run after all
// the others, each with its own module graph.
import { defineConfig } from 'vitest/config';

const INCLUDE = ['test/**/*.test.ts', 'lab/**/*.test.ts'];
/**
 * Files that need their own module graph or the machine: one replaces modules with vi.mock; the
 * grammar coverage test wraps the compiled grammars before any format builds its parser from them;
 * the browser test's headless Chromium times out when it shares two cores with another worker.
 */
const LATER = ['test/reliability/internal-error.test.ts', 'test/grammar-coverage.test.ts', 'test/report/browser.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      // the notes for the whole run are printed once, by this project's global setup
      { extends: true, test: { name: 'shared', include: INCLUDE, exclude: LATER, isolate: false, globalSetup: ['test/global-setup.ts'], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'later', include: LATER, isolate: true, sequence: { groupOrder: 1 } } },
    ],
  },
});
