// A syslog / journal file mixes programs: its lines go to one reader per family, as they come: `kernel` lines to the kernel format, mysqld / mariadbd / mysqld_safe to mysql-error,
// php-fpm to php-fpm (sniffed when that format is absent), everything else to the generic syslog
// format. Lines without a prefix (hard wraps, a pasted command) stay with the line before them.
import { FORMATS, formatById } from '../formats/index.js';
import { parseSyslog } from '../formats/syslog/syslog-prefix.js';
import type { Line } from '../read/lines.js';
import type { Block, Container, Splitter } from './index.js';
import { PIECE_LINES, streamed } from './pieces.js';

/** A family is one of these, or the id of a format that declares the program as its own. */
type Family = string;

const MYSQL = /^(?:mysqld|mariadbd|mysqld_safe|mariadbd-safe)$/;
const PHP_FPM = /^php(?:\d[\d.]*)?-fpm/;

function familyOf(program: string): Family {
  if (program === 'kernel') return 'kernel';
  if (MYSQL.test(program)) return 'mysql';
  if (PHP_FPM.test(program)) return 'php-fpm';
  return FORMATS.find((f) => f.programs?.test(program))?.id ?? 'other';
}

function formatOf(f: Family): string | undefined {
  if (f === 'kernel') return 'kernel';
  if (f === 'mysql') return 'mysql-error';
  if (f === 'php-fpm') return formatById('php-fpm') ? 'php-fpm' : undefined;
  return f === 'other' ? 'syslog' : f;
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

/**
 * Runs of lines go out as pieces keyed by family (one parser per family, in file order); a run
 * longer than a piece goes out in several. Lines before the first syslog line join the first run.
 */
function splitter(): Splitter {
  const leading: Line[] = [];
  const out: Block[] = [];
  let current: Family | null = null;
  let run: Block | null = null;
  const send = () => {
    if (run && run.lines.length > 0) out.push(run);
    run = null;
  };
  return {
    push(l) {
      const s = parseSyslog(l.text);
      if (s) {
        const f = familyOf(s.program);
        if (f !== current) send();
        current = f;
      }
      if (current === null) {
        leading.push(l);
        return [];
      }
      run ??= { lines: leading.splice(0), format: formatOf(current), key: current, more: true };
      run.lines.push(l);
      if (run.lines.length >= PIECE_LINES) send();
      return out.splice(0);
    },
    end() {
      send();
      if (leading.length > 0) out.push({ lines: leading.splice(0) });
      return out.splice(0);
    },
  };
}

export const syslogContainer: Container = streamed({ id: 'syslog', detect, splitter });
