// Terminal colour codes in a log (`docker compose logs` on a terminal, a `script` session) are
// removed from each line's text, so a coloured paste reads as the plain one would; other escapes stay.
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/read/lines.js';
import { expectConserved, runText } from '../helpers.js';

const COMPOSE = [
  '\u001b[36mdb_1   |\u001b[0m 2016-12-29T15:17:43.851927Z 0 [ERROR] InnoDB: mmap(137428992 bytes) failed; errno 12',
  '\u001b[36mdb_1   |\u001b[0m 2016-12-29T15:17:43.851950Z 0 [ERROR] InnoDB: Cannot allocate memory for the buffer pool',
  '\u001b[1;31mdb_1   |\u001b[0m 2016-12-29T15:17:43.852000Z 0 [ERROR] Plugin InnoDB init function returned error.',
  '',
].join('\n');

describe('terminal colour codes', () => {
  it('other escapes (cursor moves, titles) stay, to be shown visibly', () => {
    const [l] = new LineSplitter().push(Buffer.from('\u001b[2J clear \u001b]0;title\u0007 \u001b[1;31mred\u001b[0m\n'));
    expect(l.text).toBe('\u001b[2J clear \u001b]0;title\u0007 red');
  });

  it('are stripped from line texts, split across chunks or not; lines without them are untouched', () => {
    const s = new LineSplitter();
    const bytes = Buffer.from('plain line\n\u001b[32mgreen\u001b[0m text\nhalf \u001b[3');
    const lines = [...s.push(bytes.subarray(0, 20)), ...s.push(bytes.subarray(20)), ...s.push(Buffer.from('1mred\u001b[0m\n'))];
    expect(lines.map((l) => [l.no, l.text])).toEqual([
      [1, 'plain line'],
      [2, 'green text'],
      [3, 'half red'],
    ]);
  });

  it('a coloured compose paste reads as the plain one: the mmap failure is found, nothing unrecognized', async () => {
    const a = await runText(COMPOSE, { tz: 'UTC' });
    expect(a.inputs[0].formats).toEqual(['mysql-error']);
    expect(a.failures.map((f) => f.event.kind)).toEqual(['mysql.mmap_failed']);
    expect(a.stats.unrecognized).toBe(0);
    expect(a.events.find((e) => e.kind === 'mysql.mmap_failed')?.meta?.['container.name']).toBe('db_1');
    expectConserved(a);
  });
});
