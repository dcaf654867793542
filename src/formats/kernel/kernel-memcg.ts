// What a memory cgroup's OOM report says about the cgroup (cgroup v1 and v2): `Task in /docker/x
// killed as a result of limit of /docker/x`, `memory: usage 524288kB, limit 524288kB, failcnt 42`,
// and the 4.19+ summary's `oom_memcg=`. For a cgroup kill this is the memory state that matters:
// the limit that was hit, not the host's free memory.

export interface CgroupState {
  /** The cgroup whose limit was hit (`limit of X`, `oom_memcg=X`). */
  memcg?: string;
  usage_bytes?: number;
  limit_bytes?: number;
  failcnt?: number;
}

const TASK_IN = /^Task in (\S{1,1024}) killed as a result of limit of (\S{1,1024})$/;
// `memory:` only: `memory+swap:`, `kmem:` and `swap:` lines say other counters
const USAGE = /^memory: usage (\d{1,20})kB, limit (\d{1,20})kB, failcnt (\d{1,20})$/;
const OOM_MEMCG = /,oom_memcg=([^,\n]{1,1024}),/;

/** kB as printed, in bytes; an "unlimited" limit (near 2^63) or any number past 2^53 is not kept. */
function kbToBytes(text: string): number | undefined {
  const n = Number(text) * 1024;
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Whether the line is one of the cgroup's own lines; what it says goes into `cg`. */
export function noteCgroup(body: string, cg: CgroupState): boolean {
  const task = TASK_IN.exec(body);
  if (task) {
    cg.memcg = task[2];
    return true;
  }
  const usage = USAGE.exec(body);
  if (!usage) return false;
  const used = kbToBytes(usage[1]);
  const limit = kbToBytes(usage[2]);
  if (used !== undefined) cg.usage_bytes = used;
  if (limit !== undefined) cg.limit_bytes = limit;
  const failcnt = Number(usage[3]);
  if (Number.isSafeInteger(failcnt)) cg.failcnt = failcnt;
  return true;
}

/** `oom_memcg=/docker/x` of an `oom-kill:` summary line. */
export function summaryMemcg(body: string): string | undefined {
  return OOM_MEMCG.exec(body)?.[1];
}
