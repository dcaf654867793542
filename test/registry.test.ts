// The registry stays in step with the folders and with what the formats really do, in both
// directions (as lnav's loader checks its formats): every format has its folder, grammar and
// fixtures; every declared sample reads alone into one event of its declared kind; every kind an
// event of any fixture has is one its format declares; every declared kind is a row of the table.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_KINDS } from '../src/event.js';
import { FORMATS } from '../src/formats/index.js';
import { analyze } from '../src/analyze.js';
import { fixtureInputs } from './fixture-inputs.js';
import { ROOT, runText } from './helpers.js';

describe.each(FORMATS.map((f) => [f.id, f] as const))('format %s', (id, format) => {
  it('has its folder, adapter, grammar and fixture folder', () => {
    expect(existsSync(path.join(ROOT, 'src', 'formats', id, `${id}.ts`))).toBe(true);
    expect(existsSync(path.join(ROOT, 'test', 'formats', id))).toBe(true);
    expect(existsSync(path.join(ROOT, 'grammar', `${id}.ne`))).toBe(true);
  });

  it('reads every one of its own samples, alone, into one event of the declared kind', async () => {
    expect(format.samples.length).toBeGreaterThan(0);
    for (const sample of format.samples) {
      const a = await runText(`${sample.line}\n`, { as: id });
      expect(a.events.map((e) => e.kind), sample.line).toEqual([sample.kind]);
    }
  });

  it('declares only kinds of the kinds table, and every kind its samples have', () => {
    for (const k of format.kinds) expect(EVENT_KINDS, k).toContain(k);
    for (const s of format.samples) expect(format.kinds, s.line).toContain(s.kind);
  });
});

describe('kinds emitted over all fixtures', () => {
  const byId = new Map(FORMATS.map((f) => [f.id, f]));
  it.each(FORMATS.map((f) => f.id).filter((id) => existsSync(path.join(ROOT, 'test', 'formats', id))))(
    'the events read from test/formats/%s are of kinds their formats declare',
    async (id) => {
      const files = fixtureInputs(path.join(ROOT, 'test', 'formats', id));
      expect(files.length).toBeGreaterThan(0);
      const a = await analyze({ tz: 'UTC', inputs: files, keep: 'all' });
      expect(a.events.length).toBeGreaterThan(0);
      const undeclared = new Set<string>();
      for (const e of a.events) {
        if (e.kind === 'line.unrecognized') continue; // any format may keep a line it cannot read
        const f = byId.get(e.src.format);
        if (!f?.kinds.includes(e.kind)) undeclared.add(`${e.src.format}: ${e.kind}`);
      }
      expect([...undeclared]).toEqual([]);
    },
  );
});
