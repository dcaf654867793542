// Advice from real config files (test/formats/ini-config/unseen/) parsed by oomtrail, put in a
// small bundle built by hand: a `top` frame of php-fpm workers a minute before an mmap failure.
// Each pool style: dynamic (spares follow the cut), static and ondemand (no spares), several pools
// summed, one pool split over two files, a limit php-fpm reads from a template, sizes of the pool.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSize } from '../../src/correlate/advice.js';
import { correlate } from '../../src/correlate/index.js';
import type { Event } from '../../src/event.js';
import { ROOT, run, runText } from '../helpers.js';
import { MiB, ev, min, mmap, top, workers } from './build.js';

const DIR = path.join(ROOT, 'test', 'formats', 'ini-config', 'unseen');
const opts = { lookbackSeconds: 15 * 60 };

async function configEvents(files: string[], text?: string): Promise<Event[]> {
  const a = text === undefined ? await run(files.map((f) => path.join(DIR, f))) : await runText(text);
  return a.events.filter((e) => e.kind === 'config.mysql' || e.kind === 'config.phpfpm');
}

/** 994 MiB of RAM, 10 php-fpm workers of 80 MiB: room for (994 − 149 − 192) ÷ 80 = 8 workers. */
function advise(configs: Event[], extra: Event[] = []) {
  const state = top(min(-1), { total: 994, free: 40 }, workers(10, 80));
  const timeline = [...configs, ...extra, state, mmap(min(0))].sort((a, b) => a.time.ms - b.time.ms || a.seq - b.seq);
  return correlate(timeline, opts).advice;
}
const table = (advice: ReturnType<typeof advise>) => advice.map((a) => [a.setting, a.current, a.recommended]);

