// Stable ids for what oomtrail writes into a store: the same bundle, file and bytes give the same
// id on any machine, in any working directory, so loading a bundle twice replaces rather than
// duplicates. A sha256 of the parts (NUL-separated: no part can run into the next), 32 hex digits.
import { createHash } from 'node:crypto';

export function stableId(...parts: readonly (string | number)[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** An event's id: its bundle, its file relative to the bundle root, its byte offset and its kind. */
export function eventId(bundle: string, relPath: string, offset: number, kind: string): string {
  return stableId(bundle, relPath, offset, kind);
}
