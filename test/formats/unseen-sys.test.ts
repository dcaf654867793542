// Real system excerpts the parsers had not seen (test/formats/*/unseen/, sources in each SOURCE.md):
// what a digest does not say of them (dates in other locales, hosts, cgroups, ...). Each excerpt's
// digest, beside it in unseen/digests.ts, is checked by the harness test/formats/unseen.test.ts.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run } from '../helpers.js';

const file = (name: string) => path.join(ROOT, 'test', 'formats', name);

describe('unseen system excerpts', () => {
  it('reads the month of journal lines printed in another locale, and lines with no host', async () => {
    const fr = await run([file('syslog/unseen/systemd-31573-french-month-hostless-oomd.log')], { tz: 'UTC' });
    const first = fr.events.find((e) => e.src.line === 1);
    expect([new Date(first?.time.ms ?? NaN).getUTCMonth() + 1, new Date(first?.time.ms ?? NaN).getUTCDate()]).toEqual([3, 1]);
    expect(first?.process).toEqual({ name: 'systemd', pid: 1 });
    expect(first?.meta?.['host.name']).toBeUndefined();
    const zh = await run([file('syslog/unseen/systemd-42385-chinese-month-oomd-candidates.log')], { tz: 'UTC' });
    const z = zh.events[0];
    expect([new Date(z.time.ms).getUTCMonth() + 1, new Date(z.time.ms).getUTCDate(), z.process?.name, z.meta?.['host.name']]).toEqual([5, 29, 'systemd-oomd', 'Analyse']);
  });

  it('dates OpenWrt logread lines by their own year and keeps the facility out of the host', async () => {
    const a = await run([file('kernel/unseen/lede-2878-openwrt-logread-table-kill-reaper.log')], { tz: 'UTC' });
    const kill = a.events.find((e) => e.kind === 'kernel.oom_kill');
    expect(kill?.time.source).toBe('stamped');
    expect(kill?.meta?.['host.name']).toBeUndefined();
  });

  it('keeps the memory cgroup of an `oom-kill:` summary with its kill', async () => {
    const a = await run([file('kernel/unseen/install-docker-14-dmesg-grep-oom-kill-line-only.log')], { tz: 'UTC' });
    const kill = a.events.find((e) => e.kind === 'kernel.oom_kill');
    expect(kill?.meta?.['oom.task_memcg']).toBe('/system.slice/docker-00748bf4e957f82c239a1db8a88579059b7d40c7b5fbd3f43617d31d3f646f12.scope');
    expect(kill?.meta?.['shell.command']).toBe('dmesg | grep -i kill |grep docker');
  });

  it('reads rsyslog high-precision stamps and the unit systemd names', async () => {
    const a = await run([file('syslog/unseen/openprescribing-5431-rsyslog-iso-micro-oom-units.log')], { tz: 'UTC' });
    const e = a.events[0];
    expect([new Date(e.time.ms).toISOString(), e.time.source, e.kind, e.data]).toEqual(['2026-02-08T00:40:07.136Z', 'stamped', 'systemd.oom_kill', { unit: 'user-1021.slice', report: 'notice' }]);
    expect(a.failures.map((f) => [f.kill?.killer, f.kill?.scope, f.evidence.length])).toEqual([['systemd', null, 5]]);
  });

  it('reads 12-hour sar rows on the banner date', async () => {
    const a = await run([file('sar/unseen/cnf-testbed-110-sar-r-ampm-no-kbavail-prompt.log')], { tz: 'UTC' });
    const rows = a.events.filter((e) => e.kind === 'snapshot.sar');
    expect([rows[0], rows[9]].map((e) => new Date(e.time.ms).toISOString())).toEqual(['2019-02-15T22:44:21.000Z', '2019-02-15T22:44:30.000Z']);
  });

  it('takes the ExaWatcher heading as the command and the rows as times of day', async () => {
    const a = await run([file('vmstat/unseen/exadata-36-exawatcher-time-column-tabs.log')], { tz: 'UTC', date: { year: 2019, month: 4, day: 12 } });
    const v = a.events.find((e) => e.kind === 'snapshot.vmstat');
    expect(new Date(v?.time.ms ?? NaN).toISOString()).toBe('2019-04-12T18:17:18.000Z'); // the last row's time
    expect((v?.data as { command?: string }).command).toBe('vmstat  5  2');
  });
});
