// Containers are not formats: a shell transcript, a watcher log with `date` lines or a pt-stalk
// file is split into blocks (with the context that dates them) before the format registry sees
// them. A container claims a file from its first lines and returns blocks covering every line.
import type { Line } from '../read/lines.js';
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
}

export interface Container {
  id: string;
  /** Does this container claim a file that starts with these lines? */
  detect(window: readonly string[], path: string): boolean;
  /** Split all lines into blocks; every line lands in exactly one block. */
  split(lines: Line[], path: string): Block[];
}

// pt-stalk first (its file names are certain), then prompts, then Percona Toolkit reports, then
// syslog mixes, then `date` lines.
export const CONTAINERS: readonly Container[] = [ptStalk, transcript, ptSummaryContainer, syslogContainer, watcher];

export function detectContainer(window: readonly string[], path: string): Container | null {
  return CONTAINERS.find((c) => c.detect(window, path)) ?? null;
}
