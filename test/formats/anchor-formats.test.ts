// The small formats the containers force on their anchor lines (shell-prompt, watcher-date,
// pt-stalk, pt-summary): each fixture's events as a golden NDJSON file, read from stdin so that no mtime
// enters the goldens; every sample parses; bad lines are unrecognized, never fatal.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatById } from '../../src/formats/index.js';
import { ROOT, expectConserved, runText } from '../helpers.js';

for (const id of ['shell-prompt', 'watcher-date', 'pt-stalk', 'pt-summary']) {
  describe(`format ${id}`, () => {
    const dir = path.join(ROOT, 'test', 'formats', id);
    const format = formatById(id);

    it('is registered, and each of its samples parses', async () => {
      expect(format).toBeDefined();
      for (const s of format?.samples ?? []) {
        const a = await runText(`${s.line}\n`, { as: id });
        expect(a.events.map((e) => e.kind), s.line).toEqual([s.kind]);
      }
    });

    // golden and line count: the one harness (fixtures.test.ts, read.json forces the format); what these add to it:
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.log')).sort()) {
      it(`reads ${file}: bad lines unrecognized, never fatal, none lost in the analysis`, async () => {
        const a = await runText(readFileSync(path.join(dir, file), 'utf8'), { as: id, tz: 'Asia/Shanghai' });
        expectConserved(a);
        const unrecognized = a.events.filter((e) => e.kind === 'line.unrecognized').length;
        // pt-stalk and pt-summary fold what they do not read into their sample / section events
        if (file.startsWith('bad-') && !id.startsWith('pt-')) expect(unrecognized).toBeGreaterThan(0);
        else expect(unrecognized).toBe(0);
      });
    }
  });
}
