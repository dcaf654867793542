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

/**
 * Each row's group, with php-fpm's master told apart from its workers even where only the
 * command name was captured (`top` shows `php-fpm8.2` for both): a root-owned php-fpm process
 * among php-fpm processes of another user is the master (workers drop privileges).
 */
export function groupsOfRows(rows: readonly { command: string; user?: string }[]): string[] {
  const groups = rows.map((r) => groupOf(r.command));
  const unprivileged = rows.some((r, i) => groups[i] === 'php-fpm' && r.user !== undefined && r.user !== 'root');
  return unprivileged ? groups.map((g, i) => (g === 'php-fpm' && rows[i].user === 'root' ? 'php-fpm master' : g)) : groups;
}
