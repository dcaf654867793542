// The whole timeline an analysis produced, in time order, batch by batch: what a reporter that
// writes every event (NDJSON) reads. With keep 'all' or 'report' that is the kept events; with keep
// 'stream' the inputs are read again in time order (replay.ts), which no reporter needs to know.
import type { Analysis } from '../analyze.js';
import type { Event } from '../event.js';
import { replay } from '../replay.js';

export function timelineEvents(a: Analysis): AsyncIterable<Event[]> | Iterable<Event[]> {
  return a.replay ? replay(a, a.replay) : [a.events];
}
