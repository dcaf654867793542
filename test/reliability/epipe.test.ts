// A reader that goes away early (`oomtrail timeline x | head -1`) ends the run quietly: exit 0,
// no EPIPE stack on stderr.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT, SEED } from '../helpers.js';

it('stops quietly when stdout is closed early', async () => {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'oomtrail.js'), 'timeline', SEED, '--tz', 'UTC'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
  expect(code).toBe(0);
});