describe('advice on real configs', () => {
  it('dynamic (RHEL stock www.conf): max_children is cut and the three spare settings follow it', async () => {
    const advice = advise(await configEvents(['rhel-stock-www.conf']));
    expect(table(advice)).toEqual([
      ['pm.max_children', '50', '8'],
      ['pm.max_spare_servers', '35', '8'],
      ['pm.min_spare_servers', '10', '8'],
      ['pm.start_servers', '10', '8'],
    ]);
    expect(advice[0].reason).toContain('currently 50 (');
    expect(advice[0].reason).toMatch(/rhel-stock-www\.conf:4\)/);
  });

  it('the pool of a file with [global] before or after it is the one read', async () => {
    const before = advise(await configEvents(['debian-php7.4-global-and-www-php-fpm.conf']));
    expect(table(before)).toEqual([]); // 8 children already fit
    const after = advise(await configEvents(['lemp-template-pool-then-global.tpl.conf']));
    expect(table(after)).toEqual([]); // 5 fit
    const tight = advise(await configEvents(['lemp-template-pool-then-global.tpl.conf']), [ev('mysql.buffer_pool_init', min(-30), { bytes: 512 * MiB })]);
    expect(table(tight).slice(0, 2)).toEqual([
      ['innodb_buffer_pool_size', '512M', expect.stringMatching(/^\d+M$/)],
      ['pm.max_children', '5', '4'],
    ]);
    expect(tight[1].reason).toMatch(/currently 5 \(.*lemp-template-pool-then-global\.tpl\.conf:2\)/);
  });

  it('static and ondemand pools get no spare advice, even with spare lines left in (lines written for this test)', async () => {
    for (const pm of ['static', 'ondemand', 'OnDemand']) {
      const text = ['[www]', `pm = ${pm}`, 'pm.max_children = 50', 'pm.start_servers = 10', 'pm.min_spare_servers = 10', 'pm.max_spare_servers = 35 ; unused by this pm'].join('\n');
      expect(table(advise(await configEvents([], text))), pm).toEqual([['pm.max_children', '50', '8']]);
    }
    // `pm=dynamic;` is dynamic: the `;` starts a comment for php-fpm (pm.start_servers unset: php-fpm
    // derives it from the spares it loads, so it needs no advice)
    const dynamic = ['[www]', 'pm=dynamic;', 'pm.max_children=50;', 'pm.min_spare_servers=10;', 'pm.max_spare_servers=35;'].join('\n');
    expect(table(advise(await configEvents([], dynamic))).map(([s]) => s)).toEqual(['pm.max_children', 'pm.max_spare_servers', 'pm.min_spare_servers']);
  });

  it('an ondemand pool of 2 already fits: nothing is said', async () => {
    expect(advise(await configEvents(['hestiacp-ondemand-default.tpl.conf']))).toEqual([]);
  });

  it('pools of several files add up', async () => {
    const advice = advise(await configEvents(['amimoto-www.conf', 'autowp-pool-www.conf', 'hestiacp-ondemand-default.tpl.conf']));
    expect(table(advice)).toEqual([['pm.max_children', '27', '8']]);
    expect(advice[0].reason).toMatch(/3 pools: 15 at .*amimoto-www\.conf:1, 10 at .*autowp-pool-www\.conf:1, 2 at .*hestiacp-ondemand-default\.tpl\.conf:1/);
  });

  it('a [www] split over www.conf and zz-docker.conf is one pool, not two', async () => {
    const advice = advise(await configEvents(['amimoto-www.conf', 'docker-php-zz-docker.conf']));
    // 15, not 30; and the merged pool is still the one dynamic pool whose spares are checked
    expect(table(advice)).toEqual([['pm.max_children', '15', '8']]);
  });

  it('a limit that is a template is unknown, not left out of the sum', async () => {
    const advice = advise(await configEvents(['sitepilot-three-pools-blade-www.conf']));
    expect(table(advice)).toEqual([['pm.max_children', null, '8']]);
    expect(advice[0].reason).toContain("the configured total is unknown (pool www: pm.max_children '{{ $php['maxChildren'] }}' at ");
    // php-fpm's own warning names the limit it runs with: it fills the template in
    const warned = ev('phpfpm.max_children', min(-5), { pool: 'www', limit: 6 });
    expect(table(advise(await configEvents(['sitepilot-three-pools-blade-www.conf']), [warned]))).toEqual([['pm.max_children', '12', '8']]);
  });

  it('reads buffer pool sizes as mysqld does, from the groups mysqld reads', async () => {
    expect(['1G', '4096M', '2147483648', '384MB', '1k', '${POOL}M'].map(parseSize)).toEqual([1073741824, 4294967296, 2147483648, 384 * MiB, 1024, null]);
    const sizes: [string, string][] = [
      ['dashed-keys-4g-my.cnf', '4096M'], // innodb-buffer-pool-size = 4G
      ['percona-dashed-mysqld.cnf', '2048M'],
      ['centos-goautodial-server.cnf', '4096M'],
      ['mariadb-debian-include-and-includedir-my.cnf', '2048M'],
    ];
    for (const [file, current] of sizes) {
      const advice = advise([...(await configEvents([file])), ...(await configEvents(['amimoto-www.conf']))]);
      expect(advice[0], file).toMatchObject({ setting: 'innodb_buffer_pool_size', current });
    }
    // XAMPP's 16M pool leaves php-fpm room: only max_children is cut, the pool is left alone
    const xampp = advise([...(await configEvents(['xampp-windows-my.ini'])), ...(await configEvents(['rhel-stock-www.conf']))]);
    expect(xampp.map((a) => a.setting)).not.toContain('innodb_buffer_pool_size');
    expect(xampp[0].reason).toContain('buffer pool 16 MiB');
  });

  it('a pool size in a group mysqld does not read, or no size at all, is not taken (lines written for this test)', async () => {
    const client = advise([...(await configEvents([], '[client]\ninnodb_buffer_pool_size = 4G\n[mysqld]\ninnodb_buffer_pool_size = 256M')), ...(await configEvents(['rhel-stock-www.conf']))]);
    expect(client[0].reason).toContain('buffer pool 256 MiB');
    const template = advise([...(await configEvents(['transwarp-freemarker-my.cnf.ftl'])), ...(await configEvents([], '[mysqld]\ninnodb_buffer_pool_size = ${POOL_MB}M'))]);
    expect(template[0].reason).toContain("the default: '${POOL_MB}M' in - is no size");
  });
});
