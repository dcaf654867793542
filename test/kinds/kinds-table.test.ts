// The kinds table is the one table: every kill kind carries its witness rank, its killer and its
// scope rule there, every kind its words; the rules answer per report (the kernel's line names
// memcg or OpenVZ, a node's SystemOOM is the host, a pod's OOMKilled does not say).
import { describe, expect, it } from 'vitest';
import { EVENT_KINDS, KINDS, actorOf, kindLabel, killRank, scopeOf } from '../../src/kinds.js';
import { ev } from '../correlate/build.js';

const killKinds = EVENT_KINDS.filter((k) => KINDS[k].failure?.class === 'oom_kill');

describe('the kinds table', () => {
  it('has kill kinds', () => {
    expect(killKinds.length).toBeGreaterThanOrEqual(6);
  });

  it.each(killKinds)('%s has a rank, a killer that is not the server and a scope rule', (kind) => {
    const f = KINDS[kind].failure;
    expect(f?.rank, kind).toBeTypeOf('number');
    expect(f?.actor, kind).toBeDefined();
    expect(f?.actor).not.toBe('server');
    expect(f && 'scope' in f).toBe(true);
    expect(typeof f?.scope === 'function' || f?.scope === null || f?.scope === 'global' || f?.scope === 'cgroup').toBe(true);
  });

  it('gives every failure and key kind words of its own', () => {
    for (const k of EVENT_KINDS.filter((k) => KINDS[k].role === 'failure')) expect(kindLabel(k), k).not.toBe(k);
    expect(kindLabel('no.such_kind')).toBe('no.such_kind');
  });

  it('ranks the kernel first among the witnesses of one kill', () => {
    const ranks = killKinds.map((k) => KINDS[k].failure?.rank ?? 99);
    expect(KINDS['kernel.oom_kill'].failure?.rank).toBe(Math.min(...ranks));
  });

  it("reads the kernel's killer and scope from the line", () => {
    const global = ev('kernel.oom_kill', 0, { score: 1 });
    const memcg = ev('kernel.oom_kill', 0, { cgroup: true });
    const openvz = ev('kernel.oom_kill', 0, { cgroup: true }, { meta: { 'openvz.ub': '101' } });
    expect([global, memcg, openvz].map((e) => [actorOf(e), scopeOf(e), killRank(e)])).toEqual([
      ['kernel', 'global', 0],
      ['kernel-memcg', 'cgroup', 0],
      ['openvz', 'cgroup', 0],
    ]);
  });

  it("says what each reporter's word proves about scope", () => {
    const scopes = [
      ev('kubelet.oom_kill', 0, { report: 'event' }),
      ev('kubelet.oom_kill', 0, { report: 'describe' }),
      ev('systemd.oom_kill', 0, { unit: 'mysql.service', report: 'notice' }),
      ev('container.oom_kill', 0, { report: 'inspect' }),
      ev('oomd.oom_kill', 0, { cgroup: '/system.slice/mysql.service' }),
    ].map(scopeOf);
    expect(scopes).toEqual(['global', null, null, null, 'cgroup']);
  });

  it('gives no killer, scope or rank to what is not a kill', () => {
    const e = ev('mysql.start', 0, {} as never);
    expect([actorOf(e), scopeOf(e), killRank(e)]).toEqual([null, null, undefined]);
  });
});
