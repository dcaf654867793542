// Every field oomtrail writes to NDJSON is either ECS's (checked against the published field
// definitions of ECS 8.17: name, type, allowed values), Filebeat's `log.offset`, or under `oomtrail.*`; walked over the whole
// NDJSON of the samples and the shared bundles (with --absolute-paths, so file.path is checked too),
// through the built CLI as users run it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ECS_VERSION } from '../../src/report/ecs.js';
import { ROOT, SHARED } from '../helpers.js';

interface EcsField {
  type: string;
  allowed_values?: string[];
}
const ECS = JSON.parse(readFileSync(path.join(ROOT, 'test/ecs/ecs-8.17.0-fields.json'), 'utf8')) as {
  ecs_version: string;
  fields: Record<string, EcsField>;
  expected_event_types: Record<string, string[]>;
};

/** Not ECS but Filebeat's own (libbeat's fields.yml): the contract keeps it, as Filebeat writes it. */
const BEATS: Record<string, EcsField> = { 'log.offset': { type: 'long' } };

const BIN = path.join(ROOT, 'bin/oomtrail.js');
const SAMPLES = readdirSync(path.join(ROOT, 'samples'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => path.join(ROOT, 'samples', d.name));
const BUNDLES = existsSync(path.join(SHARED, 'bundles')) ? readdirSync(path.join(SHARED, 'bundles')).map((b) => path.join(SHARED, 'bundles', b)) : [];

function docs(bundles: string[]): Record<string, unknown>[] {
  const out = execFileSync(process.execPath, [BIN, 'timeline', ...bundles, '--each', '--tz', 'Asia/Shanghai', '--date', '2016-05-21', '--no-progress', '--absolute-paths'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Leaf fields as [dotted name, value]; arrays of objects are walked element by element. */
function leaves(o: Record<string, unknown>, prefix = ''): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [k, v] of Object.entries(o)) {
    const name = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) out.push(...leaves(v as Record<string, unknown>, name));
    else if (Array.isArray(v) && v.some((x) => x !== null && typeof x === 'object')) for (const x of v) out.push(...leaves(x as Record<string, unknown>, name));
    else out.push([name, v]);
  }
  return out;
}

const STRINGS = new Set(['keyword', 'constant_keyword', 'wildcard', 'match_only_text', 'text', 'ip']);
function fits(type: string, v: unknown): boolean {
  const values = Array.isArray(v) ? v : [v];
  return values.every((x) => {
    if (STRINGS.has(type)) return typeof x === 'string';
    if (type === 'long' || type === 'integer') return Number.isInteger(x);
    if (type === 'float' || type === 'scaled_float' || type === 'double') return typeof x === 'number';
    if (type === 'date') return typeof x === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(x);
    if (type === 'boolean') return typeof x === 'boolean';
    return false;
  });
}

describe('NDJSON is ECS', () => {
  const all = docs([...SAMPLES, ...BUNDLES]);

  it('declares the ECS version the definitions are of', () => {
    expect(ECS.ecs_version).toBe(ECS_VERSION);
    expect(all.length).toBeGreaterThan(400);
    for (const d of all) expect((d.ecs as { version: string }).version).toBe(ECS_VERSION);
  });

  it('writes every field outside oomtrail.* with its ECS name and type', () => {
    const bad: string[] = [];
    const seen = new Set<string>();
    for (const d of all) {
      for (const [name, v] of leaves(d)) {
        seen.add(name);
        if (name.startsWith('oomtrail.')) continue;
        const f = ECS.fields[name] ?? BEATS[name];
        if (!f) bad.push(`${name}: not an ECS field`);
        else if (v !== null && !fits(f.type, v)) bad.push(`${name}: ${JSON.stringify(v)} is no ${f.type}`);
        else if (f.allowed_values) for (const x of Array.isArray(v) ? v : [v]) if (!f.allowed_values.includes(x as string)) bad.push(`${name}: ${x} is not allowed`);
      }
    }
    expect([...new Set(bad)]).toEqual([]);
    // the fields the fleet relies on are there
    for (const f of ['@timestamp', 'event.id', 'event.kind', 'event.category', 'event.type', 'event.module', 'event.dataset', 'event.timezone', 'host.name', 'log.file.path', 'log.offset', 'oomtrail.bundle.id', 'oomtrail.host_source']) expect(seen, f).toContain(f);
  });

  it('puts every event.type where one of its categories expects it, and the kinds where ECS says', () => {
    for (const d of all) {
      const ev = d.event as { kind: string; action: string; category?: string[]; type?: string[] };
      if (ev.type) for (const t of ev.type) expect(ev.category?.some((c) => ECS.expected_event_types[c].includes(t)), `${ev.action}: ${t}`).toBe(true);
      if (ev.action.startsWith('snapshot.')) expect(ev.kind).toBe('metric');
      if (ev.action === 'mysql.mmap_failed') expect(ev.kind).toBe('alert');
      if (ev.action.startsWith('config.')) expect(ev.kind).toBe('state');
      expect((ev as { dataset?: string }).dataset).toMatch(/^[a-z_]+\.[a-z_.]+$/);
    }
  });

  it('never makes a field name of an open-ended key (pm.max_children is a value under name)', () => {
    const names = new Set(all.flatMap((d) => leaves(d).map(([n]) => n)));
    expect([...names].filter((n) => /max_children|MemTotal|\[/.test(n))).toEqual([]);
    const settings = all.flatMap((d) => ((d.oomtrail as { config?: { settings: { name: string; value: string }[] } }).config?.settings ?? []).map((s) => s.name));
    expect(settings).toContain('pm.max_children');
  });
});
