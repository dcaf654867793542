// Real system excerpts the parsers had not seen (test/formats/<id>/unseen/, sources in each
// SOURCE.md), each checked by hand, the digests beside them (`unseen/digests.ts`): the harness
// finds them through the registry. Each excerpt is analysed whole; the format sniffed, the exact
// lines left unrecognized (a person's prose in a paste, output of commands no format reads), the
// event kinds, kills with their victims and memory, task tables and memory totals in bytes,
// php-fpm pool events and stamped times are its digest's; lines are conserved; every excerpt has one.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/formats/index.js';
import { ROOT, expectConserved, run } from '../helpers.js';
import { type UnseenCase, digest } from './unseen-digest.js';

const unseenDir = (id: string) => path.join(ROOT, 'test', 'formats', id, 'unseen');
const withDigests = FORMATS.map((f) => f.id).filter((id) => existsSync(path.join(unseenDir(id), 'digests.ts')));

describe.each(withDigests)('unseen excerpts of %s', async (id) => {
  const { CASES } = (await import(path.join(unseenDir(id), 'digests.ts'))) as { CASES: Record<string, UnseenCase> };

  it('has a digest for every excerpt', () => {
    const excerpts = readdirSync(unseenDir(id)).filter((f) => !/\.(?:ts|md)$/.test(f));
    expect(Object.keys(CASES).sort()).toEqual(excerpts.sort());
  });

  it.each(Object.keys(CASES))('%s', async (name) => {
    const c = CASES[name];
    const a = await run([path.join(unseenDir(id), name)], { tz: 'UTC' });
    expectConserved(a);
    const d = digest(a);
    expect(d.formats).toEqual(c.formats);
    expect(d.unrecognized).toEqual(c.unrecognized ?? []);
    expect(d.kinds).toEqual(c.kinds);
    if (c.facts) {
      expect(d.facts).toHaveLength(c.facts.length);
      c.facts.forEach((f, i) => expect(d.facts[i], `fact ${i}`).toMatchObject(f));
    }
  });
});
