// Unrecognized lines are counted and sampled when reports fold: the first UNRECOGNIZED_SAMPLE of an
// input are kept, the rest counted exactly (stats, per-kind counts, the nothing-lost line sum);
// the findings are those of the run that keeps every event.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { buildReport } from '../../src/report/model.js';
import { UNRECOGNIZED_SAMPLE } from '../../src/timeline/collect.js';
import { Readable } from 'node:stream';

/** Lines no format reads (an access log of a kind oomtrail does not know), some blank. */
const garbage = (n: number) => Array.from({ length: n }, (_, i) => (i % 97 === 0 ? '' : `~~ opaque record ${i} of ${(i * 7919) % 10007} ~~`)).join('\n');

async function run(text: string, keep: 'all' | 'report') {
  return analyze({ inputs: ['-'], stdin: Readable.from([Buffer.from(text)]), tz: 'UTC', keep });
}

describe('sampled unrecognized lines', () => {
  it('keeps a sample of them, counts all, loses no line', async () => {
    const n = 3000;
    const text = garbage(n);
    const all = await run(text, 'all');
    const folded = await run(text, 'report');
    expect(folded.stats).toEqual(all.stats);
    expect(all.stats.unrecognized).toBe(n - Math.ceil(n / 97));
    const kept = folded.events.filter((e) => e.kind === 'line.unrecognized').length;
    expect(kept).toBeLessThanOrEqual(UNRECOGNIZED_SAMPLE);
    expect(kept).toBeGreaterThan(0);
    // nothing lost: kept events and folded lines account for every non-blank line
    let sum = 0;
    for (const e of folded.events) sum += e.src.lines;
    for (const v of folded.folded?.lines.values() ?? []) sum += v;
    expect(folded.stats.blank + sum).toBe(folded.stats.lines);
    const a = buildReport(all);
    const b = buildReport(folded);
    expect(b.kinds).toEqual(a.kinds);
    expect(b.kinds['line.unrecognized']).toBe(all.stats.unrecognized);
    expect(b.summary.stats).toEqual(a.summary.stats);
    expect(b.summary.inputs).toEqual(a.summary.inputs);
  });
});
