// A memory failure's id: the id of the event that reports it (src/identity/stable-id.ts), so a
// failure row joins its event row in a store, and re-loading a bundle keeps the same ids.
import type { Event } from '../event.js';
import { eventId } from '../identity/stable-id.js';

/** `relPath` is the failure event's file relative to the bundle root (identity/roots.ts). */
export function failureId(bundle: string, relPath: string, e: Pick<Event, 'kind' | 'src'>): string {
  return eventId(bundle, relPath, e.src.offset, e.kind);
}
