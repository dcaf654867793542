// The Elasticsearch / OpenSearch side of the fleet store: a composable index template for the
// events (the NDJSON as written: nested ECS objects) and an ingest pipeline that makes the
// document id the event's stable id, so a bundle indexed twice is the same documents, not twice.
import { ECS_VERSION } from '../report/ecs.js';
import { type Column, TABLES } from './tables.js';

const ES_TYPE: Record<Column['type'], Record<string, unknown>> = {
  keyword: { type: 'keyword', ignore_above: 1024 },
  text: { type: 'match_only_text' },
  long: { type: 'long' },
  double: { type: 'double' },
  date: { type: 'date' },
  keywords: { type: 'keyword', ignore_above: 1024 },
  boolean: { type: 'boolean' },
};

type Props = Record<string, { properties?: Props } & Record<string, unknown>>;

function properties(cols: readonly Column[]): Props {
  const root: Props = {};
  for (const col of cols) {
    const parts = col.name === '@timestamp' ? [col.name] : col.name.split('.');
    let node = root;
    for (const p of parts.slice(0, -1)) {
      node[p] ??= { properties: {} };
      node = node[p].properties as Props;
    }
    node[parts[parts.length - 1]] = { ...ES_TYPE[col.type] };
  }
  return root;
}

export const PIPELINE_NAME = 'oomtrail-events';

export function indexTemplate(): Record<string, unknown> {
  return {
    index_patterns: ['oomtrail-events-*'],
    priority: 200,
    template: {
      settings: { 'index.default_pipeline': PIPELINE_NAME },
      mappings: {
        _meta: { ecs_version: ECS_VERSION, made_by: 'oomtrail schema --dialect elasticsearch' },
        // the open-ended rest of oomtrail.* (payloads, name/value arrays) is mapped as it comes
        dynamic: true,
        properties: properties(TABLES.events),
      },
    },
  };
}

export function ingestPipeline(): Record<string, unknown> {
  return {
    description: 'oomtrail events: the stable event.id is the document id (re-indexing a bundle replaces, never duplicates)',
    processors: [
      { set: { field: '_id', copy_from: 'event.id', ignore_empty_value: false } },
      { set: { field: 'event.ingested', value: '{{{_ingest.timestamp}}}' } },
    ],
  };
}
