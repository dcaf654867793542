// Process names to groups: php-fpm workers under every name they go by (`php-fpm7.4`, `php5-fpm`,
// `php-fpm: pool www`; the master is its own group), mysqld and mariadbd as one server, the rest
// by their first word.

export function groupOf(command: string): string {
  const c = command.trim();
  if (/^php-fpm: master process/.test(c)) return 'php-fpm master';
  if (/^php(?:\d+(?:\.\d+)?)?-fpm(?:\d+(?:\.\d+)?)?(?::|$|\s)/.test(c)) return 'php-fpm';
  const first = c.split(/\s/)[0] ?? c;
  // a path (`/usr/sbin/mysqld`) is named by its last part; a kernel thread (`kworker/1:0`) is not a path
  const base = first.startsWith('/') || first.startsWith('./') ? first.slice(first.lastIndexOf('/') + 1) : first;
  if (/^(?:mysqld|mariadbd|mysqld\.bin)$/.test(base)) return 'mysqld';
  return base || c;
}
