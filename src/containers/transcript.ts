// The shell transcript container: a pasted session (`[root@host ~]# free -m` and its output, ...).
// Each prompt line is a block of its own (format `shell-prompt`, one `shell.command` event); the
// output after it, up to the next prompt, is a block carrying `shell.command` in its meta, forced
// to the format that declares the command in `commands` (`free`, `top`, `cat /proc/meminfo`, `date`);
// a `cat` of a pt-stalk file is split at its TS lines as the pt-stalk container splits the file.
import { FORMATS } from '../formats/index.js';
import { parsePrompt } from '../formats/shell-prompt/shell-prompt.js';
import { type Line, isBlank } from '../read/lines.js';
import type { Block, Container, Splitter } from './index.js';
import { BlockStream, streamed } from './pieces.js';
import { ptStalk, ptStalkName } from './pt-stalk.js';
import { watcher } from './watcher.js';
import { ptSummaryContainer } from './pt-summary.js';
import { journalVerboseContainer } from './journal-verbose.js';
import { parseDateLine } from '../formats/watcher-date/watcher-date.js';

/** The pt-stalk file a `cat 2024_05_28_21_10_40-df` prints, or undefined. */
function catOfPtStalk(command: string): string | undefined {
  const w = command.split(/[ \t]+/).filter((s) => s !== '');
  if (w[0] === 'sudo') w.shift();
  return (w[0] === 'cat' || w[0] === 'zcat') && w.length === 2 && ptStalkName(w[1]) ? w[1] : undefined;
}

/**
 * The splitter a command's output needs, from the command or its first lines: a printed pt-stalk
 * file is split at its TS lines like the file, a `watch` screen at its header (which dates it), a
 * Percona Toolkit report at its sections, `journalctl -o verbose` at its records (each MESSAGE to
 * its program's format); null: the output is one block.
 */
function outputSplitter(command: string | undefined, window: readonly string[]): Splitter | null {
  const file = command !== undefined ? catOfPtStalk(command) : undefined;
  if (file) return ptStalk.splitter(file);
  if (window.length > 0 && parseDateLine(window[0])?.form === 'watch') return watcher.splitter('');
  if (ptSummaryContainer.detect(window, '')) return ptSummaryContainer.splitter('');
  if (journalVerboseContainer.detect(window, '')) return journalVerboseContainer.splitter('');
  return null;
}

/** The format a command's output is certainly in; undefined means sniff it. */
export function formatForCommand(command: string): string | undefined {
  if (/[|;&`$<>]/.test(command)) return undefined; // a pipeline or substitution changes the output
  let w = command.split(/[ \t]+/).filter((s) => s !== '');
  if (w[0] === 'sudo') w = w.slice(1);
  return FORMATS.find((f) => f.commands?.some((c) => runs(c, w)))?.id;
}

/** Does a command of these words run `spec` (`free`: any arguments; `cat /proc/meminfo`: exactly)? */
function runs(spec: string, w: readonly string[]): boolean {
  const s = spec.split(' ');
  return s.length === 1 ? w[0] === s[0] : w.length === s.length && s.every((x, i) => w[i] === x);
}

export const transcript: Container = streamed({
  id: 'transcript',
  detect(window) {
    return window.some((t) => parsePrompt(t) !== null);
  },
  splitter() {
    const out: Block[] = [];
    const bs = new BlockStream();
    const fromBs = () => out.push(...bs.take());
    /** The output being read: held until its first lines say how to split it, then streamed. */
    let output: { command?: string; block: Omit<Block, 'lines'>; held: Line[]; window: string[]; sub: Splitter | null; plain: boolean } = {
      block: {},
      held: [],
      window: [],
      sub: null,
      plain: false,
    };
    const tag = (blocks: Block[]) => {
      const command = output.command;
      for (const b of blocks) out.push(command === undefined ? b : { ...b, meta: { ...b.meta, 'shell.command': command } });
    };
    const route = (l: Line) => {
      if (output.sub) tag(output.sub.push(l));
      else {
        bs.add(l);
        fromBs();
      }
    };
    const decide = () => {
      output.sub = outputSplitter(output.command, output.window);
      output.plain = true;
      if (!output.sub) bs.open(output.block);
      for (const l of output.held.splice(0)) route(l);
      fromBs();
    };
    const endOutput = () => {
      if (!output.plain) decide();
      if (output.sub) tag(output.sub.end());
      bs.close();
      fromBs();
    };
    return {
      push(l) {
        const p = isBlank(l.text) ? null : parsePrompt(l.text);
        if (p) {
          endOutput();
          bs.open({ format: 'shell-prompt' }, l);
          bs.close();
          fromBs();
          const meta = { 'shell.command': p.command };
          const forced = formatForCommand(p.command);
          // output no format claims is kept as `shell.output`
          output = { command: p.command, block: forced ? { meta, format: forced } : { meta, fallback: 'shell-prompt' }, held: [], window: [], sub: null, plain: false };
          if (catOfPtStalk(p.command)) decide();
        } else if (output.plain) route(l);
        else {
          output.held.push(l);
          if (!isBlank(l.text)) output.window.push(l.text);
          if (output.window.length >= 40 || output.held.length >= 4096) decide(); // blank lines are held boundedly too
        }
        return out.splice(0);
      },
      end() {
        endOutput();
        return out.splice(0);
      },
    };
  },
});
