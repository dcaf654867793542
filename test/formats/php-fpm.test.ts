// php-fpm's log: every fixture against its golden NDJSON, line conservation, and the promises
// the correlator relies on (max_children, busy, child deaths with their pid, glued records).
import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/event.js';
import { formatById } from '../../src/formats/index.js';
import { phpFpmShapes } from '../../src/formats/php-fpm/php-fpm.js';
import { expectConserved, runText } from '../helpers.js';
import { fixtures, runFixture } from './fixtures.js';

/** Events of a kind in input order (the timeline sorts by time; undated ones go last). */
const of = (events: Event[], kind: string) => events.filter((e) => e.kind === kind).sort((x, y) => x.seq - y.seq);

describe('php-fpm fixtures', () => {
  // golden and line count: the one harness (fixtures.test.ts); what this format adds to it:
  it.each(fixtures('php-fpm').filter((n) => !n.startsWith('bad-')))('%s is read by php-fpm alone, every line understood, none lost in the analysis', async (name) => {
    const a = await runFixture('php-fpm', name);
    expectConserved(a);
    // a journal or syslog file that mixes programs is split by the syslog container first
    expect(a.inputs[0].formats.filter((f) => f !== 'syslog' && f !== 'systemd')).toEqual(['php-fpm']);
    expect(a.stats.unrecognized).toBe(0);
  });

  it('parses no shape two ways', () => {
    expect([...phpFpmShapes.ambiguous]).toEqual([]);
  });
});

describe('php-fpm events', () => {
  it('reads max_children, busy and child deaths with their numbers', async () => {
    const a = await runFixture('php-fpm', 'journal-and-debug-forms.log');
    expect(of(a.events, 'phpfpm.max_children').map((e) => e.data)).toEqual([
      { pool: 'www', limit: 10 },
      { pool: 'www', limit: 5 },
      { pool: 'www', limit: 50 },
    ]);
    expect(of(a.events, 'phpfpm.busy').map((e) => e.data)).toEqual([{ pool: 'www', spawning: 32, idle: 8, total: 58 }, { pool: 'www' }]);
    const dead = of(a.events, 'phpfpm.child_exited');
    expect(dead.map((e) => [e.process?.pid, e.data])).toEqual([
      [3339517, { pool: 'tellerstec', signal: 9, signal_name: 'SIGKILL', after_seconds: 61.898165 }],
      [3339683, { pool: 'teller', signal: 9, signal_name: 'SIGKILL', after_seconds: 70.63311 }],
      [21337, { pool: 'unconfined', signal: 9, signal_name: 'SIGKILL', after_seconds: 1.003055 }],
    ]);
    expect(of(a.events, 'syslog.log').map((e) => e.process?.name)).toEqual(['systemd', 'systemd']);
  });

  it('places the zoneless stamp in --tz, and leaves a year-less syslog stamp to the dating stage', async () => {
    const a = await runText('[21-May-2016 18:49:27] WARNING: [pool www] server reached pm.max_children setting (50), consider raising it\n', {
      tz: 'Asia/Shanghai',
    });
    expect(a.clock.iso(a.events[0].time.ms)).toBe('2016-05-21T18:49:27.000+08:00');
    const b = await runFixture('php-fpm', 'issue-warmshowers-562-php5-fpm-syslog-style-one-line.log');
    const e = b.events[0];
    expect(e.kind).toBe('phpfpm.child_exited');
    expect(Number.isNaN(e.time.ms)).toBe(true);
    expect(e.pending).toEqual({ stamp: { month: 6, day: 11, hour: 9, minute: 22, second: 42 } });
    expect(e.meta).toMatchObject({ 'php_fpm.where': 'fpm_children_bury(), line 252', 'host.name': 'warmshowers' });
  });

  it('splits records glued on one line: the first carries the line, the others count 0', async () => {
    const a = await runFixture('php-fpm', 'issue-wallos-63-seems-busy-glued-lines.log');
    const glued = a.events.filter((e) => e.src.line === 2);
    expect(glued.map((e) => [e.kind, e.src.lines, e.meta?.['line.glued']])).toEqual([
      ['phpfpm.busy', 1, '1/4'],
      ['phpfpm.busy', 0, '2/4'],
      ['phpfpm.busy', 0, '3/4'],
      ['phpfpm.busy', 0, '4/4'],
    ]);
    expect(glued.map((e) => (e.kind === 'phpfpm.busy' ? e.data.total : 0))).toEqual([7, 8, 9, 10]);
    expect(new Set(glued.map((e) => e.src.offset)).size).toBe(4);
    expectConserved(a);
  });

  it('keeps the master pid, and puts the child pid on child lines', async () => {
    const a = await runFixture('php-fpm', 'issue-php-console-165-compose-prefix-exited-with-code.log');
    expect(a.events[0].process).toEqual({ name: 'php-fpm', pid: 1 });
    const exited = of(a.events, 'phpfpm.child_exited')[0];
    expect([exited.process?.pid, exited.data, exited.meta?.['container.name']]).toEqual([8, { pool: 'www', code: 11, after_seconds: 664.260371 }, 'php74_1']);
  });

  it('marks lines a paste cut short, and keeps dotted pool names whole', async () => {
    const a = await runFixture('php-fpm', 'issue-valet-sh-135-sigkill-respawn-flood-macos.log');
    expect(a.events.at(-1)?.meta).toEqual({ 'line.cut': 'true' });
    expect(a.events[0].kind).toBe('line.other');
    const b = await runFixture('php-fpm', 'issue-tsn-ranksystem-572-plesk-sigsegv-dotted-pool-names.log');
    expect(new Set(of(b.events, 'phpfpm.child_exited').map((e) => (e.kind === 'phpfpm.child_exited' ? e.data.pool : '')))).toEqual(
      new Set(['rank.mightful-noobs.de']),
    );
  });

  it('parses every sample it carries', async () => {
    const f = formatById('php-fpm');
    for (const s of f?.samples ?? []) {
      const a = await runText(`${s.line}\n`, { as: 'php-fpm' });
      expect(a.events.map((e) => e.kind), s.line).toEqual([s.kind]);
    }
  });
});
