// What the OOM killer's lines say, read from the tokens the kernel grammar found: the victim of a
// kill and its memory, the invoking process and its allocation, the rows of the task table (pages
// of 4 KiB turned into bytes) and the memory totals of the `Mem-Info` dump before it.
import type { Event, EventDataMap, MemoryTotals, ProcessGroup, ProcessRow, SnapshotData } from '../../event.js';
import type { Tokens } from '../token-parse.js';

export type ShapeKind =
  | 'empty'
  | 'text'
  | 'tasksState'
  | 'taskHead'
  | 'taskRow'
  | 'taskCut'
  | 'invoked'
  | 'select'
  | 'killed'
  | 'ubKill'
  | 'reaped'
  | 'ovzExit'
  | 'summary';

/** What the grammar returns: token indexes, reusable for every line of the same token types. */
export interface KernelShape {
  kind: ShapeKind;
  /** `<6>`: the printk level before the stamp. */
  level?: number;
  stamp?: number;
  body?: number;
  cols?: number[];
  name?: number;
  args?: number[];
  pid?: number;
  comm?: number;
  uid?: number;
  score?: number;
  kvs?: number[];
  ids?: number;
}

/** The kernel counts task memory in pages; every architecture these servers run uses 4 KiB. */
export const PAGE_BYTES = 4096;

const OVZ_PID = /pid=(\d{1,10})/;
const HEX = /^0x[0-9a-fA-F]{1,16}/;
const INTEGER = /^-?\d{1,10}$/;
const DIGITS = /\d{1,10}/;

export interface Victim {
  pid?: number;
  name?: string;
}

export function victimOf(t: Tokens, s: KernelShape): Victim {
  if (s.kind === 'ovzExit') {
    const ids = s.ids !== undefined ? OVZ_PID.exec(t.tokens[s.ids].text) : null;
    return { pid: ids ? Number(ids[1]) : undefined, name: s.comm !== undefined ? t.tokens[s.comm].text : undefined };
  }
  return {
    pid: s.pid !== undefined ? Number(t.tokens[s.pid].text) : undefined,
    name: s.comm !== undefined ? t.tokens[s.comm].text.slice(1, -1) : undefined,
  };
}

export interface KillStats {
  total_vm_bytes?: number;
  anon_rss_bytes?: number;
  rss_bytes?: number;
}

/** `total-vm:1162552kB, anon-rss:235668kB` (and OpenVZ's `vm:`, `rss:`) in bytes. */
function killStats(t: Tokens, kvs: readonly number[] | undefined): KillStats {
  const out: KillStats = {};
  for (const i of kvs ?? []) {
    const text = t.tokens[i].text;
    const colon = text.indexOf(':');
    const key = text.slice(0, colon);
    const kb = text.endsWith('kB') ? Number(text.slice(colon + 1, -2)) * 1024 : undefined;
    if (kb === undefined) continue;
    if (key === 'total-vm' || key === 'vm') out.total_vm_bytes = kb;
    else if (key === 'anon-rss') out.anon_rss_bytes = kb;
    else if (key === 'rss') out.rss_bytes = kb;
  }
  return out;
}

function scoreOf(t: Tokens, s: KernelShape): number | undefined {
  return s.score !== undefined ? Number(t.tokens[s.score].text.slice(6)) : undefined;
}

/** The data of a kill line: memory, score, and whether a cgroup (or OpenVZ container) limit hit. */
export function killData(t: Tokens, s: KernelShape): EventDataMap['kernel.oom_kill'] {
  const data: EventDataMap['kernel.oom_kill'] = { ...killStats(t, s.kvs) };
  const score = scoreOf(t, s);
  if (score !== undefined) data.score = score;
  if (s.kind === 'ubKill' || t.tokens[s.body ?? 0].text.startsWith('Memory cgroup')) data.cgroup = true;
  return data;
}

/** `Killed process` after `Kill process N ... or sacrifice child`: the kill is of this victim. */
export function foldKilled(e: Event & { kind: 'kernel.oom_kill' }, selectedPid: number | undefined, v: Victim, t: Tokens, s: KernelShape): void {
  const d = e.data;
  if (v.pid !== selectedPid) {
    d.selected_pid = selectedPid;
    d.selected_name = e.process?.name;
  }
  Object.assign(d, killData(t, s));
  e.process = { ...v };
}

const SUMMARY_TASK = /,task=([^\n]{1,64}?),pid=(\d{1,10}),uid=-?\d{1,10}$/;
const SUMMARY_CONSTRAINT = /constraint=(\w{1,32})/;
const SUMMARY_MEMCG = /,task_memcg=([^,\n]{0,1024}),task=/;

/** `oom-kill:constraint=...,task_memcg=/x.slice,task=mysqld,pid=1234,uid=27`: the victim, whether a
 * cgroup limit was hit (CONSTRAINT_MEMCG), and the victim's memory cgroup. */
