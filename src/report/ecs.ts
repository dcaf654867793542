// One Event as an ECS-named object for NDJSON (CONTRACT.md): @timestamp, message, event.*,
// log.*, process.*, and oomtrail.* for what ECS has no field for (line, lines, time source, data).
// Where a kind's payload goes and its dataset when not its format's are the kind's row (src/kinds.ts).
import type { Event, EventKind } from '../event.js';
import { KINDS } from '../kinds.js';
import type { Clock } from '../time/clock.js';

const datasets = new Map<string, string>();

export function datasetOf(e: Event): string {
  const own = KINDS[e.kind].ecs?.dataset;
  if (own !== undefined) return own;
  const f = e.src.format;
  let d = datasets.get(f);
  if (d === undefined) {
    d = f.replace(/-/g, '.');
    datasets.set(f, d);
  }
  return d;
}

/** Where a kind's data goes under `oomtrail`. */
function dataKey(kind: EventKind): string {
  return KINDS[kind].ecs?.data ?? kind.split('.')[1];
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

export function toEcs(e: Event, clock: Clock): Record<string, unknown> {
  const o: Record<string, unknown> = {
    line: e.src.line,
    lines: e.src.lines,
    time_source: e.time.source,
  };
  if (e.time.note) o.time_note = e.time.note;
  if (e.src.truncated && e.kind !== 'line.unrecognized') o.truncated_bytes = e.src.truncated; // (unrecognized: in its data)
  if (e.time.source === 'interval') {
    o.time_earliest = clock.iso(e.time.ms);
    o.time_latest = clock.iso(e.time.latestMs ?? e.time.ms);
  }
  const data = e.data as unknown as Record<string, unknown>;
  if (data && hasKeys(data)) o[dataKey(e.kind)] = data;
  if (e.meta) o.meta = e.meta;
  const log: Record<string, unknown> = {};
  if (e.level) log.level = e.level;
  log.file = { path: e.src.path };
  log.offset = e.src.offset;
  const out: Record<string, unknown> = {
    '@timestamp': Number.isFinite(e.time.ms) ? clock.iso(e.time.ms) : null,
    message: e.message,
    event: { action: e.kind, dataset: datasetOf(e), kind: 'event' },
    log,
  };
  if (e.process && (e.process.name !== undefined || e.process.pid !== undefined)) out.process = e.process;
  out.oomtrail = o;
  return out;
}
