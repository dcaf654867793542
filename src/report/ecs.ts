// One Event as an ECS document for NDJSON (CONTRACT.md): @timestamp, message, ecs.version,
// event.* (id, kind, category, type, module, dataset, timezone, code, provider), host.name, log.*,
// process.*, and oomtrail.* for what ECS has no field for (bundle id, line, lines, time source,
// data). Where a kind's payload goes, its dataset and its categorization are its row (src/kinds.ts).
// Open-ended maps (config settings like `pm.max_children`, /proc/meminfo keys, block metadata)
// become [{name, value}] arrays, so no key with a dot in it is ever a field name.
import path from 'node:path';
import type { Event, EventKind } from '../event.js';
import type { Identity } from '../identity/identity.js';
import { eventId } from '../identity/stable-id.js';
import { KINDS, ecsKindOf } from '../kinds.js';
import type { Clock } from '../time/clock.js';

/** The ECS release the field names and types are checked against (test/ecs/). */
export const ECS_VERSION = '8.17.0';

const datasets = new Map<string, string>();

/** `event.dataset` in ECS's `module.dataset` form: the kind's row's, else its format's. */
export function datasetOf(e: Event): string {
  const own = KINDS[e.kind].ecs?.dataset;
  if (own !== undefined) return own;
  const f = e.src.format;
  let d = datasets.get(f);
  if (d === undefined) {
    d = f.replace(/-/g, '.');
    if (!d.includes('.')) d = `${d}.log`;
    datasets.set(f, d);
  }
  return d;
}

/** Where a kind's data goes under `oomtrail`. */
function dataKey(kind: EventKind): string {
  return KINDS[kind].ecs?.data ?? kind.split('.')[1];
}

/** Payload keys whose values are open-ended maps (names are data, not fields). */
const OPEN_MAPS = new Set(['settings', 'raw']);

export interface NameValue {
  name: string;
  value: unknown;
}

export function nameValues(o: Record<string, unknown>): NameValue[] {
  return Object.entries(o).map(([name, value]) => ({ name, value }));
}

function payload(data: Record<string, unknown>): Record<string, unknown> | null {
  let out: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined) continue;
    out ??= {};
    out[k] = OPEN_MAPS.has(k) && v !== null && typeof v === 'object' && !Array.isArray(v) ? nameValues(v as Record<string, unknown>) : v;
  }
  return out;
}

/** The context an event is written in: the report zone and the bundle's identity. */
export interface EcsContext {
  clock: Clock;
  identity: Identity;
  /** --absolute-paths: ECS `file.path`, the file's absolute path, beside the bundle-relative `log.file.path`. */
  absolutePaths?: boolean;
}

/** The absolute path of a file as reports show it (`x.tar.gz:inner/path` keeps its entry); none for stdin. */
function absolutePath(shown: string): string | null {
  if (shown === '-' || shown.startsWith('-:')) return null;
  return path.isAbsolute(shown) ? shown : path.resolve(shown);
}

export function toEcs(e: Event, ctx: EcsContext): Record<string, unknown> {
  const { clock, identity } = ctx;
  const row = KINDS[e.kind].ecs;
  const path = identity.roots.relative(e.src.path);
  const event: Record<string, unknown> = { id: eventId(identity.bundle, path, e.src.offset, e.kind), action: e.kind, kind: ecsKindOf(e.kind) };
  if (row?.category) event.category = row.category;
  if (row?.type) event.type = row.type;
  const dataset = datasetOf(e);
  event.module = dataset.slice(0, dataset.indexOf('.'));
  event.dataset = dataset;
  event.timezone = clock.zone;
  let data = e.data as unknown as Record<string, unknown> | undefined;
  // MySQL 8's `[MY-010116] [Server]`: where Filebeat's mysql module puts them
  if (e.kind === 'mysql.log' && data && typeof data.code === 'string') {
    event.code = data.code;
    if (typeof data.subsystem === 'string') event.provider = data.subsystem;
    const { code: _c, subsystem: _s, ...rest } = data;
    data = rest;
  }
  const o: Record<string, unknown> = { bundle: { id: identity.bundle } };
  if (identity.host) o.host_source = identity.host.source;
  o.line = e.src.line;
  o.lines = e.src.lines;
  o.time_source = e.time.source;
  if (e.time.note) o.time_note = e.time.note;
  if (e.src.truncated && e.kind !== 'line.unrecognized') o.truncated_bytes = e.src.truncated; // (unrecognized: in its data)
  if (e.time.source === 'interval') {
    o.time_earliest = clock.iso(e.time.ms);
    o.time_latest = clock.iso(e.time.latestMs ?? e.time.ms);
  }
  const body = data ? payload(data) : null;
  if (body) o[dataKey(e.kind)] = body;
  if (e.meta) o.meta = nameValues(e.meta);
  const log: Record<string, unknown> = {};
  if (e.level) log.level = e.level;
  log.file = { path };
  log.offset = e.src.offset;
  const out: Record<string, unknown> = {
    '@timestamp': Number.isFinite(e.time.ms) ? clock.iso(e.time.ms) : null,
    message: e.message,
    ecs: { version: ECS_VERSION },
    event,
  };
  if (identity.host) out.host = { name: identity.host.name };
  out.log = log;
  const abs = ctx.absolutePaths ? absolutePath(e.src.path) : null;
  if (abs !== null) out.file = { path: abs };
  if (e.process && (e.process.name !== undefined || e.process.pid !== undefined)) out.process = e.process;
  out.oomtrail = o;
  return out;
}