export function summaryOf(text: string): { victim: Victim; cgroup: boolean; memcg?: string } | null {
  const m = SUMMARY_TASK.exec(text);
  if (!m) return null;
  const memcg = SUMMARY_MEMCG.exec(text)?.[1];
  return {
    victim: { pid: Number(m[2]), name: m[1] },
    cgroup: SUMMARY_CONSTRAINT.exec(text)?.[1] === 'CONSTRAINT_MEMCG',
    ...(memcg ? { memcg } : {}),
  };
}

/** A task table is complete: its rows, groups by name and a message people can read. */
export function finishTable(e: Event, rows: ProcessRow[]): void {
  const d = e.data as SnapshotData;
  d.rows = rows;
  d.groups = groupsOf(rows);
  if (rows.length === 0) d.partial = true;
  const top = d.groups[0];
  e.message = `OOM task table: ${rows.length} tasks${top ? `; most memory: ${top.command} x${top.count}` : ''}`;
}

/** `gfp_mask=0x201da, order=0`: the mask (hex part only) and the allocation order. */
export function invokedData(t: Tokens, s: KernelShape): { gfp_mask?: string; order?: number } {
  const out: { gfp_mask?: string; order?: number } = {};
  for (const i of s.args ?? []) {
    const text = t.tokens[i].text;
    const eq = text.indexOf('=');
    const key = text.slice(0, eq);
    const value = text.slice(eq + 1);
    if (key === 'gfp_mask') out.gfp_mask = HEX.exec(value)?.[0] ?? value;
    else if (key === 'order' && INTEGER.test(value)) out.order = Number(value);
  }
  return out;
}

/** The invoking command of `mysqld invoked oom-killer: ` (empty on 2.6.24's `   invoked`). */
export function invokerOf(head: string): string | undefined {
  const at = head.lastIndexOf('invoked oom-killer');
  const name = at < 0 ? '' : head.slice(0, at).trim();
  return name === '' ? undefined : name;
}

/** A task-table row: pid, then uid, tgid, total_vm, rss, ... (the same four first in every kernel). */
export function taskRow(t: Tokens, s: KernelShape): ProcessRow | null {
  const cols = (s.cols ?? []).map((i) => Number(t.tokens[i].text));
  const name = s.name !== undefined ? t.tokens[s.name].text.trim() : '';
  if (cols.length < 4 || name === '' || s.body === undefined) return null;
  const pid = Number(DIGITS.exec(t.tokens[s.body].text)?.[0]);
  return { pid, command: name, rss_bytes: cols[3] * PAGE_BYTES, vsz_bytes: cols[2] * PAGE_BYTES };
}

function groupsOf(rows: readonly ProcessRow[]): ProcessGroup[] {
  const by = new Map<string, ProcessGroup>();
  for (const r of rows) {
    const g = by.get(r.command) ?? { command: r.command, count: 0, rss_bytes: 0, max_rss_bytes: 0 };
    g.count++;
    g.rss_bytes += r.rss_bytes;
    g.max_rss_bytes = Math.max(g.max_rss_bytes, r.rss_bytes);
    by.set(r.command, g);
  }
  return [...by.values()].sort((a, b) => b.rss_bytes - a.rss_bytes);
}

const PAGES_RAM = /^(\d{1,12}) pages (?:of )?RAM$/;
const FREE_PAGES = /(?:^|\s)free:(\d{1,15})(?![\dk])/;
const SWAP = /^(Free|Total) swap {1,2}= {0,2}(\d{1,15})kB$/;
const INVOKER = /\bP(?:ID|id): (\d{1,10}),? [Cc]omm: ?(\S{0,64})/;

/** Memory totals a `Mem-Info` dump line states (pages RAM, free pages, swap), into `mem`. */
export function noteMemory(body: string, mem: MemoryTotals): void {
  const ram = PAGES_RAM.exec(body);
  if (ram) {
    mem.total_bytes = Number(ram[1]) * PAGE_BYTES;
    return;
  }
  const swap = SWAP.exec(body);
  if (swap) {
    if (swap[1] === 'Free') mem.swap_free_bytes = Number(swap[2]) * 1024;
    else mem.swap_total_bytes = Number(swap[2]) * 1024;
    return;
  }
  const free = FREE_PAGES.exec(body);
  if (free) mem.free_bytes = Number(free[1]) * PAGE_BYTES;
}

/** `CPU: 0 PID: 11648 Comm: mysqld.bin Not tainted ...` / `Pid: 14043, comm: mysqld Not tainted`. */
export function invokerPid(body: string): { pid: number; name?: string } | null {
  const m = INVOKER.exec(body);
  if (!m) return null;
  return { pid: Number(m[1]), name: m[2] === '' ? undefined : m[2] };
}
