// A config file is a state, not an event: with nothing in the bundle dating it, its settings stay
// undated "as found in the bundle", never placed at its copy's modification time (a 2016
// incident's www.conf copied today must not land in this month's timeline).
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { run } from '../helpers.js';
import { buildReport } from '../../src/report/model.js';

it('leaves a config file undated, as found in the bundle, whatever its mtime', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'oomtrail-conf-'));
  const err = path.join(dir, 'mysqld.err');
  const conf = path.join(dir, 'www.conf');
  writeFileSync(err, "160521 11:06:36 InnoDB: mmap(137363456 bytes) failed; errno 12\n160521 11:06:36 [ERROR] Plugin 'InnoDB' init function returned error.\n");
  writeFileSync(conf, '[www]\npm = dynamic\npm.max_children = 50\n');
  const copied = new Date('2026-12-01T09:00:00Z');
  utimesSync(conf, copied, copied);
  const a = await run([dir], { tz: 'Asia/Shanghai' });
  const configs = a.events.filter((e) => e.kind === 'config.phpfpm');
  expect(configs.length).toBeGreaterThan(0);
  for (const c of configs) {
    expect(Number.isNaN(c.time.ms)).toBe(true);
    expect(c.time.note).toMatch(/^as found in the bundle/);
  }
  // its settings are still read (the advice uses them: the seed's golden advises from www.conf)
  expect(configs.some((c) => c.kind === 'config.phpfpm' && c.data.settings['pm.max_children'] === '50')).toBe(true);
  const rows = buildReport(a).timeline.filter((r) => r.kind === 'config.phpfpm');
  expect(rows.map((r) => r.wall.trim())).toEqual(configs.map(() => 'as found'));
  expect(rows.every((r) => !r.wall.includes('2026'))).toBe(true);
});
