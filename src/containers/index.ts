// Containers are not formats: a shell transcript, a watcher log with `date` lines or a pt-stalk
// file is split into blocks (with the context that dates them) before the format registry sees
// them. A container claims a file from its first lines and splits it as it is read (pieces.ts),
// into blocks covering every line.
import type { Line } from '../read/lines.js';
import { journalVerboseContainer } from './journal-verbose.js';
import { syslogContainer } from './syslog.js';
import { ptStalk } from './pt-stalk.js';
import { ptSummaryContainer } from './pt-summary.js';
import { transcript } from './transcript.js';
import { watcher } from './watcher.js';

export interface Block {
  lines: Line[];
  /** Metadata every event of the block carries (`shell.command`, ...). */
  meta?: Record<string, string>;
  /** Force this block's format instead of sniffing it (sniffed anyway when it is not registered). */
  format?: string;
  /** The format to use when sniffing finds none (instead of counting the lines unrecognized). */
  fallback?: string;
  /**
   * A piece of a longer block (pieces.ts): the pieces with one key feed one parser, sniffed from
   * the first ones; `more` says more pieces follow (the parser ends after the last, or at the
   * file's end).
   */
  key?: string;
  more?: boolean;
}

/** A container's split as the lines come: the blocks (or pieces) each line completes, then the rest. */
export interface Splitter {
  push(l: Line): Block[];
  end(): Block[];
}

export interface Container {
  id: string;
  /** Does this container claim a file that starts with these lines? */
  detect(window: readonly string[], path: string): boolean;
  /** A splitter for one file: every line lands in exactly one block. */
  splitter(path: string): Splitter;
  /** Split all lines into whole blocks at once (pieces joined). */
  split(lines: Line[], path: string): Block[];
}

// pt-stalk first (its file names are certain), then prompts, then Percona Toolkit reports, then
// verbose journal records, then syslog mixes, then `date` lines.
export const CONTAINERS: readonly Container[] = [ptStalk, transcript, ptSummaryContainer, journalVerboseContainer, syslogContainer, watcher];

export function detectContainer(window: readonly string[], path: string): Container | null {
  return CONTAINERS.find((c) => c.detect(window, path)) ?? null;
}
