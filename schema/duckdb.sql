-- oomtrail fleet tables (duckdb); load them with: oomtrail timeline BUNDLE, and -f ndjson --table failures|incidents|advice

CREATE TABLE IF NOT EXISTS events (
  "@timestamp" TIMESTAMPTZ,
  "message" VARCHAR,
  "ecs.version" VARCHAR,
  "event.id" VARCHAR,
  "event.action" VARCHAR,
  "event.kind" VARCHAR,
  "event.category" VARCHAR[],
  "event.type" VARCHAR[],
  "event.module" VARCHAR,
  "event.dataset" VARCHAR,
  "event.timezone" VARCHAR,
  "event.code" VARCHAR,
  "event.provider" VARCHAR,
  "host.name" VARCHAR,
  "log.level" VARCHAR,
  "log.file.path" VARCHAR,
  "log.offset" BIGINT,
  "process.name" VARCHAR,
  "process.pid" BIGINT,
  "oomtrail.bundle.id" VARCHAR,
  "oomtrail.host_source" VARCHAR,
  "oomtrail.line" BIGINT,
  "oomtrail.lines" BIGINT,
  "oomtrail.time_source" VARCHAR,
  "oomtrail.mmap.bytes" BIGINT,
  "oomtrail.mmap.errno" BIGINT,
  "oomtrail.snapshot.memory.total_bytes" BIGINT,
  "oomtrail.snapshot.memory.used_bytes" BIGINT,
  "oomtrail.snapshot.memory.available_bytes" BIGINT,
  PRIMARY KEY ("oomtrail.bundle.id", "event.id")
);

CREATE TABLE IF NOT EXISTS failures (
  "id" VARCHAR,
  "bundle" VARCHAR,
  "host" VARCHAR,
  "time" TIMESTAMPTZ,
  "action" VARCHAR,
  "class" VARCHAR,
  "line" BIGINT,
  "requested_bytes" BIGINT,
  "errno" BIGINT,
  "culprit" VARCHAR,
  "culprit_evidence" VARCHAR,
  "before_time" TIMESTAMPTZ,
  "before_gap_seconds" DOUBLE,
  "before_used_bytes" BIGINT,
  "before_available_bytes" BIGINT,
  "before_php_fpm_rss_bytes" BIGINT,
  "before_mysqld_rss_bytes" BIGINT,
  "verdict" VARCHAR,
  PRIMARY KEY ("bundle", "id")
);

CREATE TABLE IF NOT EXISTS incidents (
  "bundle" VARCHAR,
  "host" VARCHAR,
  "start" TIMESTAMPTZ,
  "end" TIMESTAMPTZ,
  "failures" BIGINT,
  "restarts" BIGINT,
  "outcome" VARCHAR,
  "downtime_seconds" DOUBLE,
  PRIMARY KEY ("bundle", "start")
);

CREATE TABLE IF NOT EXISTS advice (
  "bundle" VARCHAR,
  "host" VARCHAR,
  "setting" VARCHAR,
  "current" VARCHAR,
  "recommended" VARCHAR,
  "reason" VARCHAR,
  PRIMARY KEY ("bundle", "setting")
);

-- errno12-last-month: Which hosts had an errno-12 failure last month, and what held the memory just before it?
SELECT host, bundle, time, action, culprit, before_time, before_used_bytes, before_php_fpm_rss_bytes, before_mysqld_rss_bytes
FROM failures
WHERE errno = 12 AND time >= date_trunc('month', now()) - INTERVAL 1 MONTH AND time < date_trunc('month', now())
ORDER BY host, bundle, time;

-- downtime-per-week: How long was the database down, per host and week?
SELECT host, bundle, CAST(date_trunc('week', start) AS DATE) AS week, sum(downtime_seconds) AS downtime_seconds, count(*) AS incidents
FROM incidents
GROUP BY host, bundle, week
ORDER BY host, bundle, week;

-- lower-max-children: Which hosts were told to lower pm.max_children, from what to what?
SELECT host, bundle, current, recommended
FROM advice
WHERE setting = 'pm.max_children' AND TRY_CAST(recommended AS BIGINT) < TRY_CAST(current AS BIGINT)
ORDER BY host, bundle;

-- failures-by-culprit: How many memory failures per month, by culprit?
SELECT CAST(date_trunc('month', time) AS DATE) AS month, coalesce(culprit, '(unknown)') AS who, count(*) AS failures
FROM failures
GROUP BY month, who
ORDER BY month, who;

-- needs-a-watcher: Which hosts keep failing with no snapshot before the failure (where to install a watcher)?
SELECT host, bundle, count(*) AS failures, min(time) AS first, max(time) AS last
FROM failures
WHERE before_time IS NULL
GROUP BY host, bundle
HAVING count(*) >= 2
ORDER BY failures DESC, host, bundle;
