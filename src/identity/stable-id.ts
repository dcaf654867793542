// Stable ids for what oomtrail writes into a store: the same bundle, file and bytes give the same
// id on any machine, in any working directory, so loading a bundle twice replaces rather than
// duplicates. A sha256 of the parts (NUL-separated: no part can run into the next), 32 hex digits.
import { hash } from 'node:crypto';

/** One-shot `crypto.hash` (Node 20.12+): the same digest as a Hash object, ~5× cheaper per id (NDJSON writes one per event). */
export function stableId(...parts: readonly (string | number)[]): string {
  return hash('sha256', parts.join('\u0000'), 'hex').slice(0, 32);
}

/** An event's id: its bundle, its file relative to the bundle root, its byte offset and its kind. */
export function eventId(bundle: string, relPath: string, offset: number, kind: string): string {
  return stableId(bundle, relPath, offset, kind);
}
