// The timeline as NDJSON text: one ECS object a line (JSON.stringify: the documents are plain,
// acyclic data), in chunks of about 1 MiB, as the analysis's timeline gives its events in time
// order (timeline/events.ts). C1 controls and U+2028/9 are escaped so every line stays one line.
// Backpressure: a generator, so the events are read no faster than the chunks are taken.
import type { Analysis } from '../analyze.js';
import { timelineEvents } from '../timeline/events.js';
import { type EcsContext, toEcs } from './ecs.js';
import { flatten } from './flat.js';
import { jsonSafe } from './sanitize.js';

/** About this many characters per chunk (a huge bundle never needs one string longer than V8 allows). */
const CHUNK = 1 << 20;

/** `flat`: dotted keys one level deep (--flat, report/flat.ts); `absolutePaths`: ECS `file.path` too. */
export async function* ndjsonText(a: Analysis, o: { flat?: boolean; absolutePaths?: boolean } = {}): AsyncGenerator<string> {
  const ctx: EcsContext = { clock: a.clock, identity: a.identity, absolutePaths: o.absolutePaths };
  let buf = '';
  for await (const batch of timelineEvents(a)) {
    for (const e of batch) {
      // escaped line by line: a regex over a whole chunk (a long concatenation) costs ~4× more
      buf += `${jsonSafe(JSON.stringify(o.flat ? flatten(toEcs(e, ctx)) : toEcs(e, ctx)))}\n`;
      if (buf.length >= CHUNK) {
        yield buf;
        buf = '';
      }
    }
  }
  if (buf.length > 0) yield buf;
}
