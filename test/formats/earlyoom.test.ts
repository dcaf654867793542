// earlyoom's log, the format added to prove the registry: its fixtures as golden NDJSON (read
// from stdin, sniffed), and a journal mixing the kernel, systemd and earlyoom routed with no list
// naming earlyoom outside its folder; its kill is a memory failure whose verdict names earlyoom.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, expectConserved, runText } from '../helpers.js';

const dir = path.join(ROOT, 'test', 'formats', 'earlyoom');
const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');

describe('format earlyoom', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.log')).sort()) {
    // golden and line count: the one harness (fixtures.test.ts); what this format adds to it:
    it(`reads ${file} whole: one kill, no line unrecognized, none lost in the analysis`, async () => {
      const a = await runText(read(file), { tz: 'UTC', year: 2024 });
      expectConserved(a);
      expect(a.events.filter((e) => e.kind === 'line.unrecognized').map((e) => e.message)).toEqual([]);
      expect(a.events.filter((e) => e.kind === 'earlyoom.oom_kill')).toHaveLength(1);
    });
  }

  it('reads the kill: victim, signal, score and resident size', async () => {
    const a = await runText(read('v1.6-stdout-self-kill.log'), { tz: 'UTC' });
    const kill = a.events.find((e) => e.kind === 'earlyoom.oom_kill');
    expect(kill?.process).toEqual({ pid: 397, name: 'earlyoom' });
    expect(kill?.data).toEqual({ signal: 'SIGTERM', uid: 61876, badness: 0, rss_bytes: 1024 * 1024 });
    const snap = a.events.find((e) => e.kind === 'snapshot.earlyoom');
    expect(snap?.data).toEqual({
      memory: { total_bytes: 950 * 2 ** 20, available_bytes: 21 * 2 ** 20, used_bytes: 929 * 2 ** 20, swap_total_bytes: 1023 * 2 ** 20, swap_free_bytes: 81 * 2 ** 20 },
    });
  });

  it('routes earlyoom lines out of a journal that mixes the kernel, systemd and earlyoom', async () => {
    // real kernel lines (rfjakob/earlyoom issue 121) among the issue-321 journal
    const kernel = [
      'Jul 18 08:23:16 server.name kernel: Out of memory: Kill process 27541 (bash) score 572 or sacrifice child',
      'Jul 18 08:23:16 server.name kernel: Killed process 27541 (bash) total-vm:8118236kB, anon-rss:8098448kB, file-rss:3264kB, shmem-rss:0kB',
    ];
    const journal = read('v1.7-journal-with-systemd.log').split('\n');
    const text = [...journal.slice(0, 5), ...kernel, ...journal.slice(5)].join('\n');
    const a = await runText(text, { tz: 'UTC', year: 2024 });
    expectConserved(a);
    const kinds = (k: string) => a.events.filter((e) => e.kind === k);
    expect(kinds('line.unrecognized')).toEqual([]);
    expect(kinds('earlyoom.oom_kill').map((e) => e.process)).toEqual([{ pid: 2595764, name: 'cellxgene' }]);
    expect(kinds('kernel.oom_kill').map((e) => e.process)).toEqual([{ pid: 27541, name: 'bash' }]);
    expect(kinds('syslog.log')).toHaveLength(3);
    expect(kinds('snapshot.earlyoom')).toHaveLength(1);
    expect(kinds('earlyoom.log')).toHaveLength(6);
    const failure = a.failures.find((f) => f.event.kind === 'earlyoom.oom_kill');
    expect(failure?.verdict).toContain('earlyoom killed cellxgene (pid 2595764)');
    expect(failure?.verdict).not.toMatch(/kernel/i);
    expect(failure?.before?.event.kind).toBe('snapshot.earlyoom');
    const kernelFailure = a.failures.find((f) => f.event.kind === 'kernel.oom_kill');
    expect(kernelFailure?.verdict).toContain('the kernel killed bash (pid 27541)');
  });
});
