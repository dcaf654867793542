// The format registry: a plain list. Adding a format is one grammar, one adapter, one line here
// and one fixture folder under test/formats/ (a test checks they stay in step).
import { docker } from './docker/docker.js';
import { earlyoom } from './earlyoom/earlyoom.js';
import { journalVerbose } from './journal-verbose/journal-verbose.js';
import { iniConfig } from './ini-config/ini-config.js';
import { kubectl } from './kubectl/kubectl.js';
import { kernel } from './kernel/kernel.js';
import { mysqlJson } from './mysql-json/mysql-json.js';
import { mysqlError } from './mysql-error/mysql-error.js';
import { phpFpm } from './php-fpm/php-fpm.js';
import { ptStalk } from './pt-stalk/pt-stalk.js';
import { ptSummary } from './pt-summary/pt-summary.js';
import { shellPrompt } from './shell-prompt/shell-prompt.js';
import { free, meminfo, ps, psMem, sar, smem, top, vmstat } from './snapshots.js';
import { syslog } from './syslog/syslog.js';
import { systemd } from './systemd/systemd.js';
import type { Format } from './types.js';
import { watcherDate } from './watcher-date/watcher-date.js';

export const FORMATS: readonly Format[] = [
  mysqlError,
  phpFpm,
  kernel,
  systemd,
  syslog(() => FORMATS),
  top,
  free,
  ps,
  meminfo,
  vmstat,
  sar,
  psMem,
  smem,
  iniConfig,
  shellPrompt,
  watcherDate,
  ptStalk,
  ptSummary,
  docker,
  kubectl,
  earlyoom,
  journalVerbose,
  mysqlJson,
];

export function formatById(id: string): Format | undefined {
  return FORMATS.find((f) => f.id === id);
}

/** Below this score no format claims the lines; they are counted unrecognized. */
export const SNIFF_THRESHOLD = 0.2;

/** The format that best fits these lines, or null. Ties go to the earlier entry. */
export function sniffFormat(lines: readonly string[]): Format | null {
  let best: Format | null = null;
  let bestScore = SNIFF_THRESHOLD;
  for (const f of FORMATS) {
    const s = f.sniff(lines);
    if (s > bestScore) {
      best = f;
      bestScore = s;
    }
  }
  return best;
}
