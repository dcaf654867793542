// CREATE TABLE statements for the fleet tables (src/fleet/tables.ts) in ClickHouse and DuckDB.
// ClickHouse: ReplacingMergeTree keyed by each table's key, so a bundle loaded twice keeps one row
// per key once merged (`FINAL` in queries, `OPTIMIZE ... FINAL` to merge now). DuckDB: a primary
// key, so a second load of the same rows is refused or replaced (INSERT OR REPLACE).
import { type Column, KEYS, TABLES, TABLE_NAMES, type TableName } from './tables.js';

export type Dialect = 'clickhouse' | 'duckdb' | 'elasticsearch';
export const DIALECTS: readonly Dialect[] = ['clickhouse', 'duckdb', 'elasticsearch'];

const CLICKHOUSE: Record<Column['type'], string> = {
  keyword: 'String',
  text: 'String',
  long: 'Int64',
  double: 'Float64',
  date: "DateTime('UTC')",
  keywords: 'Array(String)',
  boolean: 'UInt8',
};

const DUCKDB: Record<Column['type'], string> = {
  keyword: 'VARCHAR',
  text: 'VARCHAR',
  long: 'BIGINT',
  double: 'DOUBLE',
  date: 'TIMESTAMPTZ',
  keywords: 'VARCHAR[]',
  boolean: 'BOOLEAN',
};

/** A column name quoted for the dialect (names like `event.id` and `@timestamp` need it). */
export function quoted(name: string, dialect: Dialect): string {
  return dialect === 'clickhouse' ? `\`${name}\`` : `"${name}"`;
}

function clickhouseType(col: Column): string {
  const t = CLICKHOUSE[col.type];
  return col.nullable && col.type !== 'keywords' ? `Nullable(${t})` : t;
}

export function createTable(table: TableName, dialect: 'clickhouse' | 'duckdb'): string {
  const cols = TABLES[table].filter((col) => dialect !== 'clickhouse' || !col.notInClickhouse).map((col) => `  ${quoted(col.name, dialect)} ${dialect === 'clickhouse' ? clickhouseType(col) : DUCKDB[col.type]}`);
  const key = KEYS[table].map((k) => quoted(k, dialect)).join(', ');
  if (dialect === 'clickhouse') return `CREATE TABLE IF NOT EXISTS ${table} (\n${cols.join(',\n')}\n) ENGINE = ReplacingMergeTree() ORDER BY (${key})`;
  return `CREATE TABLE IF NOT EXISTS ${table} (\n${cols.join(',\n')},\n  PRIMARY KEY (${key})\n)`;
}

export function createTables(dialect: 'clickhouse' | 'duckdb'): string[] {
  return TABLE_NAMES.map((t) => createTable(t, dialect));
}

/** DuckDB's read_json `columns` for a table's NDJSON: nested STRUCTs for the events' ECS
 * objects (read as written, no --flat needed), plain columns for the other tables. */
export function duckdbJsonColumns(table: TableName): string {
  type Tree = Map<string, Tree | string>;
  const root: Tree = new Map();
  for (const col of TABLES[table]) {
    const parts = table === 'events' && col.name !== '@timestamp' ? col.name.split('.') : [col.name];
    let node = root;
    for (const p of parts.slice(0, -1)) {
      let next = node.get(p);
      if (!(next instanceof Map)) {
        next = new Map();
        node.set(p, next);
      }
      node = next;
    }
    node.set(parts[parts.length - 1], DUCKDB[col.type]);
  }
  const struct = (t: Tree): string => `STRUCT(${[...t].map(([k, v]) => `"${k}" ${typeof v === 'string' ? v : struct(v)}`).join(', ')})`;
  return `{${[...root].map(([k, v]) => `'${k}': '${typeof v === 'string' ? v : struct(v)}'`).join(', ')}}`;
}

/** The select list that reads a table's columns from read_json (events: struct fields). */
export function duckdbSelect(table: TableName): string {
  return TABLES[table]
    .map((col) => {
      if (table !== 'events' || col.name === '@timestamp') return quoted(col.name, 'duckdb');
      const [head, ...rest] = col.name.split('.');
      return `${quoted(head, 'duckdb')}${rest.map((r) => `."${r}"`).join('')} AS ${quoted(col.name, 'duckdb')}`;
    })
    .join(', ');
}
