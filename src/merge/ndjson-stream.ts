// `oomtrail merge` of NDJSON shards in bounded memory: each shard file is scanned once for the byte
// range of each bundle's events (a shard writes its bundles one after another, in its record's
// order), then the ranges are copied in the unsharded run's order. Nothing holds a whole file, so
// shards of many GB merge as well as small ones; a line longer than MAX_LINE is refused.
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { ShardRecord } from '../sweep/shard.js';
import { MergeError, type ShardFile, isRecord } from './shards.js';

/** One bundle's events in a shard file: bytes [start, end), `newline` when its last line lacked one. */
export interface Range {
  file: string;
  start: number;
  end: number;
  newline: boolean;
}

/** No event line oomtrail writes comes near this (lines are cut at 64 KiB when read). */
export const MAX_LINE = 64 * 1024 * 1024;
const CHUNK = 1 << 20;

function bundleOf(line: string): string | undefined {
  try {
    const o = JSON.parse(line) as Record<string, unknown> & { oomtrail?: { bundle?: { id?: string } } };
    return (o['oomtrail.bundle.id'] as string | undefined) ?? o.oomtrail?.bundle?.id;
  } catch {
    return undefined;
  }
}

/** Scans one shard's NDJSON: its record (first line) and each bundle's byte range. */
export async function scanNdjsonShard(name: string): Promise<ShardFile<Range>> {
  let record: ShardRecord | null = null;
  let parts: Range[] = [];
  let k = 0;
  let lineNo = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineStart = 0; // file offset of the line being gathered
  const take = (line: string, start: number, end: number, newline: boolean) => {
    lineNo++;
    if (lineNo === 1) {
      let r: unknown;
      try {
        r = (JSON.parse(line) as { oomtrail?: { shard?: unknown } }).oomtrail?.shard;
      } catch {
        r = undefined;
      }
      if (!isRecord(r)) throw new MergeError(`${name}: not the ndjson output of an --each --shard I/N run`);
      record = r;
      parts = r.bundles.map(() => ({ file: name, start: end, end, newline: false }));
      return;
    }
    const rec = record as ShardRecord;
    const id = bundleOf(line);
    while (k < rec.bundles.length && rec.bundles[k].id !== id) k++;
    if (k === rec.bundles.length) throw new MergeError(`${name}:${lineNo}: an event of bundle ${JSON.stringify(id ?? null)}, which this shard's first line does not list (in that order)`);
    const p = parts[k];
    if (p.start === p.end) p.start = start;
    p.end = end;
    p.newline = !newline;
  };
  let offset = 0;
  for await (const chunk of createReadStream(name, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, from);
      if (nl < 0) break;
      const piece = chunk.subarray(from, nl);
      const line = pendingBytes > 0 ? Buffer.concat([...pending, piece]).toString('utf8') : piece.toString('utf8');
      take(line, lineStart, offset + nl + 1, true);
      pending = [];
      pendingBytes = 0;
      from = nl + 1;
      lineStart = offset + from;
    }
    if (from < chunk.length) {
      pending.push(chunk.subarray(from));
      pendingBytes += chunk.length - from;
      if (pendingBytes > MAX_LINE) throw new MergeError(`${name}:${lineNo + 1}: a line longer than ${MAX_LINE / 1024 / 1024} MiB: not an oomtrail NDJSON shard`);
    }
    offset += chunk.length;
  }
  if (pendingBytes > 0) take(Buffer.concat(pending).toString('utf8'), lineStart, offset, false);
  if (!record) throw new MergeError(`${name}: not the ndjson output of an --each --shard I/N run`);
  return { name, record, parts };
}

/** Copies each range in turn, as text, through `write` (which waits while the reader is slow). */
export async function copyRanges(ranges: readonly Range[], write: (text: string) => Promise<void>): Promise<void> {
  for (const r of ranges) {
    if (r.end > r.start) {
      const dec = new StringDecoder('utf8');
      for await (const chunk of createReadStream(r.file, { start: r.start, end: r.end - 1, highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
        const text = dec.write(chunk);
        if (text) await write(text);
      }
      const rest = dec.end();
      if (rest) await write(rest);
    }
    if (r.newline) await write('\n');
  }
}
