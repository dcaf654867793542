// The shell's `Killed` (job control's `[1]+  Killed  prog ...`, a script's `bash: line 1: N Killed
// prog`, a foreground job's bare `Killed`) in a pasted session: a `shell.killed` context event with
// the job's program, never a memory failure (SIGKILL has many senders: `kill -9`, a stop time-out).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, expectConserved, run, runText } from '../helpers.js';

const DIR = path.join(ROOT, 'test', 'formats', 'shell-prompt', 'killed');
const DATE = { date: { year: 2020, month: 1, day: 2 } };

describe("the shell's Killed", () => {
  it('reads job control\'s `[1]+  Killed` after `kill -9` as a possible kill of mysqld_safe, not a failure', async () => {
    const a = await run([path.join(DIR, 'notes-zh-kill-9-mysqld_safe-job-killed.log')], DATE);
    expectConserved(a);
    expect(a.failures).toEqual([]);
    const k = a.events.filter((e) => e.kind === 'shell.killed');
    expect(k.map((e) => [e.src.line, e.data, e.process])).toEqual([
      [3, { command: 'kill -9 13538', job: 1, target: 'mysqld_safe --skip-grant-tables --skip-networking' }, { name: 'mysqld_safe' }],
    ]);
  });

  it('keeps the output around it as it was (`[ ok ] Starting mysql ...` stays shell output)', async () => {
    const a = await run([path.join(DIR, 'issue-mariadb-reset-root-kill-9-job-killed.log')], DATE);
    expectConserved(a);
    expect(a.failures).toEqual([]);
    expect(a.events.filter((e) => e.kind === 'shell.killed').map((e) => [e.src.line, e.process?.name])).toEqual([[6, 'mysqld_safe']]);
    expect(a.events.filter((e) => e.kind === 'shell.output').map((e) => e.src.line).sort((x, y) => x - y)).toEqual([2, 5, 8]);
  });

  it("reads a script's `bash: line 1: N Killed prog` with its pid and a bare `Killed`, but not the kernel's `Killed process N`", async () => {
    const a = await runText(['$ ./run.sh', 'bash: line 1:  4242 Killed                  /usr/sbin/mysqld --user=mysql', '$ mysqld', 'Killed', '$ dmesg | tail -1', 'Killed process 4242 (mysqld) total-vm:100kB, anon-rss:50kB'].join('\n'), DATE);
    expectConserved(a);
    expect(a.events.filter((e) => e.kind === 'shell.killed').map((e) => [e.src.line, e.process ?? null])).toEqual([
      [2, { name: 'mysqld', pid: 4242 }],
      [4, null],
    ]);
    expect(a.failures.every((f) => f.event.kind !== 'shell.killed')).toBe(true);
  });
});
