// The watcher's date precheck (a line with no clock and no lone epoch is not lexed) must answer as
// the grammar does on every line of every fixture, sample and corpus file, and on the format's samples.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lexDateLine, parseDateLine, watcherDate } from '../../src/formats/watcher-date/watcher-date.js';
import { CORPUS, HAS_CORPUS, ROOT, filesUnder } from '../helpers.js';

/** The slow path: every line lexed (what parseDateLine did before the precheck). */
function slow(text: string) {
  if (text.startsWith('Every ') && text.length <= 4096) return parseDateLine(text);
  const trimmed = text.trim();
  if (trimmed.length < 10 || trimmed.length > 120) return null;
  return lexDateLine(trimmed);
}

describe('watcher date precheck', () => {
  it('gives what the grammar gives on every fixture, sample and corpus line', () => {
    const roots = [path.join(ROOT, 'test'), path.join(ROOT, 'samples'), ...(HAS_CORPUS ? [CORPUS] : [])];
    let lines = 0;
    let dates = 0;
    for (const file of roots.flatMap((r) => filesUnder(r, /\.(?:ts|json|ndjson|gz|tgz|tar|md|snap)$/))) {
      for (const text of readFileSync(file, 'utf8').split('\n')) {
        const want = slow(text);
        expect(parseDateLine(text), `${file}: ${text}`).toEqual(want);
        lines++;
        if (want) dates++;
      }
    }
    expect(lines).toBeGreaterThan(10_000);
    expect(dates).toBeGreaterThan(20);
  });

  it('answers as the grammar does on top headers and on dashes around dates (synthetic lines)', () => {
    const lines = ['top - 05:02:02 up 27 min,  1 user,  load average: 3.92, 3.93, 3.32', 'Sat May 21 18:48:01 CST 2016 - ', '-- Sat May 21 18:48:01 CST 2016 --', '== - 2016-05-21 18:48:01 =='];
    for (const l of ['Sat May 21 18:48:01 CST 2016', '2016-05-21 18:48:01', '1463827681']) lines.push(`--- ${l} ---`, `${l} - x`, `- ${l}`, `${l} -`, `x - ${l}`);
    for (const text of lines) expect(parseDateLine(text), text).toEqual(slow(text));
    expect(parseDateLine('-- Sat May 21 18:48:01 CST 2016 --')).not.toBeNull();
  });

  it('keeps every sample of the format a date line', () => {
    for (const s of watcherDate.samples) expect(parseDateLine(s.line), s.line).not.toBeNull();
  });
});
