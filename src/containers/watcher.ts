// The watcher container: a log a monitoring loop wrote, a `date` line (any common form) before
// each round of `top -b -n1`, `free -m`, `ps ...` output, or a `watch free -m` screen. Each date line is a block of its own (a
// stamped `watcher.date` anchor); the output after it is cut where each snapshot starts, so a
// round holding `top` then `free` gives one block per command.
import { parseDateLine } from '../formats/watcher-date.js';
import { type Line, isBlank } from '../read/lines.js';
import type { Block, Container } from './index.js';

const STARTS: readonly [RegExp, string][] = [
  [/^top - \d/, 'top'],
  [/^\s+total\s+used\s+free\b/, 'free'],
  [/^\s*(?:USER|UID)\s+PID\b|^\s*PID\s+TTY\b/, 'ps'],
  [/^MemTotal:/, 'meminfo'],
  [/^procs -/, 'vmstat'],
  [/^\s*\d+ K total memory$/, 'vmstat'],
];

/** The format a snapshot starting at this line is in, or undefined. */
export function snapshotStart(text: string): string | undefined {
  for (const [re, id] of STARTS) if (re.test(text)) return id;
  return undefined;
}

export const watcher: Container = {
  id: 'watcher',
  detect(window) {
    // A date line followed closely by the start of a snapshot, not any line that parses as a date.
    for (let i = 0; i < window.length; i++) {
      if (!parseDateLine(window[i])) continue;
      for (let j = i + 1; j <= i + 3 && j < window.length; j++) if (snapshotStart(window[j])) return true;
    }
    return false;
  },
  split(lines) {
    const blocks: Block[] = [];
    let cur: Block = { lines: [] };
    let meta: Record<string, string> | undefined;
    const flush = (next: Block) => {
      if (cur.lines.length > 0) blocks.push(cur);
      cur = next;
    };
    for (const l of lines) {
      if (isBlank(l.text)) {
        cur.lines.push(l);
        continue;
      }
      const d = parseDateLine(l.text);
      if (d) {
        flush({ lines: [l], format: 'watcher-date' });
        // `watch`'s header names the command, whose flags set the unit of what follows (`free -m`)
        meta = d.command ? { 'shell.command': d.command } : undefined;
        flush({ lines: [] as Line[], meta });
        continue;
      }
      const start = snapshotStart(l.text);
      // A top frame's own `PID USER ...` header does not start a `ps` block.
      if (start && !(start === 'ps' && cur.format === 'top')) flush({ lines: [], format: start, meta });
      cur.lines.push(l);
    }
    flush({ lines: [] });
    return blocks;
  },
};
