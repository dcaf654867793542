// The fleet queries on one machine: DuckDB (embedded, @duckdb/node-api) reads the samples' NDJSON
// as written (nested ECS objects, no --flat) with a declared schema, so a key first seen late in a
// big file cannot fail the read, and the rows of failures, incidents and advice; the five fleet
// queries of `oomtrail schema --dialect duckdb` give the same answers as on ClickHouse, and a second
// load (INSERT OR REPLACE on each table's key) leaves one row per key.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, DuckDBTimestampTZValue } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { createTables, duckdbJsonColumns, duckdbSelect } from '../../src/fleet/ddl.js';
import { fleetQueries } from '../../src/fleet/queries.js';
import { EXPECTED, NOW, type Table, fleetNdjson } from './load.js';

const TABLES: Table[] = ['events', 'failures', 'incidents', 'advice'];

/** A cell as text: UTC times without their offset, nulls as ''. */
function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  // a TIMESTAMPTZ prints in the process's zone (TZ=America/New_York here): write it in UTC
  if (v instanceof DuckDBTimestampTZValue) return new Date(Number(v.micros / 1000n)).toISOString().replace('T', ' ').slice(0, 19);
  return String(v);
}

describe('DuckDB fleet store', () => {
  it('reads the nested NDJSON with a declared schema and answers the five fleet questions', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oomtrail-duckdb-'));
    const files = new Map<Table, { file: string; rows: number }>();
    for (const t of TABLES) {
      const text = await fleetNdjson(t, false);
      const file = path.join(dir, `${t}.ndjson`);
      writeFileSync(file, text);
      files.set(t, { file, rows: text.split('\n').filter((l) => l !== '').length });
    }
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const all = async (sql: string) => (await con.runAndReadAll(sql)).getRows().map((r) => r.map(cell));
    await con.run("SET TimeZone = 'UTC'");
    for (const ddl of createTables('duckdb')) await con.run(ddl);
    const load = async () => {
      for (const t of TABLES) {
        const { file } = files.get(t)!;
        // the path is ours (a temp folder), never log content; quoted as an SQL string literal
        const from = `read_json('${file.replace(/'/g, "''")}', format = 'newline_delimited', columns = ${duckdbJsonColumns(t)})`;
        await con.run(`INSERT OR REPLACE INTO ${t} SELECT ${duckdbSelect(t)} FROM ${from}`);
      }
    };
    await load();
    const counts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, Number((await all(`SELECT count(*) FROM ${t}`))[0][0])])));
    const expected = Object.fromEntries(TABLES.map((t) => [t, files.get(t)!.rows]));
    expect(expected.events).toBeGreaterThan(400);
    expect(await counts()).toEqual(expected);
    expect(await all(`SELECT "oomtrail.mmap.errno", "host.name", "log.file.path", "event.type" FROM events WHERE "event.action" = 'mysql.mmap_failed' ORDER BY "@timestamp"`)).toEqual([
      ['12', 'iZ28l1ca1vhZ', 'mysqld.err', "['error']"],
      ['12', 'iZ28l1ca1vhZ', 'mysqld.err', "['error']"],
    ]);
    for (const q of fleetQueries('duckdb', NOW)) expect(await all(q.sql), q.id).toEqual(EXPECTED[q.id]);
    await load();
    expect(await counts()).toEqual(expected);
    for (const q of fleetQueries('duckdb', NOW)) expect(await all(q.sql), `${q.id} after re-ingest`).toEqual(EXPECTED[q.id]);
    con.closeSync();
  }, 180_000);
});
