// Verdicts for kills the host's free memory does not explain: a cgroup's limit (the container or
// unit hit its own ceiling: its usage against its limit is the "before"), systemd-oomd acting on
// memory pressure, and a unit's word with no kernel line beside it. Global kernel kills keep the
// host-snapshot verdict (verdict.ts).
import type { Event } from '../event.js';
import type { KillFacts } from './kill-facts.js';
import type { Before } from './types.js';
import type { Judgement } from './verdict.js';
import { humanBytes } from './verdict.js';

const SERVER = /^(?:mysqld|mariadbd|mysqld\.bin)$|^(?:mysql|mysqld|mariadb)(?:@[^.]{0,64})?\.service$/;
const PHP_FPM = /^php(?:\d[\d.]*)?-fpm/;
const CONTAINER = /\/docker[/-]|kubepods|containerd|libpod|\/lxc\//;
/** A kernel task table this close to the kill is the cgroup's own (the kernel prints only its tasks). */
const TABLE_GAP_MS = 5_000;

function place(cgroup: string | null): { where: string; limit: string } {
  if (cgroup && CONTAINER.test(cgroup)) return { where: 'the container', limit: "the container's memory limit (docker --memory / mem_limit, or limits.memory)" };
  const unit = cgroup?.slice(cgroup.lastIndexOf('/') + 1);
  if (unit?.endsWith('.service')) return { where: `the unit ${unit}`, limit: `MemoryMax= of ${unit}` };
  return cgroup ? { where: `the cgroup ${cgroup}`, limit: 'the cgroup limit' } : { where: 'its cgroup', limit: 'the cgroup limit' };
}

function fixFor(name: string, limit: string): string {
  if (SERVER.test(name)) return `raise ${limit} or lower innodb_buffer_pool_size`;
  if (PHP_FPM.test(name)) return `raise ${limit} or lower pm.max_children`;
  return `raise ${limit} or make ${name} use less`;
}

function victimText(k: KillFacts): string {
  return `${k.victim.name}${k.victim.pid !== null ? ` (pid ${k.victim.pid})` : ''}`;
}

/** The largest holder in the kernel's own task table printed with the kill, if there is one. */
function tableHolder(before: Before | null, failure: Event): { command: string; rss_bytes: number } | null {
  const table = before?.processSnapshot;
  if (!table || table.kind !== 'snapshot.oom_tasks' || failure.time.ms - table.time.ms > TABLE_GAP_MS) return null;
  return before.top_groups[0] ?? null;
}

function cgroupKill(k: KillFacts, before: Before | null, failure: Event): Judgement {
  const { where, limit } = place(k.cgroup);
  const holder = tableHolder(before, failure);
  const main = holder && holder.command !== k.victim.name ? holder : null;
  const held = k.rss_bytes !== null ? `, which held ${humanBytes(k.rss_bytes)} of it` : '';
  const other = main ? `; ${main.command} held ${humanBytes(main.rss_bytes)} of it` : '';
  const culprit = main?.command ?? k.victim.name;
  const fix = fixFor(culprit, limit);
  if (k.limit_bytes !== null) {
    const usage = k.usage_bytes !== null ? ` (${humanBytes(k.usage_bytes)} in use)` : '';
    return { culprit, verdict: `${cap(where)} hit its ${humanBytes(k.limit_bytes)} memory limit${usage} and the kernel killed ${victimText(k)}${held}${other}: ${fix}.` };
  }
  const named = k.cgroup && !where.includes(k.cgroup) ? ` (${k.cgroup})` : '';
  const had = k.rss_bytes !== null ? ` (it held ${humanBytes(k.rss_bytes)})` : '';
  return {
    culprit,
    verdict: `The kernel killed ${victimText(k)}${had} because ${where}${named} hit its memory limit, not because the host ran out${other}: ${fix}; the kernel's \`memory: usage ..., limit ...\` line (dmesg) gives the numbers.`,
  };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function oomdKill(k: KillFacts, evidence: readonly Event[]): Judgement {
  const o = evidence.find((e): e is Extract<Event, { kind: 'oomd.oom_kill' }> => e.kind === 'oomd.oom_kill');
  const d = o?.data;
  const pressure =
    d?.pressure_pct !== undefined && d.limit_pct !== undefined
      ? ` because memory pressure on ${d.pressure_cgroup ?? 'its slice'} stayed at ${d.pressure_pct}% (over its ${d.limit_pct}% limit)${d.duration_seconds !== undefined ? ` for ${d.duration_seconds} s` : ''}`
      : ' under memory pressure';
  return {
    culprit: null,
    verdict: `systemd-oomd killed ${d?.cgroup ?? k.victim.name}${pressure}: the host was reclaiming hard, not out of memory; give the host more memory or ${k.victim.name} less to hold (for a database: a smaller innodb_buffer_pool_size), or raise ManagedOOMMemoryPressureLimit= if the kill came too early.`,
  };
}

/** A verdict for kills the host snapshot cannot judge; null for a global kernel kill. */
export function judgeKill(k: KillFacts, before: Before | null, failure: Event, evidence: readonly Event[]): Judgement | null {
  if (k.killer === 'systemd-oomd') return oomdKill(k, evidence);
  if (k.scope === 'cgroup') return cgroupKill(k, before, failure);
  if (k.scope === null && k.killer === 'kubelet') {
    return {
      culprit: null,
      verdict: `Kubernetes says ${k.victim.name} was OOMKilled: its container hit limits.memory, or the node ran out (a SystemOOM event on the node says so): ${fixFor(k.victim.name, 'limits.memory')}.`,
    };
  }
  if (k.scope === null && k.killer === 'container-runtime') {
    const fix = fixFor(k.victim.name, "the container's memory limit (docker --memory / mem_limit)");
    return {
      culprit: null,
      verdict: `Docker says ${k.victim.name === 'the container' ? 'the container' : `the container ${k.victim.name}`} was OOM-killed, but not whether its own memory limit or the whole host ran out: the kernel's lines for that time (dmesg, journalctl -k) say which; if it has a limit (docker inspect: HostConfig.Memory), ${fix}.`,
    };
  }
  if (k.scope === null) {
    return {
      culprit: null,
      verdict: `systemd says the kernel's OOM killer killed a process of ${k.victim.name}, but no kernel line of that kill is in the bundle to say whether the host or the unit's MemoryMax= ran out: add \`journalctl -k\` (or dmesg) for that time.`,
    };
  }
  return null;
}
