// A syslog / journal file mixes programs: its lines go to one reader per family, as they come:
// each program to the format that declares it in `programs` (the kernel, mysqld / mysqld_safe,
// php-fpm, ...), everything else to the generic syslog format. Lines without a prefix (hard wraps, a pasted command) stay with the line before them.
import { FORMATS } from '../formats/index.js';
import { parseSyslog } from '../formats/syslog/syslog-prefix.js';
import type { Line } from '../read/lines.js';
import type { Block, Container, Splitter } from './index.js';
import { PIECE_LINES, streamed } from './pieces.js';

/** A program's reader: the first format that declares the program, else the generic syslog one. */
type Family = string;

const OWNERS = FORMATS.filter((f) => f.programs !== undefined);

export function familyOf(program: string): Family {
  return OWNERS.find((f) => f.programs?.test(program))?.id ?? 'syslog';
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
      run ??= { lines: leading.splice(0), format: current, key: current, more: true };
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
