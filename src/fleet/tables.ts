// The fleet store's tables as data: one column list per table (events, failures, incidents,
// advice), each column with its flat name and a logical type. The ClickHouse and DuckDB DDL, the
// Elasticsearch index template and the rows oomtrail writes for each table are all made from it.
// Event columns are the flat ECS names of the NDJSON (`--flat`); the rest are snake_case.

export type ColumnType = 'keyword' | 'text' | 'long' | 'double' | 'date' | 'keywords' | 'boolean';

export interface Column {
  name: string;
  type: ColumnType;
  /** May be absent from a row (ClickHouse: Nullable; keys never are). */
  nullable?: true;
  /** Not a ClickHouse column: 18.16 takes `a.x` and `a.y` arrays as one Nested `a` and refuses
   * rows whose arrays differ in length (`event.category` [database, process], `event.type` [start]). */
  notInClickhouse?: true;
}

export type TableName = 'events' | 'failures' | 'incidents' | 'advice';
export const TABLE_NAMES: readonly TableName[] = ['events', 'failures', 'incidents', 'advice'];

const c = (name: string, type: ColumnType, nullable?: true): Column => (nullable ? { name, type, nullable } : { name, type });

export const TABLES: Readonly<Record<TableName, readonly Column[]>> = {
  events: [
    c('@timestamp', 'date', true),
    c('message', 'text'),
    c('ecs.version', 'keyword'),
    c('event.id', 'keyword'),
    c('event.action', 'keyword'),
    c('event.kind', 'keyword'),
    c('event.category', 'keywords'),
    { name: 'event.type', type: 'keywords', notInClickhouse: true },
    c('event.module', 'keyword'),
    c('event.dataset', 'keyword'),
    c('event.timezone', 'keyword'),
    c('event.code', 'keyword', true),
    c('event.provider', 'keyword', true),
    c('host.name', 'keyword', true),
    c('log.level', 'keyword', true),
    c('log.file.path', 'keyword'),
    c('log.offset', 'long'),
    c('process.name', 'keyword', true),
    c('process.pid', 'long', true),
    c('oomtrail.bundle.id', 'keyword'),
    c('oomtrail.host_source', 'keyword', true),
    c('oomtrail.line', 'long'),
    c('oomtrail.lines', 'long'),
    c('oomtrail.time_source', 'keyword'),
    c('oomtrail.mmap.bytes', 'long', true),
    c('oomtrail.mmap.errno', 'long', true),
    c('oomtrail.snapshot.memory.total_bytes', 'long', true),
    c('oomtrail.snapshot.memory.used_bytes', 'long', true),
    c('oomtrail.snapshot.memory.available_bytes', 'long', true),
  ],
  failures: [
    c('id', 'keyword'),
    c('bundle', 'keyword'),
    c('host', 'keyword', true),
    c('time', 'date', true),
    c('action', 'keyword'),
    c('class', 'keyword'),
    c('line', 'long'),
    c('requested_bytes', 'long', true),
    c('errno', 'long', true),
    c('culprit', 'keyword', true),
    c('culprit_evidence', 'keyword', true),
    c('before_time', 'date', true),
    c('before_gap_seconds', 'double', true),
    c('before_used_bytes', 'long', true),
    c('before_available_bytes', 'long', true),
    c('before_php_fpm_rss_bytes', 'long', true),
    c('before_mysqld_rss_bytes', 'long', true),
    c('verdict', 'text'),
  ],
  incidents: [
    c('bundle', 'keyword'),
    c('host', 'keyword', true),
    c('start', 'date'),
    c('end', 'date'),
    c('failures', 'long'),
    c('restarts', 'long'),
    c('outcome', 'keyword'),
    c('downtime_seconds', 'double', true),
  ],
  advice: [
    c('bundle', 'keyword'),
    c('host', 'keyword', true),
    c('setting', 'keyword'),
    c('current', 'keyword', true),
    c('recommended', 'keyword'),
    c('reason', 'text'),
  ],
};

/** Each table's key: a row with the same key replaces the one loaded before (re-ingest). */
export const KEYS: Readonly<Record<TableName, readonly string[]>> = {
  events: ['oomtrail.bundle.id', 'event.id'],
  failures: ['bundle', 'id'],
  incidents: ['bundle', 'start'],
  advice: ['bundle', 'setting'],
};
