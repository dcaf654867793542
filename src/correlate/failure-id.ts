// A failure's id: the same for the same evidence wherever it is read from (a folder, its archive,
// stdin, a copy under another name): its kind, line, instant and message, hashed. The summary's
// failures and episodes' members refer to each other by it.
import { createHash } from 'node:crypto';
import type { Event } from '../event.js';

export function failureId(e: Event): string {
  return createHash('sha256').update(`${e.kind}\0${e.src.line}\0${e.time.ms}\0${e.message}`).digest('hex').slice(0, 16);
}
