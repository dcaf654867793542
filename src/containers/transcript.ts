// The shell transcript container: a pasted session (`[root@host ~]# free -m` and its output, ...).
// Each prompt line is a block of its own (format `shell-prompt`, one `shell.command` event); the
// output after it, up to the next prompt, is a block carrying `shell.command` in its meta, forced
// to a format when the command makes it certain (`free`, `top`, `ps`, `cat /proc/meminfo`, `date`).
import { parsePrompt } from '../formats/shell-prompt.js';
import { isBlank } from '../read/lines.js';
import type { Container } from './index.js';
import { BlockStream, wholeBlocks } from './pieces.js';

/** The format a command's output is certainly in; undefined means sniff it. */
export function formatForCommand(command: string): string | undefined {
  if (/[|;&`$<>]/.test(command)) return undefined; // a pipeline or substitution changes the output
  let w = command.split(/[ \t]+/).filter((s) => s !== '');
  if (w[0] === 'sudo') w = w.slice(1);
  switch (w[0]) {
    case 'free':
      return 'free';
    case 'top':
      return 'top';
    case 'ps':
      return 'ps';
    case 'vmstat':
      return 'vmstat';
    case 'sar':
      return 'sar';
    case 'date':
      return 'watcher-date';
    case 'cat':
    case 'head':
    case 'less':
    case 'more':
      return w.length === 2 && w[1] === '/proc/meminfo' ? 'meminfo' : undefined;
    default:
      return undefined;
  }
}

export const transcript: Container = {
  id: 'transcript',
  detect(window) {
    return window.some((t) => parsePrompt(t) !== null);
  },
  splitter() {
    const bs = new BlockStream();
    return {
      push(l) {
        const p = isBlank(l.text) ? null : parsePrompt(l.text);
        if (!p) bs.add(l);
        else {
          bs.open({ format: 'shell-prompt' }, l);
          const forced = formatForCommand(p.command);
          const meta = { 'shell.command': p.command };
          // output no format claims is kept as `shell.output`
          bs.open(forced ? { meta, format: forced } : { meta, fallback: 'shell-prompt' });
        }
        return bs.take();
      },
      end() {
        bs.close();
        return bs.take();
      },
    };
  },
  split(lines, file) {
    return wholeBlocks(this.splitter(file), lines);
  },
};
