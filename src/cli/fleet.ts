// The fleet commands' wiring: `schema --dialect D` prints src/fleet/schema-text.ts; `-f ndjson
// --table T` writes each bundle's rows of a fleet table (src/fleet/rows.ts), one JSON a line;
// `--shard I/N` outputs say which shard they are; `merge` joins them (src/merge/merge.ts).
import { readFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { DIALECTS, type Dialect } from '../fleet/ddl.js';
import { tableRows } from '../fleet/rows.js';
import { schemaText } from '../fleet/schema-text.js';
import { MERGE_FORMATS, MergeError, type MergeFormat, junitShardComment, merge } from '../merge/merge.js';
import type { Report } from '../report/index.js';
import { reasonOf } from '../read/errors.js';
import { plain } from '../report/sanitize.js';
import type { ShardRecord } from '../sweep/shard.js';
import { jsonSafe } from '../report/sanitize.js';
import { UsageError, didYouMean, echo } from './usage.js';

export async function runSchema(dialect: string | undefined, out: Writable): Promise<number> {
  if (dialect === undefined || !(DIALECTS as readonly string[]).includes(dialect)) {
    throw new UsageError(`schema wants --dialect ${DIALECTS.join('|')}${dialect === undefined ? '' : `, got ${echo(dialect)}${didYouMean(dialect, DIALECTS)}`}`);
  }
  await new Promise<void>((resolve, reject) => out.write(schemaText(dialect as Dialect), (err) => (err ? reject(err) : resolve())));
  return 0;
}

export function rowsText(reports: readonly Report[], table: 'failures' | 'incidents' | 'advice'): string {
  let out = '';
  for (const r of reports) for (const row of tableRows(r.summary, table)) out += `${JSON.stringify(row)}\n`;
  return jsonSafe(out);
}

/** A shard's JSON (always the sweep form, with its record) or JUnit (its record in a comment). */
export function shardText(render: (r: readonly Report[]) => string, reports: readonly Report[], record: ShardRecord, format: string): string {
  if (format === 'json') {
    const doc = { schema: 'oomtrail.sweep/1', shard: record, bundles: reports.map((r) => ({ input: r.bundle, ...r.summary })) };
    return `${jsonSafe(JSON.stringify(doc, null, 2))}\n`;
  }
  const xml = render(reports);
  const nl = xml.indexOf('\n');
  return `${xml.slice(0, nl + 1)}${junitShardComment(record)}\n${xml.slice(nl + 1)}`;
}

/** `oomtrail merge FILES... [-f json|ndjson|junit]`: 0, or 2 with one line saying why not. */
export async function runMerge(files: readonly string[], format: string | undefined, out: Writable, stderr: Writable, toFile: boolean): Promise<number> {
  if (format !== undefined && !(MERGE_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`merge joins ${MERGE_FORMATS.join(', ')} outputs; got -f ${echo(format)}${didYouMean(format, MERGE_FORMATS)}`);
  }
  const texts: { name: string; text: string }[] = [];
  for (const name of files) {
    try {
      texts.push({ name, text: await readFile(name, 'utf8') });
    } catch (err) {
      stderr.write(`oomtrail: ${plain(name)}: ${reasonOf(err)}\n`);
      return 2;
    }
  }
  let text: string;
  try {
    text = merge(texts, format as MergeFormat | undefined);
  } catch (err) {
    if (!(err instanceof MergeError)) throw err;
    stderr.write(`oomtrail: merge: ${plain(err.message)}\n`);
    return 2;
  }
  await new Promise<void>((resolve, reject) => out.write(text, (err) => (err ? reject(err) : resolve())));
  if (toFile) await new Promise<void>((resolve) => out.end(resolve));
  return 0;
}
