// dmesg uptimes with no boot instant in the bundle: placed back from the file's mtime, keeping
// their spacing and saying so, so no event is left without a time.
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { run } from '../helpers.js';

it('places a dmesg file back from its modification time when nothing gives the boot instant', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'oomtrail-boot-'));
  const file = path.join(dir, 'dmesg.log');
  writeFileSync(file, '[40525.5] php-fpm invoked oom-killer: gfp_mask=0x201da, order=0, oom_score_adj=0\n[40530.5] Out of memory: Killed process 7082 (mysqld) total-vm:1000kB, anon-rss:500kB, file-rss:0kB\n');
  const mtime = new Date('2016-05-21T10:00:00Z');
  utimesSync(file, mtime, mtime);
  const a = await run([file], { tz: 'UTC' });
  const kill = a.events.find((e) => e.kind === 'kernel.oom_kill');
  const invoked = a.events.find((e) => e.kind === 'kernel.oom_invoked');
  expect(kill && a.clock.iso(kill.time.ms)).toBe('2016-05-21T10:00:00.000Z');
  expect(invoked && a.clock.iso(invoked.time.ms)).toBe('2016-05-21T09:59:55.000Z');
  expect(kill?.time.source).toBe('inferred');
  expect(kill?.time.note).toMatch(/no boot instant in the bundle/);
  expect(a.failures).toHaveLength(1);
});
