// The fleet commands' wiring: `schema --dialect D` prints src/fleet/schema-text.ts; `-f ndjson
// --table T` writes each bundle's rows of a fleet table (src/fleet/rows.ts), one JSON a line;
// `--shard I/N` outputs say which shard they are; `merge` joins them (src/merge/merge.ts).
import { open, readFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { DIALECTS, type Dialect } from '../fleet/ddl.js';
import { tableRows } from '../fleet/rows.js';
import { schemaText } from '../fleet/schema-text.js';
import { MERGE_FORMATS, MergeError, type MergeFormat, junitShardComment, merge, sniffMerge } from '../merge/merge.js';
import { type Range, copyRanges, scanNdjsonShard } from '../merge/ndjson-stream.js';
import { type ShardFile, ordered } from '../merge/shards.js';
import { type Sink, WriteError, fileSink, stdoutSink } from './output.js';
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

/** The first bytes of a file, as text (enough to tell JSON, NDJSON and JUnit apart). */
async function head(name: string): Promise<string> {
  const f = await open(name, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await f.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await f.close();
  }
}

/**
 * `oomtrail merge FILES... [-f json|ndjson|junit] [-o OUT]`: 0, or 2 with one line saying why not.
 * NDJSON shards are streamed (merge/ndjson-stream.ts: bounded memory whatever their size); JSON
 * and JUnit shards hold one summary per bundle and are read whole. `-o` is written atomically.
 */
export async function runMerge(files: readonly string[], format: string | undefined, stdout: Writable, stderr: Writable, outPath: string | undefined): Promise<number> {
  if (format !== undefined && !(MERGE_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`merge joins ${MERGE_FORMATS.join(', ')} outputs; got -f ${echo(format)}${didYouMean(format, MERGE_FORMATS)}`);
  }
  if (files.length === 0) {
    stderr.write('oomtrail: merge: merge wants the outputs of --shard runs\n');
    return 2;
  }
  const out: Sink = outPath !== undefined ? await fileSink(outPath, files) : stdoutSink(stdout);
  let name = files[0];
  try {
    const f = (format as MergeFormat | undefined) ?? sniffMerge(await head(files[0]));
    if (f === 'ndjson') {
      const scanned: ShardFile<Range>[] = [];
      for (name of files) scanned.push(await scanNdjsonShard(name));
      name = '';
      await copyRanges(ordered(scanned), (text) => out.write(text));
    } else {
      const texts: { name: string; text: string }[] = [];
      for (name of files) texts.push({ name, text: await readFile(name, 'utf8') });
      name = '';
      await out.write(merge(texts, f));
    }
    await out.finish();
    return 0;
  } catch (err) {
    await out.abandon();
    if (err instanceof WriteError) {
      stderr.write(err.line());
      return 2;
    }
    if (err instanceof MergeError) stderr.write(`oomtrail: merge: ${plain(err.message)}\n`);
    else if (name) stderr.write(`oomtrail: ${plain(name)}: ${reasonOf(err)}\n`);
    else throw err;
    return 2;
  }
}
