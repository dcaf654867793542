// `oomtrail schema --dialect D`: what to create in a store and what to ask it, as text. SQL
// dialects: the four tables and the five fleet queries; Elasticsearch: the index template and the
// ingest pipeline as the two requests that install them (Kibana Dev Tools / curl form).
import { type Dialect, createTables } from './ddl.js';
import { PIPELINE_NAME, indexTemplate, ingestPipeline } from './elasticsearch.js';
import { fleetQueries } from './queries.js';

export function schemaText(dialect: Dialect): string {
  if (dialect === 'elasticsearch') {
    return [
      `PUT _ingest/pipeline/${PIPELINE_NAME}`,
      JSON.stringify(ingestPipeline(), null, 2),
      '',
      'PUT _index_template/oomtrail-events',
      JSON.stringify(indexTemplate(), null, 2),
      '',
    ].join('\n');
  }
  const out = [`-- oomtrail fleet tables (${dialect}); load them with: oomtrail timeline BUNDLE${dialect === 'clickhouse' ? ' --flat' : ''}, and -f ndjson --table failures|incidents|advice`, ''];
  for (const t of createTables(dialect)) out.push(`${t};`, '');
  for (const q of fleetQueries(dialect)) out.push(`-- ${q.id}: ${q.question}`, `${q.sql};`, '');
  return out.join('\n');
}
