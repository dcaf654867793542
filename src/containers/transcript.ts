// The shell transcript container: a pasted session (`[root@host ~]# free -m` and its output, ...).
// Each prompt line is a block of its own (format `shell-prompt`, one `shell.command` event); the
// output after it, up to the next prompt, is a block carrying `shell.command` in its meta, forced
// to a format when the command makes it certain (`free`, `top`, `ps`, `cat /proc/meminfo`, `date`);
// a `cat` of a pt-stalk file is split at its TS lines as the pt-stalk container splits the file.
import { parsePrompt } from '../formats/shell-prompt.js';
import { type Line, isBlank } from '../read/lines.js';
import type { Block, Container } from './index.js';
import { ptStalk, ptStalkName } from './pt-stalk.js';
import { watcher } from './watcher.js';
import { ptSummaryContainer } from './pt-summary.js';
import { parseDateLine } from '../formats/watcher-date.js';

/** The pt-stalk file a `cat 2024_05_28_21_10_40-df` prints, or undefined. */
function catOfPtStalk(command: string): string | undefined {
  const w = command.split(/[ \t]+/).filter((s) => s !== '');
  if (w[0] === 'sudo') w.shift();
  return (w[0] === 'cat' || w[0] === 'zcat') && w.length === 2 && ptStalkName(w[1]) ? w[1] : undefined;
}

/**
 * A command's output as blocks: a printed pt-stalk file is split at its TS lines like the file, a
 * `watch` screen at its header (which dates it), a Percona Toolkit report at its sections;
 * anything else is one block.
 */
function outputBlocks(b: Block): Block[] {
  const command = b.meta?.['shell.command'];
  const file = command !== undefined ? catOfPtStalk(command) : undefined;
  const window = b.lines.filter((l) => !isBlank(l.text)).slice(0, 40).map((l) => l.text);
  let parts: Block[] | null = null;
  if (file) parts = ptStalk.split(b.lines, file);
  else if (window.length > 0 && parseDateLine(window[0])?.form === 'watch') parts = watcher.split(b.lines, '');
  else if (ptSummaryContainer.detect(window, '')) parts = ptSummaryContainer.split(b.lines, '');
  if (!parts) return [b];
  return command === undefined ? parts : parts.map((x) => ({ ...x, meta: { ...x.meta, 'shell.command': command } }));
}

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
  split(lines) {
    const blocks: Block[] = [];
    let cur: Block = { lines: [] };
    for (const l of lines) {
      const p = isBlank(l.text) ? null : parsePrompt(l.text);
      if (!p) {
        cur.lines.push(l);
        continue;
      }
      if (cur.lines.length > 0) blocks.push(...outputBlocks(cur));
      blocks.push({ lines: [l], format: 'shell-prompt' });
      cur = { lines: [] as Line[], meta: { 'shell.command': p.command } };
      const forced = formatForCommand(p.command);
      if (forced) cur.format = forced;
      else cur.fallback = 'shell-prompt'; // output no format claims is kept as `shell.output`
    }
    if (cur.lines.length > 0) blocks.push(...outputBlocks(cur));
    return blocks;
  },
};
