// The watcher container: a log a monitoring loop wrote, a `date` line (any common form) before
// each round of `top -b -n1`, `free -m`, `ps ...` output, or a `watch free -m` screen. Each date line is a block of its own (a
// stamped `watcher.date` anchor); the output after it is cut where each snapshot starts, so a
// round holding `top` then `free` gives one block per command.
import { parseDateLine } from '../formats/watcher-date/watcher-date.js';
import { isBlank } from '../read/lines.js';
import type { Container } from './index.js';
import { BlockStream, streamed } from './pieces.js';

const STARTS: readonly [RegExp, string][] = [
  [/^top - \d/, 'top'],
  [/^\s+total\s+used\s+free\b/, 'free'],
  [/^\s*(?:USER|UID)\s+PID\b|^\s*PID\s+TTY\b/, 'ps'],
  [/^MemTotal:/, 'meminfo'],
  [/^procs -/, 'vmstat'],
  [/^\s*\d+ K total memory$/, 'vmstat'],
  [/^ *Private +\+ +Shared += +RAM used\b/, 'ps-mem'],
  [/^ *PID +User +Command +Swap +USS\b/, 'smem'],
];

/** The format a snapshot starting at this line is in, or undefined. */
export function snapshotStart(text: string): string | undefined {
  for (const [re, id] of STARTS) if (re.test(text)) return id;
  return undefined;
}

export const watcher: Container = streamed({
  id: 'watcher',
  detect(window) {
    // A date line followed closely by the start of a snapshot, not any line that parses as a date.
    for (let i = 0; i < window.length; i++) {
      if (!parseDateLine(window[i])) continue;
      for (let j = i + 1; j <= i + 3 && j < window.length; j++) if (snapshotStart(window[j])) return true;
    }
    return false;
  },
  splitter() {
    const bs = new BlockStream();
    let meta: Record<string, string> | undefined;
    return {
      push(l) {
        const d = isBlank(l.text) ? null : parseDateLine(l.text);
        if (isBlank(l.text)) bs.add(l);
        else if (d) {
          bs.open({ format: 'watcher-date' }, l);
          // `watch`'s header names the command, whose flags set the unit of what follows (`free -m`)
          meta = d.command ? { 'shell.command': d.command } : undefined;
          bs.open(meta ? { meta } : {});
        } else {
          const start = snapshotStart(l.text);
          // A top frame's own `PID USER ...` header does not start a `ps` block.
          if (start && !(start === 'ps' && bs.current?.format === 'top')) bs.open(meta ? { format: start, meta } : { format: start });
          bs.add(l);
        }
        return bs.take();
      },
      end() {
        return bs.finish();
      },
    };
  },
});
