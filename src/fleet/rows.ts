// The rows of the fleet tables other than events (failures, incidents, advice), from a bundle's
// summary: flat objects with exactly the columns of src/fleet/tables.ts, one NDJSON line each
// (`-f ndjson --table failures`), for stores to load with their JSON readers.
import type { Summary } from '../report/summary.js';
import { TABLES, type TableName } from './tables.js';

type Row = Record<string, unknown>;

function only(table: TableName, row: Row): Row {
  const out: Row = {};
  for (const col of TABLES[table]) out[col.name] = row[col.name] ?? null;
  return out;
}

export function tableRows(s: Summary, table: Exclude<TableName, 'events'>): Row[] {
  const who = { bundle: s.bundle, host: s.host?.name ?? null };
  if (table === 'failures') {
    return s.failures.map((f) =>
      only('failures', {
        ...who,
        ...f,
        errno: f.action === 'mysql.mmap_failed' ? errnoOf(f.message) : null,
        before_time: f.before?.time,
        before_gap_seconds: f.before?.gap_seconds,
        before_used_bytes: f.before?.memory?.used_bytes,
        before_available_bytes: f.before?.memory?.available_bytes,
        before_php_fpm_rss_bytes: f.before?.php_fpm?.rss_bytes,
        before_mysqld_rss_bytes: f.before?.mysqld?.rss_bytes,
      }),
    );
  }
  if (table === 'incidents') return s.incidents.map((i) => only('incidents', { ...who, ...i }));
  return s.advice.map((a) => only('advice', { ...who, ...a }));
}

/** `InnoDB: mmap(137363456 bytes) failed; errno 12` → 12. */
function errnoOf(message: string): number | null {
  const m = /errno:? (\d{1,4})\b/.exec(message);
  return m ? Number(m[1]) : null;
}
