// The docker format on real fixtures: `docker inspect` folded into one event, a kill only when
// Docker says `"OOMKilled": true` (exit code 137 alone is any SIGKILL), `docker events`' `container
// oom`; and a container's report merged with the kernel's kill in its cgroup.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, expectConserved, run, runText } from '../helpers.js';
import { parseFile } from './parse-file.js';

const DIR = path.join(ROOT, 'test', 'formats', 'docker');
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.log'));

describe('docker fixtures', () => {
  // golden and line count: the one harness (fixtures.test.ts); what this format adds to it:
  it.each(fixtures)('%s is read by docker with no line left unrecognized', async (name) => {
    const p = await parseFile(path.join(DIR, name));
    expect(p.stats.formats).toEqual(['docker']);
    expect(p.stats.unrecognized).toBe(0);
  });
});

describe('docker kills', () => {
  it('is a kill when Docker says OOMKilled, dated by FinishedAt, scope left to the kernel', async () => {
    const a = await run([path.join(DIR, 'dotagiftx-123-inspect-state-oomkilled.log')]);
    expectConserved(a);
    expect(a.failures.map((f) => [new Date(f.event.time.ms).toISOString(), f.kill?.killer, f.kill?.scope])).toEqual([['2026-03-10T20:14:03.658Z', 'container-runtime', null]]);
    expect(a.failures[0].verdict).toContain('dmesg, journalctl -k');
  });

  it('is not a kill when the exit code is 137 but OOMKilled is false', async () => {
    const a = await run([path.join(DIR, 'cli-2665-inspect-137-not-oom.log')]);
    expect(a.failures).toEqual([]);
    expect(a.events.map((e) => [e.kind, e.data])).toEqual([['container.state', { status: 'exited', exit_code: 137, oom_killed: false }]]);
  });

  it("reads docker events' `container oom` and merges it with the kernel's kill in that container's cgroup", async () => {
    const id = '3f4e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f';
    const events = await runText(`2024-02-19T10:21:33.123456789Z container oom ${id} (image=mysql:8.0, name=db)\n2024-02-19T10:21:33.200000000Z container die ${id} (exitCode=137, image=mysql:8.0, name=db)\n`);
    expect(events.events.map((e) => e.kind)).toEqual(['container.oom_kill', 'container.event']);
    const kernel = `[Mon Feb 19 10:21:33 2024] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=${id},mems_allowed=0,oom_memcg=/docker/${id},task_memcg=/docker/${id},task=mysqld,pid=4242,uid=999\n[Mon Feb 19 10:21:33 2024] Memory cgroup out of memory: Killed process 4242 (mysqld) total-vm:1865616kB, anon-rss:481280kB, file-rss:0kB, shmem-rss:0kB, UID:999 pgtables:1200kB oom_score_adj:0\n`;
    const dir = mkdtempSync(path.join(tmpdir(), 'oomtrail-docker-'));
    writeFileSync(path.join(dir, 'dmesg.log'), kernel);
    writeFileSync(path.join(dir, 'docker-events.log'), `2024-02-19T10:21:33.123456789Z container oom ${id} (image=mysql:8.0, name=db)\n`);
    const both = await run([dir]);
    rmSync(dir, { recursive: true, force: true });
    expect(both.failures.map((f) => [f.kill?.killer, f.kill?.scope, f.kill?.victim, f.evidence.map((e) => e.kind)])).toEqual([
      ['kernel-memcg', 'cgroup', { pid: 4242, name: 'mysqld' }, ['kernel.oom_kill', 'container.oom_kill']],
    ]);
  });
});

describe('docker ps -a', () => {
  it("reads each row as the container's state, never a kill: `Exited (137)` is any SIGKILL", async () => {
    const a = await run([path.join(DIR, 'notes-zh-docker-ps-a-exited-137-after-stop.log')]);
    expectConserved(a);
    expect(a.failures).toEqual([]);
    expect(a.events.map((e) => [e.kind, e.src.line, e.src.lines, e.data])).toEqual([
      ['container.state', 1, 2, { id: 'e5c656e1e1e1', status: 'Exited (137) 5 seconds ago', exit_code: 137, container: 'daemon_dave' }],
      ['container.state', 3, 1, { id: '52150991084b', status: 'Exited (0) 12 minutes ago', exit_code: 0, container: 'huzhi_first_container' }],
      ['container.state', 4, 1, { id: 'a68cc7370822', status: 'Exited (0) 20 minutes ago', exit_code: 0, container: 'stoic_knuth' }],
    ]);
  });

  it('is routed from a pasted session by its command (`sudo docker ps -a`)', async () => {
    const a = await run([path.join(DIR, 'transcript', 'notes-zh-docker-stop-then-ps-a.log')], { date: { year: 2017, month: 5, day: 8 } });
    expectConserved(a);
    expect(a.failures).toEqual([]);
    expect(a.events.filter((e) => e.kind === 'container.state').map((e) => (e.kind === 'container.state' ? e.data.exit_code : null))).toEqual([137, 0, 0]);
    expect(a.inputs[0].formats).toContain('docker');
  });

  it('keeps a header with no rows as one event, and an Up row without an exit code', async () => {
    const head = 'CONTAINER ID        IMAGE               COMMAND                  CREATED             STATUS              PORTS               NAMES';
    const a = await runText(`${head}\n`);
    expect(a.events.map((e) => [e.kind, e.data])).toEqual([['container.state', {}]]);
    const b = await runText(`${head}\ne5c656e1e1e1        ubuntu              "/bin/sh -c 'while..."   9 minutes ago       Up 9 minutes                                    daemon_dave\n`);
    expect(b.events.map((e) => e.data)).toEqual([{ id: 'e5c656e1e1e1', status: 'Up 9 minutes', container: 'daemon_dave' }]);
  });
});

