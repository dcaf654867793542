// The whole real corpus for the server-log categories: every file parses with few unrecognized
// lines (5.5: at most 1%, the others 2%), loses no line, parses no shape two ways, and yields
// exactly the memory failures a person counts by hand. Skips when ../shared is absent.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mysqlShapes } from '../src/formats/mysql-error/mysql-error.js';
import { phpFpmShapes } from '../src/formats/php-fpm/php-fpm.js';
import { HAS_CORPUS, SHARED, contentFormats, corpusFiles, expectConserved, run } from './helpers.js';

const LIMITS: Record<string, number> = {
  'mysql-5.5': 0.01,
  'mysql-5.6': 0.02,
  'mysql-5.7': 0.02,
  'mysql-8.0': 0.02,
  mariadb: 0.02,
  'php-fpm': 0.02,
};

/** Memory failures counted by hand per file (files not listed: none). */
const FAILURES: Record<string, string[]> = {
  'issue-dde-9-compose-prefix-5.5-errno12-512M.log': ['mysql.mmap_failed'],
  'issue-vesta-987-centos6-5.5.51-errno12-mysqld_safe.log': ['mysql.mmap_failed'],
  'pt-errlog001-5.0.45-mysqld-started-ended.log': ['mysql.mmap_failed'],
  'issue-docker-mysql-248-5.7.17-compose-prefix-errno12.log': ['mysql.mmap_failed'],
  // three start attempts, each ending in `Aborting`, none with an mmap line (Windows)
  'issue-easyappointments-860-wampserver-windows-cannot-allocate-no-mmap-line.log': [
    'mysql.buffer_pool_alloc_failed',
    'mysql.buffer_pool_alloc_failed',
    'mysql.buffer_pool_alloc_failed',
  ],
  'issue-optware-ng-103-5.7.9-arm-router-errno12.log': ['mysql.mmap_failed'],
  'issue-vimagick-dockerfiles-62-5.7-compose-errno12.log': ['mysql.mmap_failed'],
  // not memory: ENOSPC (error 28), pthread_create EPERM, a corrupt page
  'issue-vip-container-images-262-errno28-not-memory.log': [],
  'issue-wandb-server-86-5.7-pthread-create-fatal-three-stamp-styles.log': [],
  // the bundle's MariaDB 10.11 under `ulimit -v`
  'mysqld.err': ['mysql.buffer_pool_alloc_failed'],
};

const BUNDLE = path.join(SHARED, 'bundles', 'lnmp-ptstalk-buffer-pool-failure');

describe.skipIf(!HAS_CORPUS)('corpus: server logs', () => {
  for (const [category, limit] of Object.entries(LIMITS)) {
    for (const file of corpusFiles(category)) {
      const name = path.basename(file);
      it(`${category}/${name}`, async () => {
        const a = await run([file]);
        const i = a.inputs[0];
        expect(i.error).toBeNull();
        expect(contentFormats(i.formats)).toEqual([category === 'php-fpm' ? 'php-fpm' : 'mysql-error']);
        expect(i.unrecognized, 'unrecognized lines').toBeLessThanOrEqual(Math.floor(limit * (i.lines - i.blank)));
        expectConserved(a);
        expect(a.failures.map((f) => f.event.kind)).toEqual(FAILURES[name] ?? []);
      });
    }
  }

  it('the bundle: one buffer-pool failure in mysqld.err, the max_children warning in php-fpm.log', async () => {
    const a = await run([path.join(BUNDLE, 'mysqld.err'), path.join(BUNDLE, 'php-fpm.log')]);
    expect(a.failures.map((f) => [path.basename(f.event.src.path), f.event.kind, f.requested_bytes])).toEqual([
      ['mysqld.err', ...FAILURES['mysqld.err'], 1024 ** 3],
    ]);
    expect(a.stats.unrecognized).toBe(0);
    expectConserved(a);
  });

  it('every max_children warning becomes phpfpm.max_children', async () => {
    const files = [...corpusFiles('php-fpm'), path.join(BUNDLE, 'php-fpm.log')];
    const said = files.reduce((n, f) => n + readFileSync(f, 'utf8').split('max_children setting').length - 1, 0);
    const a = await run(files);
    expect(said).toBeGreaterThan(0);
    expect(a.events.filter((e) => e.kind === 'phpfpm.max_children').length).toBe(said);
  });

  it('parsed no shape two ways', () => {
    expect([...mysqlShapes.ambiguous]).toEqual([]);
    expect([...phpFpmShapes.ambiguous]).toEqual([]);
  });
});
