// Real my.cnf / php-fpm files the parser had not seen (test/formats/ini-config/unseen/, sources in
// its SOURCE.md), each checked by hand: sniffed as ini-config, the sections and pools in order, the
// settings as the server reads them (last line wins, `-` = `_` and `loose-` for MySQL, comments
// cut where each server cuts them, `$pool` expanded), only template lines left unrecognized.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/analyze.js';
import { fpmValue, mysqlKey, mysqlValue } from '../../src/formats/ini-config/ini-config-values.js';
import { parsePrompt } from '../../src/formats/shell-prompt/shell-prompt.js';
import { ROOT, expectConserved, run, runText } from '../helpers.js';

const DIR = path.join(ROOT, 'test', 'formats', 'ini-config', 'unseen');
const FILES = readdirSync(DIR).filter((f) => f !== 'SOURCE.md');

/** A config event as [dialect, section or pool (null: lines before any header)]. */
type Head = ['mysql' | 'fpm', string | null];
interface Case {
  heads: Head[];
  /** Settings of some sections, by index into `heads`, matched as a subset. */
  settings?: Record<number, Record<string, string>>;
  /** How many settings a section has, by index. */
  counts?: Record<number, number>;
  unrecognized?: string[];
}

const CASES: Record<string, Case> = {
  'amimoto-www.conf': { heads: [['fpm', 'www']], settings: { 0: { pm: 'dynamic', 'pm.max_children': '15', 'pm.start_servers': '5', 'pm.min_spare_servers': '5', 'pm.max_spare_servers': '7', 'php_admin_value[post_max_size]': '4M' } }, counts: { 0: 16 } },
  'amimoto-www-crlf.conf': { heads: [['fpm', 'www']], settings: { 0: { 'pm.max_children': '15', listen: '/var/run/php-fpm.sock' } }, counts: { 0: 16 } },
  'autowp-pool-www.conf': { heads: [['fpm', 'autowp']], settings: { 0: { listen: '9000', 'pm.max_children': '10', 'php_admin_value[memory_limit]': '512M' } }, counts: { 0: 21 } },
  'centos-goautodial-server.cnf': {
    heads: [['mysql', 'mysqld']],
    settings: { 0: { innodb_buffer_pool_size: '4G', key_buffer_size: '4096M', skip_name_resolve: 'ON', myisam_recover_options: 'ON', log_error: '/var/log/mariadb/mariadb.log' } },
    counts: { 0: 29 },
  },
  'dashed-keys-4g-my.cnf': {
    heads: [['mysql', null], ['mysql', 'mysql'], ['mysql', 'mysqld']],
    settings: { 2: { innodb_buffer_pool_size: '4G', key_buffer_size: '32M', max_connections: '500', log_error: '/var/lib/mysql/mysql-error.log', '!includedir': '/etc/mysql/conf.d/' } },
    counts: { 1: 0, 2: 26 },
  },
  'debian-mariadb-10.1-50-server.cnf': {
    heads: [['mysql', null], ['mysql', 'server'], ['mysql', 'mysqld'], ['mysql', 'embedded'], ['mysql', 'mariadb'], ['mysql', 'mariadb-10.1']],
    settings: { 2: { pid_file: '/var/run/mysqld/mysqld.pid', lc_messages_dir: '/usr/share/mysql', skip_external_locking: 'ON', bind_address: '127.0.0.1', key_buffer_size: '16M', character_set_server: 'utf8mb4' } },
    counts: { 2: 22 },
  },
  'debian-php7.4-global-and-www-php-fpm.conf': {
    heads: [['fpm', null], ['fpm', 'global'], ['fpm', 'www']],
    settings: { 1: { pid: '/run/php/php7.4-fpm.pid', error_log: '/var/log/php7.4-fpm.log' }, 2: { listen: '/run/php/php7.4-fpm.sock', pm: 'dynamic', 'pm.max_children': '8', 'pm.status_path': '/fpm-status' } },
    counts: { 2: 11 },
  },
  'docker-mysql-8.0-my.cnf': { heads: [['mysql', null], ['mysql', 'mysqld']], settings: { 1: { secure_file_priv: 'NULL', datadir: '/var/lib/mysql', '!includedir': '/etc/mysql/conf.d/' } }, counts: { 1: 5 } },
  'docker-php-zz-docker.conf': { heads: [['fpm', 'global'], ['fpm', 'www']], settings: { 0: { daemonize: 'no' }, 1: { listen: '[::]:9000' } }, counts: { 1: 1 } },
  'fedora-mariadb-10.3-mariadb-server.cnf': {
    heads: [['mysql', 'server'], ['mysql', 'mysqld'], ['mysql', 'galera'], ['mysql', 'embedded'], ['mysql', 'mariadb'], ['mysql', 'mariadb-10.3']],
    settings: { 1: { innodb: 'ON', log_slow_queries: 'ON', thread_cache_size: '1k', table_open_cache: '1M' } },
    counts: { 1: 15, 2: 0 },
  },
  'galera-only-server.cnf': { heads: [['mysql', 'galera']], settings: { 0: { wsrep_on: 'ON', bind_address: '0.0.0.0', wsrep_node_name: 'galera_node2' } }, counts: { 0: 11 } },
  'galera-tabs-includedir-my.cnf': { heads: [['mysql', 'mysqld']], settings: { 0: { user: 'mysql', innodb_locks_unsafe_for_binlog: '1', '!includedir': '/conf/' } }, counts: { 0: 11 } },
  'group-replication-loose-dash-my.tm.cnf': {
    heads: [['mysql', 'mysqld']],
    settings: { 0: { port: '$port', group_replication_group_name: 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa', group_replication_local_address: '127.0.0.1:24901', group_replication_enforce_update_everywhere_checks: 'TRUE' } },
    counts: { 0: 20 },
  },
  'hestiacp-ondemand-blade.conf': { heads: [['fpm', '%domain%']], settings: { 0: { pm: 'ondemand', 'pm.max_children': '{{ $maxChildren }}', 'env[PATH]': '/usr/local/bin:/usr/bin:/bin' } }, counts: { 0: 19 } },
  'hestiacp-ondemand-default.tpl.conf': { heads: [['fpm', '%backend%']], settings: { 0: { pm: 'ondemand', 'pm.max_children': '2', 'pm.process_idle_timeout': '10s', 'env[HOSTNAME]': '$HOSTNAME' } }, counts: { 0: 16 } },
  'kubeblocks-loose-underscore-gr.tpl.cnf': {
    heads: [['mysql', 'mysqld']],
    // plugin_load_add is written twice; the map keeps the last (mysqld itself adds them up)
    settings: { 0: { plugin_load_add: 'mysql_clone.so', group_replication_start_on_boot: 'off', group_replication_recovery_get_public_key: 'ON' } },
    counts: { 0: 6 },
  },
  'lemp-template-pool-then-global.tpl.conf': {
    heads: [['fpm', '{{$username}}'], ['fpm', 'global']],
    settings: { 0: { listen: '/run/php/{{$username}}-php80-fpm.sock', 'pm.max_children': '5', 'pm.max_requests': '200' }, 1: { process_control_timeout: '10s' } },
    counts: { 0: 18, 1: 3 },
  },
  'lemper-php8.1-global-include-php-fpm.conf': {
    heads: [['fpm', null], ['fpm', 'global']],
    settings: { 1: { pid: '/run/php/php8.1-fpm.pid', emergency_restart_interval: '60', include: '/etc/php/8.1/fpm/pool.d/*.conf' } },
    counts: { 1: 6 },
  },
  'lemper-pool-dollar-pool.conf': {
    heads: [['fpm', 'lemper']],
    settings: { 0: { listen: '/run/php/php8.0-fpm.lemper.sock', slowlog: '/var/log/php/php8.0-fpm_slow.lemper.log', 'php_admin_value[error_log]': '/var/log/php/php8.0-fpm.lemper.log', 'pm.max_children': '5' } },
    counts: { 0: 31 },
  },
  'mariadb-debian-include-and-includedir-my.cnf': {
    heads: [['mysql', null], ['mysql', 'client'], ['mysql', 'mysqld_safe'], ['mysql', 'mysqld'], ['mysql', 'galera'], ['mysql', 'mysqldump'], ['mysql', 'mysql'], ['mysql', 'isamchk']],
    settings: { 3: { innodb_buffer_pool_size: '2G', bind_address: '::ffff:127.0.0.1', open_files_limit: '500000' }, 7: { key_buffer: '16M', '!include': '/etc/mysql/mariadb.cnf', '!includedir': '/etc/mysql/conf.d/' } },
    counts: { 3: 45 },
  },
  'myrocks-semicolons-in-value-openosp.cnf': {
    heads: [['mysql', 'mysqld']],
    settings: { 0: { skip_innodb: 'ON', rocksdb_override_cf_options: 'system={memtable=skip_list:16}', rocksdb_block_cache_size: '16G' } },
    counts: { 0: 16 },
  },
  'observium-aligned-www.conf': { heads: [['fpm', 'www']], settings: { 0: { user: 'apache', 'pm.max_children': '50', 'php_flag[display_errors]': 'on', 'php_value[session.save_path]': '/var/lib/php/session' } }, counts: { 0: 18 } },
  'percona-dashed-mysqld.cnf': {
    heads: [['mysql', 'mysqld']],
    settings: { 0: { innodb_buffer_pool_size: '2G', user: 'mysql', innodb: 'FORCE', skip_log_bin: 'ON', max_connections: '5000', innodb_lock_wait_timeout: '300' } },
    counts: { 0: 44 },
  },
  'rhel-stock-www.conf': {
    heads: [['fpm', null], ['fpm', 'www']],
    settings: { 1: { listen: '/run/php-fpm/www.sock', 'listen.acl_users': 'apache,nginx', pm: 'dynamic', 'pm.max_children': '50', 'pm.start_servers': '10', 'pm.min_spare_servers': '10', 'pm.max_spare_servers': '35', 'pm.max_requests': '500' } },
    counts: { 1: 19 },
  },
  'scoop-powershell-bom-crlf-my.ini': { heads: [['mysql', 'client']], settings: { 0: { user: 'root' } }, counts: { 0: 1 } },
  'sitepilot-three-pools-blade-www.conf': {
    heads: [['fpm', 'www'], ['fpm', 'www-backup'], ['fpm', 'www-async']],
    settings: { 0: { pm: 'dynamic', 'pm.max_children': "{{ $php['maxChildren'] }}" }, 1: { pm: 'static', 'pm.max_children': '4' }, 2: { pm: 'static', 'pm.max_children': '2', request_terminate_timeout: '1800s' } },
    unrecognized: ["@include('includes/php-pool')", "@include('includes/php-pool')", "@include('includes/php-pool')"],
  },
  'transwarp-freemarker-my.cnf.ftl': {
    heads: [['mysql', 'client'], ['mysql', 'mysqld_safe'], ['mysql', 'mysqld'], ['mysql', 'mysqldump'], ['mysql', 'mysql'], ['mysql', 'isamchk']],
    settings: { 0: { port: '${mysql_port}', default_character_set: 'utf8' }, 2: { port: '${mysql_port}', myisam_recover: 'BACKUP', skip_external_locking: 'ON' }, 5: { '!includedir': '/etc/mysql/conf.d/' } },
    counts: { 2: 21 },
    unrecognized: ["<#assign mysql_port=service['mysql.port']>"],
  },
  'ubuntu-mysql-8.0-isucon-mysqld.cnf': { heads: [['mysql', null], ['mysql', 'mysqld']], settings: { 1: { mysqlx_bind_address: '127.0.0.1', disable_log_bin: 'ON', innodb_log_group_home_dir: '/dev/shm' } }, counts: { 1: 16 } },
  'windows-escaped-backslashes-my.ini': {
    heads: [['mysql', 'mysqld'], ['mysql', 'client'], ['mysql', 'mysql'], ['mysql', 'mysqldump'], ['mysql', 'mysqldiff']],
    settings: { 0: { basedir: 'C:\\app\\MySQL', datadir: 'C:\\app\\MySQL\\data', skip_grant_tables: 'ON' }, 1: { password: 'Password' } },
  },
  'windows-escaped-backslashes-bom-crlf-my.ini': {
    heads: [['mysql', 'mysqld'], ['mysql', 'client'], ['mysql', 'mysql'], ['mysql', 'mysqldump'], ['mysql', 'mysqldiff']],
    settings: { 0: { basedir: 'C:\\app\\MySQL', datadir: 'C:\\app\\MySQL\\data' } },
  },
  'wodby-gomplate-zz-www.conf': {
    heads: [['fpm', 'global'], ['fpm', 'www'], ['fpm', 'ping']],
    settings: { 1: { pm: 'dynamic', 'pm.max_children': '{{ getenv "PHP_FPM_MAX_CHILDREN" "8" }}', slowlog: '/proc/self/fd/2' }, 2: { pm: 'static', 'pm.max_children': '1', 'ping.path': '/ping' } },
    unrecognized: ['{{ if getenv "PHP_FPM_STATUS_PATH" }}', '{{ end }}', '{{ if getenv "PHP_FPM_SLOWLOG_TIMEOUT" }}', '{{ end }}', '{{ range jsonArray (getenv "PHP_FPM_ENV_VARS") }}{{ if getenv . }}'],
  },
  'xampp-windows-my.ini': {
    heads: [['mysql', null], ['mysql', 'client'], ['mysql', 'mysqld'], ['mysql', 'mysqldump'], ['mysql', 'mysql'], ['mysql', 'isamchk'], ['mysql', 'myisamchk'], ['mysql', 'mysqlhotcopy']],
    settings: {
      1: { port: '3306', socket: 'E:/XAMPP/mysql/mysql.sock', default_character_set: 'utf8mb4' },
      2: { basedir: 'E:/XAMPP/mysql', log_error: 'mysql_error.log', server_id: '1', innodb_buffer_pool_size: '16M', innodb_data_file_path: 'ibdata1:10M:autoextend' },
    },
    counts: { 2: 29 },
  },
};

function configs(a: Analysis) {
  return a.events.flatMap((e) => {
    if (e.kind === 'config.phpfpm') return [{ head: ['fpm', e.data.pool ?? null] as Head, settings: e.data.settings }];
    if (e.kind === 'config.mysql') return [{ head: ['mysql', e.meta?.['config.section'] ?? null] as Head, settings: e.data.settings }];
    return [];
  });
}

describe('ini-config on unseen real files', () => {
  it('has a checked case for every fixture', () => {
    expect(FILES.sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(FILES)('%s', async (name) => {
    const c = CASES[name];
    const a = await run([path.join(DIR, name)]);
    expectConserved(a);
    expect(a.inputs[0].formats).toEqual(['ini-config']);
    expect(a.events.filter((e) => e.kind === 'line.unrecognized').map((e) => e.message)).toEqual(c.unrecognized ?? []);
    const got = configs(a);
    expect(got.map((g) => g.head)).toEqual(c.heads);
    for (const [i, s] of Object.entries(c.settings ?? {})) expect(got[Number(i)].settings, `${name} #${i}`).toMatchObject(s);
    for (const [i, n] of Object.entries(c.counts ?? {})) expect(Object.keys(got[Number(i)].settings), `${name} #${i}`).toHaveLength(n);
  });

  it('reads values as each server does', () => {
    // MySQL: `#` ends a value anywhere outside quotes, `;` never does; quotes and escapes
    expect(['1G # 80% of RAM', '1G#x', "'a#b' # c", 'a;b', '"C:\\\\app"', 'C:\\Program Files', '"say \\"hi\\""'].map(mysqlValue)).toEqual([
      '1G', '1G', 'a#b', 'a;b', 'C:\\app', 'C:\\Program Files', 'say "hi"',
    ]);
    expect(['innodb-buffer-pool-size', 'loose-innodb-buffer-pool-size', 'loose_group_replication_start_on_boot', '!includedir'].map(mysqlKey)).toEqual([
      'innodb_buffer_pool_size', 'innodb_buffer_pool_size', 'group_replication_start_on_boot', '!includedir',
    ]);
    // php-fpm: `;` ends a value even with no space before it; `#` does not; `$pool` is the pool
    expect(['5; #静态方式下', '50       ;comment', '"/ping" ; x', '"a;b"', '50 # no comment', '/run/php-$pool.sock'].map((v) => fpmValue(v, 'www'))).toEqual([
      '5', '50', '/ping', 'a;b', '50 # no comment', '/run/php-www.sock',
    ]);
  });

  it('keeps the last of repeated options, dashed or not, and every include (lines written for this test)', async () => {
    const a = await runText(
      [
        '[mysqld]',
        'innodb_buffer_pool_size = 1G # メモリの8割ぐらい',
        'innodb-buffer-pool-size=2G',
        'loose-innodb_buffer_pool_size = 3G',
        'innodb_flush_log_at_trx_commit = 0',
        'innodb_flush_log_at_trx_commit = 2#fast',
        '!includedir /etc/mysql/conf.d/',
        '!includedir /etc/mysql/mariadb.conf.d/',
      ].join('\n'),
    );
    expectConserved(a);
    expect(configs(a).map((c) => c.settings)).toEqual([
      { innodb_buffer_pool_size: '3G', innodb_flush_log_at_trx_commit: '2', '!includedir': '/etc/mysql/conf.d/\n/etc/mysql/mariadb.conf.d/' },
    ]);
    const fpm = await runText(['[www]', 'pm=dynamic;', 'pm.max_children=5; #静态方式下', 'pm.max_children = 7 ; the later line wins', 'listen = /run/php/php8.1-fpm-$pool.sock'].join('\n'));
    expect(configs(fpm).map((c) => c.settings)).toEqual([{ pm: 'dynamic', 'pm.max_children': '7', listen: '/run/php/php8.1-fpm-www.sock' }]);
  });

  it('knows a stock file whose first 40 lines are comments by its commented-out settings (lines written for this test)', async () => {
    const prose = Array.from({ length: 30 }, (_, i) => `; comment line ${i}`);
    const a = await runText([...prose, ';listen.backlog = 511', ';pm.max_children = 5', ...prose.slice(0, 12), '[www]', 'pm = static', 'pm.max_children = 9'].join('\n'));
    expect(a.inputs[0].formats).toEqual(['ini-config']);
    expect(configs(a).map((c) => c.head)).toEqual([['fpm', null], ['fpm', 'www']]);
    // prose alone says nothing: such a file stays unrecognized rather than be guessed
    const b = await runText([...prose, ...prose, '[mysqld]', 'innodb_buffer_pool_size = 1G'].join('\n'));
    expect(b.inputs[0].formats).toEqual(['unknown']);
    expectConserved(b);
  });

  it('does not take a my.cnf comment that starts with a path for a shell prompt', () => {
    expect(parsePrompt('# ~/.my.cnf to set user-specific options.')).toBeNull();
    expect(parsePrompt('# /usr/sbin/mysqld --verbose --help')).toMatchObject({ command: '/usr/sbin/mysqld --verbose --help' });
  });
});
