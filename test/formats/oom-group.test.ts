// cgroup v2 `memory.oom.group`: the kernel prints the same victim's `Killed process` line twice,
// before and after `Tasks in <cgroup> are going to be killed due to memory.oom.group set` (a real
// AKS syslog, test/formats/kernel/aks-syslog-memcg-oom-group-same-kill-twice.log). One kill, one
// failure with both lines as evidence; node-problem-detector's relay of the line is no kill.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, buildReport } from '../../src/report/index.js';
import { ROOT, expectConserved, run } from '../helpers.js';

const FILE = path.join(ROOT, 'test', 'formats', 'kernel', 'aks-syslog-memcg-oom-group-same-kill-twice.log');

describe('memory.oom.group double print', () => {
  it('is one memcg kill of stress (pid 68061) with both reports as evidence', async () => {
    const a = await run([FILE], { tz: 'UTC', year: 2025 });
    expectConserved(a);
    expect(a.events.filter((e) => e.kind === 'kernel.oom_kill')).toHaveLength(2);
    const s = JSON.parse(json([buildReport(a)])) as { failures: Record<string, unknown>[] };
    expect(s.failures).toHaveLength(1);
    expect(s.failures[0]).toMatchObject({ action: 'kernel.oom_kill', class: 'oom_kill', victim: { pid: 68061, name: 'stress' }, killer: 'kernel-memcg', scope: 'cgroup' });
    const name = path.basename(FILE);
    expect((s.failures[0].evidence as string[]).map((e) => path.basename(e))).toEqual([`${name}:1`, `${name}:4`]);
    expect(a.events.find((e) => e.src.line === 6)?.kind).toBe('syslog.log');
  });
});
