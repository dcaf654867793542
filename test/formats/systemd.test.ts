// The systemd format on real fixtures (golden events before dating, lines conserved): a unit's
// OOM-kill notice and result, `systemctl status` blocks, systemd-oomd's kills; and the failures
// they make: one kill however many reporters, a stop time-out's SIGKILL none.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, expectConserved, run, runText } from '../helpers.js';
import { parseFile } from './parse-file.js';

const DIR = path.join(ROOT, 'test', 'formats', 'systemd');
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.log'));
const fixture = (name: string) => path.join(DIR, name);

describe('systemd fixtures', () => {
  // golden and line count: the one harness (fixtures.test.ts); what this format adds to it:
  it.each(fixtures)('%s is read by systemd with no line left unrecognized', async (name) => {
    const p = await parseFile(fixture(name));
    expect(p.stats.unrecognized).toBe(0);
  });
});

describe('systemd kills as failures', () => {
  it('reads a unit told in reverse (journalctl -r): notice and result are one kill of the unit, scope unknown', async () => {
    const a = await run([fixture('erigon-journal-reverse-oom-kill.log')], { year: 2023 });
    expectConserved(a);
    expect(a.events.filter((e) => e.kind === 'systemd.oom_kill').map((e) => [e.src.line, e.process?.name])).toEqual([
      [3, 'erigon.service'],
      [1, 'erigon.service'],
    ]);
    expect(a.failures.map((f) => [f.class, f.kill?.killer, f.kill?.scope, f.kill?.victim, f.evidence.map((e) => e.src.line)])).toEqual([
      ['oom_kill', 'systemd', null, { pid: null, name: 'erigon.service' }, [3, 1]],
    ]);
    expect(a.failures[0].verdict).toContain('journalctl -k');
  });

  it('folds a systemctl status block into one event dated by `since`, one kill with the journal tail under it', async () => {
    const a = await run([fixture('siem-systemctl-status-oom-kill-pager-chopped.log')], { year: 2023 });
    const status = a.events.find((e) => e.src.line === 1);
    expect([status?.kind, status?.src.lines, status?.process, new Date(status?.time.ms ?? NaN).toISOString()]).toEqual([
      'systemd.oom_kill',
      7,
      { name: 'elasticsearch.service' },
      '2023-05-12T09:34:06.000Z',
    ]);
    // the pager-chopped notice (`killed by the>`), the status and the result: one failure
    expect(a.failures.map((f) => f.evidence.map((e) => e.src.line).sort((x, y) => x - y))).toEqual([[1, 11, 13]]);
  });

  it('reads systemd-oomd: the cgroup, the pressure against its limit, and the unit it reported to', async () => {
    const a = await run([fixture('systemd-23606-oomd-killed-vte-scope.log')], { year: 2023 });
    const [k] = a.events.filter((e) => e.kind === 'oomd.oom_kill');
    expect(k.data).toMatchObject({ pressure_cgroup: '/user.slice/user-1001.slice/user@1001.service', pressure_pct: 51.07, limit_pct: 50, duration_seconds: 20 });
    expect(a.failures.map((f) => [f.kill?.killer, f.kill?.scope, f.evidence.length])).toEqual([['systemd-oomd', 'cgroup', 2]]);
    expect(a.failures[0].verdict).toMatch(/^systemd-oomd killed \/user\.slice\/.+ because memory pressure on .+ stayed at 51\.07% \(over its 50% limit\) for 20 s/);
  });

  it('is not a memory kill when systemd SIGKILLs a unit that did not stop in time', async () => {
    const a = await run([fixture('nextcloud-snap-1836-stop-timeout-sigkill.log')], { year: 2023 });
    expectConserved(a);
    expect(a.failures).toEqual([]);
    expect(a.stats.unrecognized).toBe(0);
  });

  it("merges the kernel's kill and the unit's report of it; the kernel's line names the victim", async () => {
    const a = await runText(
      [
        'Sep  8 20:02:42 db1 kernel: Out of memory: Killed process 1256690 (mariadbd) total-vm:2264048kB, anon-rss:1101884kB, file-rss:0kB, shmem-rss:0kB, UID:106 pgtables:2584kB oom_score_adj:0',
        'Sep  8 20:02:42 db1 systemd[1]: mariadb.service: A process of this unit has been killed by the OOM killer.',
        "Sep  8 20:02:44 db1 systemd[1]: mariadb.service: Failed with result 'oom-kill'.",
      ].join('\n'),
      { year: 2026 },
    );
    expect(a.failures.map((f) => [f.event.kind, f.kill?.killer, f.kill?.scope, f.kill?.victim, f.evidence.length])).toEqual([
      ['kernel.oom_kill', 'kernel', 'global', { pid: 1256690, name: 'mariadbd' }, 3],
    ]);
    expect(a.incidents).toHaveLength(1);
  });
});
