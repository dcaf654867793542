// The kernel log: dmesg (`[9876543.210]`, `-T`, `-H`, `--time-format iso`, `-r`'s `<6>` levels, or
// no stamps at all, as RHEL 6 prints), and syslog / journal / OpenWrt logread files whose lines come from `kernel`. The OOM killer's
// messages become kill, invoked and task-table events; the rest of what the kernel prints is
// `kernel.log`. The line parser lives in kernel-parser.ts, shared with the syslog format.
import { KERNEL_KINDS, KernelParser, kernelShapes } from './kernel-parser.js';
import { parseSyslog } from '../syslog/syslog-prefix.js';
import type { Format } from '../types.js';

const ID = 'kernel';

export { kernelShapes };

const STAMP = /^(?:<[0-7]>)?(?:\[ {0,12}\d{1,10}\.\d{1,9}\]|\[ {0,8}\+\d{1,10}\.\d{1,9}\]|\[[A-Z][a-z]{2}\d\d \d\d:\d\d\]|\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}\]|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[.,]\d{1,9}[+-]\d\d:?\d\d )/;
// Words only the kernel's OOM report prints, for dmesg without stamps.
const KERNEL_WORDS =
  /invoked oom-killer|Out of memory|Killed process|oom-kill:constraint=|oom_reaper|Call Trace:|Mem-[Ii]nfo:|\[<[0-9a-f]{8,16}>\]|[Tt]ainted|mems_allowed=|per-cpu:|btch:|lowmem_reserve|pages RAM|free:\d+kB/;

/** Markdown around quoted kernel lines (a table row, a heading, inline code): prose, not a log. */
function isProse(raw: string): boolean {
  const c = raw.charCodeAt(0);
  return c === 124 || c === 35 || raw.includes('`'); // `|`, `#`, a backtick
}

function isKernelLine(raw: string): boolean {
  if (isProse(raw)) return false;
  const s = parseSyslog(raw);
  if (s) return s.program === 'kernel';
  return STAMP.test(raw) || KERNEL_WORDS.test(raw);
}

function sniff(lines: readonly string[]): number {
  let hits = 0;
  for (const raw of lines) if (isKernelLine(raw)) hits++;
  if (lines.length === 0 || hits === 0) return 0;
  // one kernel-ish word in a long file (a `[oom_reaper]` thread in a ps table) is not a kernel log
  if (hits < 3 && hits / lines.length < 0.25) return 0;
  return 0.3 + (0.7 * hits) / lines.length;
}

