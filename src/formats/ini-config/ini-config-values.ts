// How each server reads an option line, so settings are what the server sees. MySQL/MariaDB
// (mysys my_default.cc): a `#` outside quotes ends the value (a `;` does not), one pair of matching
// quotes is dropped, \n \t \r \b \s \" \' \\ are decoded; names take `-` for `_` and an optional
// `loose-` prefix. php-fpm (the PHP INI scanner): a `;` outside quotes ends the value; `$pool`
// is the pool's name.

/** Where a comment starts in a value: the first `mark` outside '…' or "…" (-1: none). */
function commentAt(v: string, mark: '#' | ';'): number {
  let quote = '';
  let escaped = false;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if ((c === '"' || c === "'") && !escaped) {
      if (quote === '') quote = c;
      else if (quote === c) quote = '';
    }
    if (quote === '' && c === mark) return i;
    // inside quotes a backslash protects the next character (`"a\"#b"` is one value)
    escaped = quote !== '' && c === '\\' && !escaped;
  }
  return -1;
}

function unquote(v: string): string {
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.at(-1) === v[0] ? v.slice(1, -1) : v;
}

const MYSQL_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', s: ' ', '"': '"', "'": "'", '\\': '\\' };

/** `"C:\\app" # comment` → `C:\app`; `1G#x` → `1G`; `a;b` stays `a;b`. */
export function mysqlValue(raw: string): string {
  const cut = commentAt(raw, '#');
  const v = unquote((cut >= 0 ? raw.slice(0, cut) : raw).trim());
  // an unknown escape keeps its backslash (`C:\Program Files` stays as written)
  return v.replace(/\\([\s\S])/g, (all: string, c: string) => MYSQL_ESCAPES[c] ?? all);
}

/** `loose-innodb-buffer-pool-size` → `innodb_buffer_pool_size`; `!include` keys stay as they are. */
export function mysqlKey(key: string): string {
  if (key.startsWith('!')) return key;
  return key.replace(/^loose[-_]/i, '').replace(/-/g, '_');
}

/** `5; #comment` → `5`; `"/ping" ; x` → `/ping`; `/run/php-$pool.sock` → `/run/php-www.sock`. */
export function fpmValue(raw: string, pool: string | undefined): string {
  const cut = commentAt(raw, ';');
  const v = unquote((cut >= 0 ? raw.slice(0, cut) : raw).trim());
  return pool ? v.replaceAll('$pool', pool) : v;
}
