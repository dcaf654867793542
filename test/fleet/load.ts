// What the fleet tests load into a store: each sample bundle's events (NDJSON, nested or --flat)
// and its failures, incidents and advice rows, made by the CLI's main() as users' commands make them. The
// seed is in Asia/Shanghai (its logs' zone); the lab and pt-stalk bundles were made in UTC.
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { ROOT } from '../helpers.js';

export const FLEET_BUNDLES: { dir: string; args: string[] }[] = [
  { dir: 'samples/2016-05-21-php-fpm-starves-mysqld', args: ['--tz', 'Asia/Shanghai', '--date', '2016-05-21'] },
  { dir: 'samples/2026-11-24-lab-mariadb-buffer-pool-ulimit', args: ['--tz', 'UTC'] },
  { dir: 'samples/2026-11-24-lnmp-ptstalk-buffer-pool-failure', args: ['--tz', 'UTC'] },
];

export type Table = 'events' | 'failures' | 'incidents' | 'advice';

/** One table's NDJSON over all the sample bundles (the CLI's main() in this process, from the repository's root). */
export async function fleetNdjson(table: Table, flat: boolean): Promise<string> {
  let out = '';
  const stdout = new Writable({
    write(c, _e, done) {
      out += c.toString();
      done();
    },
  });
  const home = process.cwd();
  process.chdir(ROOT);
  try {
    for (const b of FLEET_BUNDLES) {
      const args = table === 'events' ? ['timeline', b.dir, ...(flat ? ['--flat'] : [])] : [b.dir, '-f', 'ndjson', '--table', table];
      const code = await main([...args, ...b.args, '--no-progress'], { stdout, stderr: new Writable({ write: (_c, _e, done) => done() }), stdin: Readable.from([]), env: {} });
      if (code !== 0) throw new Error(`oomtrail ${args.join(' ')} exited ${code}`);
    }
  } finally {
    process.chdir(home);
  }
  return out;
}

/** What the five fleet queries must answer over the samples, with "now" in June 2016: rows as
 * strings, times as UTC `YYYY-MM-DD HH:MM:SS`, nulls as ''. */
export const NOW = '2016-06-10 00:00:00';
export const EXPECTED: Record<string, string[][]> = {
  'errno12-last-month': [
    ['iZ28l1ca1vhZ', '2016-05-21-php-fpm-starves-mysqld', '2016-05-21 03:06:36', 'mysql.mmap_failed', 'php-fpm', '', '', '', ''],
    ['iZ28l1ca1vhZ', '2016-05-21-php-fpm-starves-mysqld', '2016-05-21 10:49:28', 'mysql.mmap_failed', 'php-fpm', '', '', '', ''],
  ],
  // a bundle with no host evidence sorts last (NULL host)
  'downtime-per-week': [
    ['iZ28l1ca1vhZ', '2016-05-21-php-fpm-starves-mysqld', '2016-05-16', '27861', '2'],
    ['vm', '2026-11-24-lnmp-ptstalk-buffer-pool-failure', '2026-11-23', '', '1'], // down, unknown after the server's last line
    ['', '2026-11-24-lab-mariadb-buffer-pool-ulimit', '2026-11-23', '0', '1'], // its last line is its failure's
  ],
  'lower-max-children': [['iZ28l1ca1vhZ', '2016-05-21-php-fpm-starves-mysqld', '50', '22']],
  'failures-by-culprit': [
    ['2016-05-01', 'php-fpm', '2'],
    ['2026-11-01', '(unknown)', '2'],
  ],
  'needs-a-watcher': [['iZ28l1ca1vhZ', '2016-05-21-php-fpm-starves-mysqld', '2', '2016-05-21 03:06:36', '2016-05-21 10:49:28']],
};
