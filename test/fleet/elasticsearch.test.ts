// The files that ship for stores (schema/): the Elasticsearch/OpenSearch index template and ingest
// pipeline, and the ClickHouse and DuckDB tables and queries, are what `oomtrail schema` prints
// (goldens), and the template maps every ECS field with ECS's own type (ECS 8.17's definitions).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexTemplate, ingestPipeline } from '../../src/fleet/elasticsearch.js';
import { schemaText } from '../../src/fleet/schema-text.js';
import { TABLES } from '../../src/fleet/tables.js';
import { ECS_VERSION } from '../../src/report/ecs.js';
import { ROOT } from '../helpers.js';

const ECS = JSON.parse(readFileSync(path.join(ROOT, 'test/ecs/ecs-8.17.0-fields.json'), 'utf8')) as { fields: Record<string, { type: string }> };
const SCHEMA = path.join(ROOT, 'schema');

type Mapping = { type?: string; properties?: Record<string, Mapping> };

/** The template's leaf mappings as dotted names. */
function leaves(props: Record<string, Mapping>, prefix = ''): [string, string][] {
  return Object.entries(props).flatMap(([k, v]) => (v.properties ? leaves(v.properties, `${prefix}${k}.`) : [[`${prefix}${k}`, v.type ?? '']]));
}

describe('schema files for stores', () => {
  it('ship as oomtrail schema prints them', async () => {
    await expect(`${JSON.stringify(indexTemplate(), null, 2)}\n`).toMatchFileSnapshot(path.join(SCHEMA, 'elasticsearch', 'index-template.json'));
    await expect(`${JSON.stringify(ingestPipeline(), null, 2)}\n`).toMatchFileSnapshot(path.join(SCHEMA, 'elasticsearch', 'ingest-pipeline.json'));
    await expect(schemaText('clickhouse')).toMatchFileSnapshot(path.join(SCHEMA, 'clickhouse.sql'));
    await expect(schemaText('duckdb')).toMatchFileSnapshot(path.join(SCHEMA, 'duckdb.sql'));
  });

  it('maps every event column, ECS fields with ECS types', () => {
    const t = indexTemplate() as { template: { mappings: { _meta: { ecs_version: string }; properties: Record<string, Mapping> } } };
    expect(t.template.mappings._meta.ecs_version).toBe(ECS_VERSION);
    const mapped = new Map(leaves(t.template.mappings.properties));
    expect([...mapped.keys()].sort()).toEqual(TABLES.events.map((c) => c.name).sort());
    const wrong: string[] = [];
    for (const [name, type] of mapped) {
      const ecs = ECS.fields[name];
      if (name.startsWith('oomtrail.') || name === 'log.offset') continue;
      if (!ecs) wrong.push(`${name}: not in ECS`);
      else if (ecs.type !== type) wrong.push(`${name}: ${type}, ECS says ${ecs.type}`);
    }
    expect(wrong).toEqual([]);
    expect(mapped.get('log.offset')).toBe('long');
  });

  it('makes the stable event id the document id, so indexing a bundle twice replaces it', () => {
    const p = ingestPipeline() as { processors: Record<string, Record<string, unknown>>[] };
    expect(p.processors[0]).toEqual({ set: { field: '_id', copy_from: 'event.id', ignore_empty_value: false } });
    for (const proc of p.processors) expect(Object.keys(proc).every((k) => ['set', 'rename', 'remove', 'date'].includes(k))).toBe(true);
    const t = indexTemplate() as { index_patterns: string[]; template: { settings: Record<string, string> } };
    expect(t.template.settings['index.default_pipeline']).toBe('oomtrail-events');
    expect(t.index_patterns).toEqual(['oomtrail-events-*']);
  });
});
