// A syslog / journal file mixes programs: its lines are split into one block per reader, in file
// order: `kernel` lines to the kernel format, mysqld / mariadbd / mysqld_safe to mysql-error,
// php-fpm to php-fpm (sniffed when that format is absent), everything else to the generic syslog
// format. Lines without a prefix (hard wraps, a pasted command) stay with the line before them.
import { formatById } from '../formats/index.js';
import { parseSyslog } from '../formats/syslog-prefix.js';
import type { Line } from '../read/lines.js';
import type { Block, Container } from './index.js';

type Family = 'kernel' | 'mysql' | 'php-fpm' | 'other';

const MYSQL = /^(?:mysqld|mariadbd|mysqld_safe|mariadbd-safe)$/;
const PHP_FPM = /^php(?:\d[\d.]*)?-fpm/;

function familyOf(program: string): Family {
  if (program === 'kernel') return 'kernel';
  if (MYSQL.test(program)) return 'mysql';
  if (PHP_FPM.test(program)) return 'php-fpm';
  return 'other';
}

function formatOf(f: Family): string | undefined {
  if (f === 'kernel') return 'kernel';
  if (f === 'mysql') return 'mysql-error';
  if (f === 'php-fpm') return formatById('php-fpm') ? 'php-fpm' : undefined;
  return 'syslog';
}

/** Mostly syslog lines, from programs that more than one format reads. */
function detect(window: readonly string[]): boolean {
  const families = new Set<Family>();
  let wrapped = 0;
  for (const raw of window) {
    const s = parseSyslog(raw);
    if (!s) continue;
    wrapped++;
    families.add(familyOf(s.program));
  }
  return window.length > 0 && wrapped * 2 >= window.length && families.size >= 2;
}

function split(lines: Line[]): Block[] {
  const blocks = new Map<Family, Block>();
  const leading: Line[] = [];
  let current: Family | null = null;
  for (const l of lines) {
    const s = parseSyslog(l.text);
    if (s) current = familyOf(s.program);
    if (current === null) {
      leading.push(l);
      continue;
    }
    let b = blocks.get(current);
    if (!b) {
      b = { lines: [], format: formatOf(current) };
      blocks.set(current, b);
    }
    if (leading.length > 0) b.lines.push(...leading.splice(0));
    b.lines.push(l);
  }
  if (leading.length > 0) return [{ lines: leading }];
  return [...blocks.values()];
}

export const syslogContainer: Container = { id: 'syslog', detect, split };
