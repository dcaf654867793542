// `--shard I/N` for CI matrices: a sweep takes only the bundles whose id hashes to shard I of N
// (sha256 of the bundle id, so a bundle lands in the same shard whatever the order of the inputs
// or the machine). Each shard's output records which shard it is and the bundles it took, with
// their places in the whole input list, so `oomtrail merge` can put the shards back together in
// the order one unsharded run gives, and refuse a missing shard or a bundle seen twice.
import { createHash } from 'node:crypto';
import { bundleIdOf } from '../identity/bundle.js';

export interface Shard {
  index: number;
  count: number;
}

/** What a shard's output says about itself. `position`: the bundle's place among all inputs. */
export interface ShardRecord extends Shard {
  total: number;
  bundles: { id: string; position: number }[];
}

/** `2/4` → { index: 2, count: 4 }; null when it is not I/N with 1 ≤ I ≤ N ≤ 1000. */
export function parseShard(text: string): Shard | null {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return index >= 1 && count >= 1 && count <= 1000 && index <= count ? { index, count } : null;
}

/** The shard (1-based) a bundle id belongs to among `count`. */
export function shardOf(bundleId: string, count: number): number {
  const h = createHash('sha256').update(bundleId).digest();
  return (h.readUInt32BE(0) % count) + 1;
}

/** The inputs of shard `s` (each input a bundle, as with --each), and the record of it. */
export function takeShard(inputs: readonly string[], s: Shard): { inputs: string[]; record: ShardRecord } {
  const record: ShardRecord = { index: s.index, count: s.count, total: inputs.length, bundles: [] };
  const taken: string[] = [];
  inputs.forEach((input, position) => {
    const id = bundleIdOf([input]);
    if (shardOf(id, s.count) !== s.index) return;
    taken.push(input);
    record.bundles.push({ id, position });
  });
  return { inputs: taken, record };
}
