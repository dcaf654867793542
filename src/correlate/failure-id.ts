// A failure's id: stable for the same bundle and bytes (the kind, file and line of the event that
// tells it, hashed), so an episode's members and a summary's failures refer to each other.
import { createHash } from 'node:crypto';
import type { Event } from '../event.js';

export function failureId(e: Event): string {
  return createHash('sha256').update(`${e.kind}\0${e.src.path}\0${e.src.line}`).digest('hex').slice(0, 16);
}
