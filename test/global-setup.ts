// Runs once before the whole test run (vitest globalSetup), in the main process: the notes that
// concern every test file are printed here once, not once per file. A user's clone has no
// ../shared, so the tests that read the shared corpus skip; CI has it and sets the long runs.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'corpus');
  if (!existsSync(corpus)) console.warn(`NOTE: ${corpus} is absent; the tests that read it are skipped (they run in the project's CI).`);
  if (!process.env.OOMTRAIL_CLICKHOUSE_URL) console.warn('NOTE: OOMTRAIL_CLICKHOUSE_URL is unset; the ClickHouse fleet test is skipped (scripts/clickhouse.sh start runs a private server; CI does).');
  if (process.env.OOMTRAIL_LONG_TESTS !== '1') console.warn('NOTE: long property and fault runs are off (OOMTRAIL_LONG_TESTS=1 turns them on; CI sets it).');
}
