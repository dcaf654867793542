// `oomtrail merge`: shard outputs (sweep JSON, NDJSON, JUnit of `--each --shard I/N`) joined into
// what one unsharded run over the same inputs writes: the same bytes for JSON and NDJSON; for
// JUnit the same but for when and where the run happened (timestamp, time, hostname attributes).
// JSON and JUnit are joined here as texts; NDJSON is streamed by ndjson-stream.ts.
import { jsonSafe } from '../report/sanitize.js';
import type { ShardRecord } from '../sweep/shard.js';
import { MergeError, type ShardFile, isRecord, ordered } from './shards.js';

export type MergeFormat = 'json' | 'ndjson' | 'junit';
export const MERGE_FORMATS: readonly MergeFormat[] = ['json', 'ndjson', 'junit'];

export function sniffMerge(text: string): MergeFormat {
  if (text.startsWith('<?xml')) return 'junit';
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  return first.trim() === '{' ? 'json' : 'ndjson';
}

function notShard(name: string, format: MergeFormat): never {
  throw new MergeError(`${name}: not the ${format} output of an --each --shard I/N run`);
}

type Entry = Record<string, unknown>;

function jsonFile(name: string, text: string): ShardFile<Entry> {
  let doc: { schema?: string; shard?: unknown; bundles?: Entry[] };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch {
    return notShard(name, 'json');
  }
  if (doc.schema !== 'oomtrail.sweep/1' || !isRecord(doc.shard) || !Array.isArray(doc.bundles) || doc.bundles.length !== doc.shard.bundles.length) return notShard(name, 'json');
  return { name, record: doc.shard, parts: doc.bundles };
}

/** The header line a shard's NDJSON starts with. */
export function ndjsonShardLine(record: ShardRecord): string {
  return `${JSON.stringify({ oomtrail: { shard: record } })}\n`;
}

const SHARD_COMMENT = /^<!-- oomtrail-shard (.*) -->$/m;

/** The comment a shard's JUnit carries after its XML declaration (`-` escaped: no `--` inside). */
export function junitShardComment(record: ShardRecord): string {
  return `<!-- oomtrail-shard ${JSON.stringify(record).replace(/-/g, '\\u002d')} -->`;
}

function junitFile(name: string, text: string): ShardFile<string> {
  const m = SHARD_COMMENT.exec(text);
  let record: unknown;
  try {
    record = m ? JSON.parse(m[1]) : null;
  } catch {
    record = null;
  }
  if (!isRecord(record)) return notShard(name, 'junit');
  const suites = text.match(/^ {2}<testsuite [^]*?^ {2}<\/testsuite>$/gm) ?? [];
  if (suites.length !== record.bundles.length) return notShard(name, 'junit');
  return { name, record, parts: suites };
}

function attr(tag: string, name: string): number {
  return Number(new RegExp(` ${name}="([^"]*)"`).exec(tag)?.[1] ?? 0);
}

function mergedJunit(files: readonly ShardFile<string>[]): string {
  const suites = ordered(files).map((s, i) => s.replace(/^( {2}<testsuite [^>]*? id=")\d+"/, `$1${i}"`));
  const heads = suites.map((s) => s.slice(0, s.indexOf('>')));
  const sum = (n: string) => heads.reduce((t, h) => t + attr(h, n), 0);
  const time = Math.max(0, ...heads.map((h) => attr(h, 'time')));
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="oomtrail" tests="${sum('tests')}" failures="${sum('failures')}" errors="${sum('errors')}" time="${time.toFixed(3)}">
${suites.join('\n')}
</testsuites>
`;
}

/** JSON or JUnit shards joined as texts (NDJSON shards are streamed: ndjson-stream.ts). */
export function merge(files: readonly { name: string; text: string }[], f: Exclude<MergeFormat, 'ndjson'>): string {
  if (files.length === 0) throw new MergeError('merge wants the outputs of --shard runs');
  if (f === 'json') {
    const entries = ordered(files.map((x) => jsonFile(x.name, x.text)));
    // one bundle in all: an unsharded run writes its summary alone
    const doc = entries.length === 1 ? (({ input: _input, ...summary }) => summary)(entries[0]) : { schema: 'oomtrail.sweep/1', bundles: entries };
    return `${jsonSafe(JSON.stringify(doc, null, 2))}\n`;
  }
  return mergedJunit(files.map((x) => junitFile(x.name, x.text)));
}

export { MergeError } from './shards.js';
