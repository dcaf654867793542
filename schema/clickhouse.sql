-- oomtrail fleet tables (clickhouse); load them with: oomtrail timeline BUNDLE --flat, and -f ndjson --table failures|incidents|advice

CREATE TABLE IF NOT EXISTS events (
  `@timestamp` Nullable(DateTime('UTC')),
  `message` String,
  `ecs.version` String,
  `event.id` String,
  `event.action` String,
  `event.kind` String,
  `event.category` Array(String),
  `event.module` String,
  `event.dataset` String,
  `event.timezone` String,
  `event.code` Nullable(String),
  `event.provider` Nullable(String),
  `host.name` Nullable(String),
  `log.level` Nullable(String),
  `log.file.path` String,
  `log.offset` Int64,
  `process.name` Nullable(String),
  `process.pid` Nullable(Int64),
  `oomtrail.bundle.id` String,
  `oomtrail.host_source` Nullable(String),
  `oomtrail.line` Int64,
  `oomtrail.lines` Int64,
  `oomtrail.time_source` String,
  `oomtrail.mmap.bytes` Nullable(Int64),
  `oomtrail.mmap.errno` Nullable(Int64),
  `oomtrail.snapshot.memory.total_bytes` Nullable(Int64),
  `oomtrail.snapshot.memory.used_bytes` Nullable(Int64),
  `oomtrail.snapshot.memory.available_bytes` Nullable(Int64)
) ENGINE = ReplacingMergeTree() ORDER BY (`oomtrail.bundle.id`, `event.id`);

CREATE TABLE IF NOT EXISTS failures (
  `id` String,
  `bundle` String,
  `host` Nullable(String),
  `time` Nullable(DateTime('UTC')),
  `action` String,
  `class` String,
  `line` Int64,
  `requested_bytes` Nullable(Int64),
  `errno` Nullable(Int64),
  `culprit` Nullable(String),
  `culprit_evidence` Nullable(String),
  `before_time` Nullable(DateTime('UTC')),
  `before_gap_seconds` Nullable(Float64),
  `before_used_bytes` Nullable(Int64),
  `before_available_bytes` Nullable(Int64),
  `before_php_fpm_rss_bytes` Nullable(Int64),
  `before_mysqld_rss_bytes` Nullable(Int64),
  `verdict` String
) ENGINE = ReplacingMergeTree() ORDER BY (`bundle`, `id`);

CREATE TABLE IF NOT EXISTS incidents (
  `bundle` String,
  `host` Nullable(String),
  `start` DateTime('UTC'),
  `end` DateTime('UTC'),
  `failures` Int64,
  `restarts` Int64,
  `outcome` String,
  `downtime_seconds` Nullable(Float64)
) ENGINE = ReplacingMergeTree() ORDER BY (`bundle`, `start`);

CREATE TABLE IF NOT EXISTS advice (
  `bundle` String,
  `host` Nullable(String),
  `setting` String,
  `current` Nullable(String),
  `recommended` String,
  `reason` String
) ENGINE = ReplacingMergeTree() ORDER BY (`bundle`, `setting`);

-- errno12-last-month: Which hosts had an errno-12 failure last month, and what held the memory just before it?
SELECT host, bundle, time, action, culprit, before_time, before_used_bytes, before_php_fpm_rss_bytes, before_mysqld_rss_bytes
FROM failures FINAL
WHERE errno = 12 AND time >= toDateTime(toStartOfMonth(addMonths(now(), -1)), 'UTC') AND time < toDateTime(toStartOfMonth(now()), 'UTC')
ORDER BY host, bundle, time;

-- downtime-per-week: How long was the database down, per host and week?
SELECT host, bundle, toMonday(start) AS week, sum(downtime_seconds) AS downtime_seconds, count() AS incidents
FROM incidents FINAL
GROUP BY host, bundle, week
ORDER BY host, bundle, week;

-- lower-max-children: Which hosts were told to lower pm.max_children, from what to what?
SELECT host, bundle, current, recommended
FROM advice FINAL
WHERE setting = 'pm.max_children' AND toInt64OrZero(recommended) < toInt64OrZero(current)
ORDER BY host, bundle;

-- failures-by-culprit: How many memory failures per month, by culprit?
SELECT toStartOfMonth(time) AS month, ifNull(culprit, '(unknown)') AS who, count() AS failures
FROM failures FINAL
GROUP BY month, who
ORDER BY month, who;

-- needs-a-watcher: Which hosts keep failing with no snapshot before the failure (where to install a watcher)?
SELECT host, bundle, count() AS failures, min(time) AS first, max(time) AS last
FROM failures FINAL
WHERE before_time IS NULL
GROUP BY host, bundle
HAVING count() >= 2
ORDER BY failures DESC, host, bundle;