export const kernel: Format = {
  id: ID,
  dataset: 'kernel',
  kinds: KERNEL_KINDS,
  programs: /^kernel$/,
  sniff,
  create: (ctx) => new KernelParser(ctx, ID),
  samples: [
    { line: 'Jan 16 11:43:21 vultr.guest kernel: Out of memory: Kill process 763 (mysqld) score 234 or sacrifice child', kind: 'kernel.oom_kill' },
    { line: 'Jan 16 11:43:21 vultr.guest kernel: Killed process 763 (mysqld) total-vm:1162552kB, anon-rss:235668kB, file-rss:0kB, shmem-rss:0kB', kind: 'kernel.oom_kill' },
    { line: 'Jan 16 11:43:21 vultr.guest kernel: oom_reaper: reaped process 763 (mysqld), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB', kind: 'kernel.log' },
    { line: 'Jan 16 11:43:21 vultr.guest kernel: [  763]   111   763   290638    58917   802816        0             0 mysqld', kind: 'snapshot.oom_tasks' },
    { line: 'Mar  2 17:35:10 server1 kernel: [2858609.598568] Killed process 11726, UID 498, (mysqld) total-vm:7823732kB, anon-rss:2539268kB, file-rss:768kB', kind: 'kernel.oom_kill' },
    { line: 'Jun 21 13:18:41 ip-172-26-13-16 kernel: [ 3888.822099] mysqld.bin invoked oom-killer: gfp_mask=0x24201ca, order=0, oom_score_adj=0', kind: 'kernel.oom_invoked' },
    { line: 'Oct  6 13:19:44 afrotc-server kernel: [12541.332176] Out of memory: kill process 4926 (mysqld) score 32031 or a child', kind: 'kernel.oom_kill' },
    { line: 'Oct  6 13:19:44 afrotc-server kernel: [12541.403664]    invoked oom-killer: gfp_mask=0x40d0, order=1, oomkilladj=0', kind: 'kernel.oom_invoked' },
    { line: 'May 19 12:19:38 ip-172-26-14-230 kernel: [230460.856507] [   3736]     1  3736   120816    47549   663552        0             0 php-fpm', kind: 'snapshot.oom_tasks' },
    { line: '[40525.901799] Tasks state (memory values in pages):', kind: 'snapshot.oom_tasks' },
    { line: '[40525.904263] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name', kind: 'snapshot.oom_tasks' },
    { line: '[40525.912454] [    261]     0   261     4847      265    65536        0         -1000 systemd-udevd', kind: 'snapshot.oom_tasks' },
    { line: 'mysqld invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0, oom_score_adj=0', kind: 'kernel.oom_invoked' },
    { line: 'Killed process 31217, UID 500, (python3) total-vm:1551216kB, anon-rss:376376kB, file-rss:296kB', kind: 'kernel.oom_kill' },
    { line: ' [<ffffffff81131630>] ? dump_header+0x90/0x1b0', kind: 'kernel.log' },
    { line: '[Fri Nov 21 14:22:56 2025] Out of memory: Killed process 3581527 (uwsgi) total-vm:517892kB, anon-rss:263092kB, file-rss:29128kB, shmem-rss:0kB, UID:33 pgtables:740kB oom_score_adj:0', kind: 'kernel.oom_kill' },
    { line: '[ 1836.276684] Memory cgroup out of memory: Killed process 4971 (netdata) total-vm:47820kB, anon-rss:7560kB, file-rss:0kB, shmem-rss:0kB, UID:201 pgtables:100kB oom_score_adj:1000', kind: 'kernel.oom_kill' },
    { line: '[1982048.529636] Out of memory in UB 317592: OOM killed process 2946 (npm) score 0 vm:1506164kB, rss:237752kB, swap:120052kB', kind: 'kernel.oom_kill' },
    { line: '2024-04-29T14:55:41,679700+02:00 Out of memory: Killed process 1440763 (perl) total-vm:87033376kB, anon-rss:60356340kB, file-rss:0kB, shmem-rss:0kB, UID:21417 pgtables:169956kB oom_score_adj:0', kind: 'kernel.oom_kill' },
    { line: 'Mar 10 22:02:34 monster kernel: Out of Memory: Killed process 475 (identd).', kind: 'kernel.oom_kill' },
    { line: '[4650180.470877] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=aegis,mems_allowed=0,global_oom,task_memcg=/system.slice/docker-0074.scope,task=java,pid=7134,uid=1000', kind: 'kernel.oom_kill' },
    { line: '<3>[ 1770.321636] Out of memory: Kill process 472 (askfirst) score 0 or sacrifice child', kind: 'kernel.oom_kill' },
    { line: '[  +0.000003] Killed process 16556 (mysqld) total-vm:16816660kB, anon-rss:4469476kB, file-rss:4kB, shmem-rss:0kB', kind: 'kernel.oom_kill' },
    { line: '[Oct28 16:58] mysqld invoked oom-killer: gfp_mask=0x6280ca(GFP_HIGHUSER_MOVABLE|__GFP_ZERO), nodemask=(null), order=0, oom_score_adj=912', kind: 'kernel.oom_invoked' },
    { line: 'Sat Jan 25 09:40:15 2020 kern.err kernel: [22043.040139] Out of memory: Kill process 1039 (netifd) score 2 or sacrifice child', kind: 'kernel.oom_kill' },
    { line: 'апр 28 01:23:30 PC kernel: Killed process 27541 (bash) total-vm:8118236kB, anon-rss:8098448kB, file-rss:3264kB, shmem-rss:0kB', kind: 'kernel.oom_kill' },
  ],
};
