// The kubectl format on real fixtures: a container's `Last State: Terminated / Reason: OOMKilled`
// group is one kill dated by `Finished:`, a node's SystemOOM event and its kernel-monitor relay are
// one kill (same pid), a `get pods -w` row in OOMKilled is a kill; other lines fold as output.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, expectConserved, run } from '../helpers.js';
import { parseFile } from './parse-file.js';

const DIR = path.join(ROOT, 'test', 'formats', 'kubectl');
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.log'));
const fixture = (name: string) => path.join(DIR, name);

describe('kubectl fixtures', () => {
  // golden and line count: the one harness (fixtures.test.ts); what this format adds to it:
  it.each(fixtures)('%s is read by kubectl with no line left unrecognized', async (name) => {
    const p = await parseFile(fixture(name));
    expect(p.stats.unrecognized).toBe(0);
  });
});

describe('kubectl kills', () => {
  it("reads a container's Last State OOMKilled as one kill of that container, dated by Finished with its offset", async () => {
    const a = await run([fixture('crashloop-describe-pod-last-state-oomkilled.log')]);
    expectConserved(a);
    const kill = a.events.find((e) => e.kind === 'kubelet.oom_kill');
    expect([kill?.src.line, kill?.src.lines, kill?.data, new Date(kill?.time.ms ?? NaN).toISOString()]).toEqual([
      12,
      5,
      { report: 'describe', exit_code: 137, container: 'crashlooplearning' },
      '2025-05-17T06:45:58.000Z',
    ]);
    expect(a.failures.map((f) => [f.kill?.killer, f.kill?.scope, f.kill?.victim])).toEqual([['kubelet', null, { pid: null, name: 'crashlooplearning' }]]);
    expect(a.failures[0].verdict).toContain('limits.memory');
  });

  it("counts a node's SystemOOM and the kernel line relayed beside it as one kill per pid", async () => {
    const a = await run([fixture('node-pressure-describe-node-systemoom.log')]);
    expect(a.failures.map((f) => [f.kill?.victim.pid, f.kill?.scope, f.evidence.length])).toEqual([
      [3103923, 'global', 2],
      [3106306, 'global', 2],
    ]);
    expect(a.failures[0].verdict).toContain('the OOM killer (as Kubernetes reported) killed stress-ng-vm (pid 3103923)');
  });

  it('reads an OOMKilled row of kubectl get pods -w as a kill of that pod, and no other row', async () => {
    const a = await run([fixture('radondb-754-get-pods-watch-oomkilled.log')]);
    expect(a.failures.map((f) => [f.event.src.line, f.kill?.victim.name])).toEqual([[16, 'radondb-xw553z-mysql-0']]);
  });
});
