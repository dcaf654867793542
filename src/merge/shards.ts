// The checks `oomtrail merge` makes before joining shard outputs: every shard of the same split
// (same count, same number of inputs) there exactly once, no bundle taken twice, every input's
// place filled. Each refusal is a sentence naming what is wrong (a MergeError, exit 2).
import type { ShardRecord } from '../sweep/shard.js';

export class MergeError extends Error {}

/** A shard's record: which shard of how many, and its bundles with their places. */
export function isRecord(r: unknown): r is ShardRecord {
  const x = r as ShardRecord | null;
  return !!x && Number.isInteger(x.index) && Number.isInteger(x.count) && Number.isInteger(x.total) && Array.isArray(x.bundles);
}

export interface ShardFile<T> {
  name: string;
  record: ShardRecord;
  /** The file's items per bundle, in the record's order. */
  parts: T[];
}

/** The parts of all shards in the order one unsharded run gives (by input position). */
export function ordered<T>(files: readonly ShardFile<T>[]): T[] {
  if (files.length === 0) throw new MergeError('merge wants the outputs of --shard runs');
  const { count, total } = files[0].record;
  const seen = new Map<number, string>();
  for (const f of files) {
    const r = f.record;
    if (r.count !== count || r.total !== total) throw new MergeError(`${f.name}: shard ${r.index}/${r.count} of ${r.total} inputs does not belong with ${files[0].name} (shard ${files[0].record.index}/${count} of ${total})`);
    const other = seen.get(r.index);
    if (other !== undefined) throw new MergeError(`${f.name}: shard ${r.index}/${count} is given twice (also ${other})`);
    seen.set(r.index, f.name);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new MergeError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: merge wants all ${count}`);
  const at = new Map<number, { id: string; file: string; part: T }>();
  const byId = new Map<string, string>();
  for (const f of files) {
    f.record.bundles.forEach((b, k) => {
      const again = byId.get(b.id);
      if (again !== undefined) throw new MergeError(`bundle ${JSON.stringify(b.id)} is in ${again} and in ${f.name}: a bundle id must be seen once (rename one, or give them distinct folder names)`);
      byId.set(b.id, f.name);
      if (!Number.isInteger(b.position) || b.position < 0 || b.position >= total || at.has(b.position)) throw new MergeError(`${f.name}: bundle ${JSON.stringify(b.id)} has a bad place ${b.position} among ${total} inputs`);
      at.set(b.position, { id: b.id, file: f.name, part: f.parts[k] });
    });
  }
  if (at.size !== total) throw new MergeError(`the shards took ${at.size} of ${total} bundles: were they run on the same inputs?`);
  return Array.from({ length: total }, (_, i) => (at.get(i) as { part: T }).part);
}
