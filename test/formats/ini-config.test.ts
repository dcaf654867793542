// The ini-config format: my.cnf and php-fpm pool files become config events with their settings.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { iniShapes } from '../../src/formats/ini-config/ini-config.js';
import { ROOT, expectConserved, run } from '../helpers.js';

const DIR = path.join(ROOT, 'test', 'formats', 'ini-config');
const settingsOf = (a: Awaited<ReturnType<typeof run>>) =>
  a.events.filter((e) => e.kind === 'config.mysql' || e.kind === 'config.phpfpm').map((e) => [e.kind, (e.data as { settings: object }).settings]);

describe('ini-config', () => {
  it.each(readdirSync(DIR).filter((f) => !f.endsWith('.md') && !f.startsWith('__') && statSync(path.join(DIR, f)).isFile()))('%s conserves lines', async (name) => {
    const a = await run([path.join(DIR, name)]);
    expectConserved(a);
    expect(a.inputs[0].formats).toEqual(['ini-config']);
  });

  it('reads php-fpm pools apart from the global section, values without their comments', async () => {
    const a = await run([path.join(DIR, 'lab-www.conf'), path.join(DIR, 'seed-www-excerpt.conf')]);
    const pools = a.events.filter((e) => e.kind === 'config.phpfpm');
    expect(pools.map((e) => (e.kind === 'config.phpfpm' ? [e.data.pool, e.data.settings['pm.max_children']] : null))).toEqual([
      ['global', undefined],
      ['www', '40'],
      [undefined, '50'],
    ]);
  });

  it('normalises mysql option names and keeps includes, flags and quoted values', async () => {
    const a = await run([path.join(DIR, 'bad-and-odd.cnf')]);
    expect(settingsOf(a)).toEqual([
      ['config.mysql', { '!includedir': '/etc/mysql/conf.d/', key_buffer_size: '16M', skip_name_resolve: 'ON', innodb_buffer_pool_size: '512M' }],
      ['config.mysql', { port: '3306' }],
    ]);
    expect(a.events.filter((e) => e.kind === 'line.unrecognized').map((e) => e.message)).toEqual(['this is not a setting']);
    expect([...iniShapes.ambiguous]).toEqual([]);
  });
});
