// --absolute-paths: each NDJSON event also carries its file's absolute path as ECS `file.path`,
// while `log.file.path` stays relative to the bundle (so ids and re-ingest stay stable); the
// same absolute paths from any working directory; refused for formats that are not NDJSON events.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { ROOT, SEED } from '../helpers.js';

const run = promisify(execFile);
const BIN = path.join(ROOT, 'bin/oomtrail.js');
const ARGS = ['--tz', 'Asia/Shanghai', '--date', '2016-05-21', '--no-progress'];

async function lines(cwd: string, input: string, extra: string[]): Promise<Record<string, unknown>[]> {
  const { stdout } = await run(process.execPath, [BIN, 'timeline', input, ...ARGS, ...extra], { cwd, maxBuffer: 1 << 26 });
  return stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

it('adds file.path (absolute) beside the bundle-relative log.file.path, the same from any folder', async () => {
  const here = await lines(ROOT, path.relative(ROOT, SEED), ['--absolute-paths']);
  const elsewhere = await lines(mkdtempSync(path.join(tmpdir(), 'oomtrail-abs-')), SEED, ['--absolute-paths']);
  expect(here.length).toBeGreaterThan(50);
  expect(JSON.stringify(elsewhere)).toBe(JSON.stringify(here));
  for (const e of here) {
    const rel = (e.log as { file: { path: string } }).file.path;
    expect((e.file as { path: string }).path).toBe(path.join(SEED, rel));
  }
  // without the flag: no file.path, and nothing else differs
  const plain = await lines(ROOT, SEED, []);
  expect(plain.every((e) => e.file === undefined)).toBe(true);
  expect(JSON.stringify(plain)).toBe(JSON.stringify(here.map(({ file: _f, ...rest }) => rest)));
}, 60_000);

it('is refused, in one line, for reports that are not NDJSON events', async () => {
  const r = await run(process.execPath, [BIN, SEED, ...ARGS, '-f', 'json', '--absolute-paths']).catch((e: { code: number; stderr: string }) => e);
  expect((r as { code: number }).code).toBe(2);
  expect((r as { stderr: string }).stderr).toMatch(/^oomtrail: --absolute-paths adds file\.path to NDJSON events \(-f ndjson or timeline\); the format is json\n/);
}, 60_000);
