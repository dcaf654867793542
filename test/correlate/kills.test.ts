// Kills judged by who killed and where: a cgroup kill by its limit (never "plenty free"), the
// kernel printing one kill twice as one failure, two victims as two, OpenVZ's container limit.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { summary } from '../../src/report/summary.js';
import { ROOT, run, runText } from '../helpers.js';

const kernel = (name: string) => path.join(ROOT, 'test', 'formats', 'kernel', name);

describe('cgroup kills', () => {
  it("judges a container's kill by its limit: usage, limit, what the victim held, what to change", async () => {
    const a = await run([kernel('sre-go-docker-memcg-task-in-usage-limit.log')]);
    const [f] = a.failures;
    expect([f.kill?.killer, f.kill?.scope, f.kill?.limit_bytes, f.kill?.usage_bytes, f.kill?.cgroup]).toEqual([
      'kernel-memcg',
      'cgroup',
      204800 * 1024,
      204800 * 1024,
      '/docker/34186d9bd07706222bd427bb647ceed81e8e108eb653ff73c7137099fca1cab6',
    ]);
    expect(f.verdict).toBe(
      "The container hit its 200 MiB memory limit (200 MiB in use) and the kernel killed main (pid 11344), which held 179 MiB of it: raise the container's memory limit (docker --memory / mem_limit, or limits.memory) or make main use less.",
    );
    expect(f.verdict).not.toMatch(/plenty|ulimit|not short/);
  });

  it('names the database fix when mysqld is killed at a unit limit', async () => {
    const a = await runText(
      [
        '[ 4827.986206] mysqld invoked oom-killer: gfp_mask=0x24000c0(GFP_KERNEL), order=0, oom_score_adj=0',
        '[ 4827.986300] Task in /system.slice/mysql.service killed as a result of limit of /system.slice/mysql.service',
        '[ 4827.986301] memory: usage 524288kB, limit 524288kB, failcnt 17',
        '[ 4827.986920] Memory cgroup out of memory: Kill process 123841 (mysqld) score 101 or sacrifice child',
        '[ 4827.992207] Killed process 123841 (mysqld) total-vm:865616kB, anon-rss:481280kB, file-rss:0kB, shmem-rss:0kB',
      ].join('\n'),
    );
    expect(a.failures.map((f) => f.verdict)).toEqual([
      'The unit mysql.service hit its 512 MiB memory limit (512 MiB in use) and the kernel killed mysqld (pid 123841), which held 470 MiB of it: raise MemoryMax= of mysql.service or lower innodb_buffer_pool_size.',
    ]);
  });

  it('says a cgroup limit, not the host, when only the oom-kill summary says CONSTRAINT_MEMCG', async () => {
    const a = await run([kernel('dmesg-T-grep-memcg-summary-then-kill.log')]);
    expect(a.failures.map((f) => [f.kill?.scope, f.kill?.limit_bytes, f.evidence.length])).toEqual([['cgroup', null, 1]]);
    expect(a.failures[0].verdict).toMatch(/^The kernel killed probe \(pid 2557\) \(it held 194 MiB\) because the container \(\/docker\/xx\) hit its memory limit, not because the host ran out/);
  });

  it('keeps a global kill global when a memcg header without its kill follows it', async () => {
    const a = await run([kernel('lkml-syslog-global-kill-then-memcg-limit.log')], { year: 2014 });
    expect(a.failures.map((f) => [f.kill?.killer, f.kill?.scope, f.kill?.victim])).toEqual([['kernel', 'global', { pid: 2188, name: 'mysqld' }]]);
  });

  it('reads an OpenVZ container kill as the container hitting its limit', async () => {
    const a = await run([kernel('openvz-ub-npm-dmesg.log')]);
    expect(a.failures.length).toBeGreaterThan(0);
    expect(a.failures.every((f) => f.kill?.killer === 'openvz' && f.kill.scope === 'cgroup')).toBe(true);
  });
});

describe('the summary of a kill', () => {
  it('carries class, victim, killer, scope, cgroup, limit, usage and the evidence of every report', async () => {
    const a = await run([kernel('sre-go-docker-memcg-task-in-usage-limit.log')]);
    const [f] = summary(a).failures;
    expect(f).toMatchObject({
      action: 'kernel.oom_kill',
      class: 'oom_kill',
      victim: { pid: 11344, name: 'main' },
      killer: 'kernel-memcg',
      scope: 'cgroup',
      cgroup: '/docker/34186d9bd07706222bd427bb647ceed81e8e108eb653ff73c7137099fca1cab6',
      limit_bytes: 209715200,
      usage_bytes: 209715200,
    });
    expect(f.evidence).toEqual([`${a.failures[0].event.src.path}:33`]);
  });
});

describe('one kill, one failure', () => {
  it('counts the same pid killed twice within seconds (cgroup v2 memory.oom.group) once, and two pids twice', async () => {
    const line = (t: string, pid: number) => `[Thu Mar 12 21:${t} 2026] Memory cgroup out of memory: Killed process ${pid} (mysqld) total-vm:865616kB, anon-rss:481280kB, file-rss:0kB, shmem-rss:0kB, UID:999 pgtables:1200kB oom_score_adj:0`;
    const a = await runText([line('24:55', 4242), '[Thu Mar 12 21:24:55 2026] Tasks in /system.slice/mysql.service are going to be killed due to memory.oom.group set', line('24:56', 4242), line('25:55', 4343)].join('\n'));
    expect(a.failures.map((f) => [f.kill?.victim.pid, f.evidence.length])).toEqual([
      [4242, 2],
      [4343, 1],
    ]);
  });

  it('keeps kills of different victims in the same second apart', async () => {
    const a = await run([kernel('ubuntuforums-2.6.24-eleven-kills.log')], { year: 2008 });
    expect(a.failures.length).toBe(new Set(a.failures.map((f) => f.kill?.victim.pid)).size);
    expect(a.failures.every((f) => f.evidence.length === 1)).toBe(true);
  });
});
