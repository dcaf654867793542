// The mysql-error format on real fixtures: golden events, folding, inherited and inferred times,
// and bad lines that stay lines (never an exception, never a lost line).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mysqlShapes } from '../../src/formats/mysql-error.js';
import { toEcs } from '../../src/report/ecs.js';
import { ROOT, expectConserved, run } from '../helpers.js';

const DIR = path.join(ROOT, 'test', 'formats', 'mysql-error');
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.log'));

describe('mysql-error fixtures', () => {
  it.each(fixtures)('%s matches its golden events and conserves lines', async (name) => {
    const a = await run([path.join(DIR, name)], { tz: 'Asia/Shanghai' });
    expectConserved(a);
    const ndjson = a.events.map((e) => JSON.stringify({ ...toEcs(e, a.clock), log: { ...(toEcs(e, a.clock).log as object), file: { path: name } } })).join('\n');
    await expect(`${ndjson}\n`).toMatchFileSnapshot(path.join(DIR, '__golden__', name.replace(/\.log$/, '.ndjson')));
  });

  it('parses no token sequence more than one way', () => {
    expect([...mysqlShapes.ambiguous]).toEqual([]);
  });

  it('finds the errno 12 failure and the restarts of the vesta log', async () => {
    const a = await run([path.join(DIR, 'vesta-987-errno12.log')]);
    expect(a.failures.map((f) => [f.event.kind, f.event.src.line, f.requested_bytes])).toEqual([['mysql.mmap_failed', 9, 137363456]]);
    expect(a.events.filter((e) => e.kind.startsWith('mysqld_safe.')).map((e) => e.kind)).toContain('mysqld_safe.ended');
  });

  it('folds the stack trace into the got-signal event', async () => {
    const a = await run([path.join(DIR, 'pt-errlog008-signal11.log')]);
    const sig = a.events.find((e) => e.kind === 'mysql.signal');
    expect(sig?.kind === 'mysql.signal' && sig.data.signal).toBe(11);
    expect(sig?.src.lines).toBeGreaterThan(10);
    expect(a.events.map((e) => e.kind)).toContain('mysqld_safe.died');
    expect(a.events.map((e) => e.kind)).toContain('mysqld_safe.restart');
  });

  it('dates a time-only UTC crash stamp from the line before and says so', async () => {
    const a = await run([path.join(DIR, 'mysql-audit-151-utc-time-only.log')], { tz: 'America/Los_Angeles' });
    const sig = a.events.find((e) => e.kind === 'mysql.signal');
    expect(sig?.time.source).toBe('inferred');
    expect(a.clock.iso(sig?.time.ms ?? 0)).toBe('2016-11-26T23:00:44.000-08:00');
  });

  it('keeps the mmap failure among binary junk, bad bytes and hostile text', async () => {
    const a = await run([path.join(DIR, 'bad-lines.log')]);
    expectConserved(a);
    expect(a.failures.map((f) => f.event.src.line)).toEqual([2]);
    expect(a.inputs[0].blank).toBe(2);
    expect(a.inputs[0].unrecognized).toBe(4); // NUL junk, bad bytes, the cut stamp, the terminal escapes
    expect(a.events.at(-1)?.kind).toBe('mysqld_safe.ended');
  });
});
