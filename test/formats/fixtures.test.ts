// The one fixture harness, driven by the registry: for every format with a fixture folder, each
// `test/formats/<id>/<case>.log` is read through the driver as the CLI reads a file (sniffed, unless
// the case is `bad-` or the folder's `read.json` forces the format), keeps every line, is claimed
// by its format (unless it routes lines to others), and gives the events its golden `<case>.golden.ndjson` holds (one serialization
// for all: test/formats/parse-file.ts goldenLines). Format-specific checks stay in <id>.test.ts.
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/formats/index.js';
import { conserved, goldenLines } from './parse-file.js';
import { fixtures, forcedCase, goldenOf, parseCase, readAs } from './fixtures.js';

const withCases = FORMATS.map((f) => f.id).filter((id) => fixtures(id).length > 0);

describe.each(withCases)('fixtures of %s', (id) => {
  it.each(fixtures(id))('%s: its golden events, every line kept, read by its format', async (name) => {
    const p = await parseCase(id, name);
    expect(conserved(p), 'lines == blank + lines of the events').toBe(true);
    // sniffed for the file, or handed a block by a sibling it sniffed (free's rows beside meminfo's)
    const readers = new Set([...p.stats.formats, ...p.events.map((e) => e.src.format)]);
    if (!forcedCase(id, name) && !readAs(id).routes) expect([...readers], 'read by').toContain(id);
    await expect(goldenLines(p)).toMatchFileSnapshot(goldenOf(id, name));
  });
});
