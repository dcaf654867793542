// One paragraph per failure, for the top of a report a person reads: when it happened, what was
// asked, what held the memory just before (or that nothing was captured), the culprit or why
// none, and the advice that follows. Plain text; callers escape it for their format.
import type { Analysis } from '../analyze.js';
import type { Failure } from '../correlate/types.js';
import { humanBytes, humanDuration, obtainable } from '../correlate/verdict.js';
import { failureFacts, narrateFailure } from '../correlate/words.js';

export function failureParagraph(a: Analysis, f: Failure): string {
  const e = f.event;
  const parts: string[] = [];
  const what = narrateFailure(failureFacts(e, f.requested_bytes));
  parts.push(`At ${a.clock.wall(e.time.ms)} ${what} (${e.src.path}:${e.src.line}).`);
  const b = f.before;
  if (b) {
    const mem = b.memory;
    const have = mem ? obtainable(mem) : null;
    const memText = mem?.total_bytes
      ? `${humanBytes(mem.used_bytes ?? mem.total_bytes - (mem.free_bytes ?? 0))} of ${humanBytes(mem.total_bytes)} was in use${have !== null ? ` and ${humanBytes(have)} could be had` : ''}`
      : 'the memory totals were not captured';
    const fpm = b.php_fpm ? `; ${b.php_fpm.processes} php-fpm workers held ${humanBytes(b.php_fpm.rss_bytes)} (largest ${humanBytes(b.php_fpm.max_rss_bytes)})` : '';
    const my = b.mysqld ? `; mysqld held ${humanBytes(b.mysqld.rss_bytes)}` : '';
    parts.push(`${b.gap_seconds > 0 ? `${humanDuration(b.gap_seconds)} before` : 'At that moment'} (${b.event.src.path}:${b.event.src.line}) ${memText}${fpm}${my}.`);
  }
  parts.push(f.culprit && f.source.culprit_evidence !== 'release' ? `Culprit: ${f.culprit}. ${f.verdict}` : f.verdict);
  if (a.advice.length > 0) parts.push(`Advice: ${a.advice.map((x) => `${x.setting} ${x.current ?? '?'} → ${x.recommended}`).join('; ')}.`);
  return parts.join(' ');
}
