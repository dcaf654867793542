// The five fleet questions, in ClickHouse's and DuckDB's SQL, over the tables of src/fleet/tables.ts.
// `now` is the instant "last month" is counted from: the engine's clock by default; a test fixes
// it (an ISO instant checked here, never log content: nothing read from a bundle enters SQL).

export interface FleetQuery {
  id: string;
  question: string;
  sql: string;
}

type SqlDialect = 'clickhouse' | 'duckdb';

function nowOf(dialect: SqlDialect, now?: string): string {
  if (now === undefined) return dialect === 'clickhouse' ? 'now()' : 'now()';
  if (!/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(now)) throw new Error(`not a UTC time like 2016-06-10 00:00:00: ${now}`);
  return dialect === 'clickhouse' ? `toDateTime('${now}', 'UTC')` : `TIMESTAMPTZ '${now}+00'`;
}

export function fleetQueries(dialect: SqlDialect, now?: string): FleetQuery[] {
  const ch = dialect === 'clickhouse';
  const n = nowOf(dialect, now);
  // ClickHouse: FINAL reads a ReplacingMergeTree as merged (one row per key); months are compared
  // as DateTime on both sides (18.16 compares a DateTime with a Date wrongly, silently)
  const F = ch ? 'failures FINAL' : 'failures';
  const monthStart = ch ? `toDateTime(toStartOfMonth(${n}), 'UTC')` : `date_trunc('month', ${n})`;
  const lastMonthStart = ch ? `toDateTime(toStartOfMonth(addMonths(${n}, -1)), 'UTC')` : `date_trunc('month', ${n}) - INTERVAL 1 MONTH`;
  const int = (col: string) => (ch ? `toInt64OrZero(${col})` : `TRY_CAST(${col} AS BIGINT)`);
  return [
    {
      id: 'errno12-last-month',
      question: 'Which hosts had an errno-12 failure last month, and what held the memory just before it?',
      sql: `SELECT host, bundle, time, action, culprit, before_time, before_used_bytes, before_php_fpm_rss_bytes, before_mysqld_rss_bytes
FROM ${F}
WHERE errno = 12 AND time >= ${lastMonthStart} AND time < ${monthStart}
ORDER BY host, bundle, time`,
    },
    {
      id: 'downtime-per-week',
      question: 'How long was the database down, per host and week?',
      sql: `SELECT host, bundle, ${ch ? 'toMonday(start)' : "CAST(date_trunc('week', start) AS DATE)"} AS week, sum(downtime_seconds) AS downtime_seconds, count(${ch ? '' : '*'}) AS incidents
FROM ${ch ? 'incidents FINAL' : 'incidents'}
GROUP BY host, bundle, week
ORDER BY host, bundle, week`,
    },
    {
      id: 'lower-max-children',
      question: 'Which hosts were told to lower pm.max_children, from what to what?',
      sql: `SELECT host, bundle, current, recommended
FROM ${ch ? 'advice FINAL' : 'advice'}
WHERE setting = 'pm.max_children' AND ${int('recommended')} < ${int('current')}
ORDER BY host, bundle`,
    },
    {
      id: 'failures-by-culprit',
      question: 'How many memory failures per month, by culprit?',
      sql: `SELECT ${ch ? 'toStartOfMonth(time)' : "CAST(date_trunc('month', time) AS DATE)"} AS month, ${ch ? "ifNull(culprit, '(unknown)')" : "coalesce(culprit, '(unknown)')"} AS who, count(${ch ? '' : '*'}) AS failures
FROM ${F}
GROUP BY month, who
ORDER BY month, who`,
    },
    {
      id: 'needs-a-watcher',
      question: 'Which hosts keep failing with no snapshot before the failure (where to install a watcher)?',
      sql: `SELECT host, bundle, count(${ch ? '' : '*'}) AS failures, min(time) AS first, max(time) AS last
FROM ${F}
WHERE before_time IS NULL
GROUP BY host, bundle
HAVING count(${ch ? '' : '*'}) >= 2
ORDER BY failures DESC, host, bundle`,
    },
  ];
}
