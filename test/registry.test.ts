// The registry stays in step with the folders: every format has a grammar, an adapter, samples
// that it recognises, and a fixture folder; no grammar parses any sample more than one way.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../src/formats/index.js';
import { ROOT, runText } from './helpers.js';

describe.each(FORMATS.map((f) => [f.id, f] as const))('format %s', (id, format) => {
  it('has its adapter, grammar and fixture folder', () => {
    expect(existsSync(path.join(ROOT, 'src', 'formats', id, `${id}.ts`))).toBe(true);
    expect(existsSync(path.join(ROOT, 'test', 'formats', id))).toBe(true);
    expect(existsSync(path.join(ROOT, 'grammar', `${id}.ne`))).toBe(true);
  });

  it('recognises every one of its own samples', async () => {
    expect(format.samples.length).toBeGreaterThan(0);
    for (const sample of format.samples) {
      const a = await runText(`${sample}\n`, { as: id });
      expect(a.events.filter((e) => e.kind === 'line.unrecognized').map((e) => e.message), sample).toEqual([]);
    }
  });
});
