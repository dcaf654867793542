// A syslog / journal file (`/var/log/messages`, `journalctl -o short|short-iso`) of programs with
// no format of their own here: their lines are `syslog.log` events, so they are accounted, not
// unrecognized. Kernel lines among them still get the kernel's reading (the same line parser), so
// an OOM kill deep in a messages file that starts with cron and sshd lines is not missed. Which
// programs have formats of their own is read from the registry (their `programs`).
import { KERNEL_KINDS, KernelParser } from '../kernel/kernel-parser.js';
import { parseSyslog } from './syslog-prefix.js';
import type { Format } from '../types.js';

const ID = 'syslog';

/** Scores lines whose programs are `owned` by other formats (their `programs`) below those formats. */
function sniffWith(isOwned: (program: string) => boolean, lines: readonly string[]): number {
  let other = 0;
  let owned = 0;
  for (const raw of lines) {
    const s = parseSyslog(raw);
    if (!s || s.program === 'kernel') continue;
    if (isOwned(s.program)) owned++;
    else other++;
  }
  if (lines.length === 0 || other + owned === 0) return 0;
  // Below any format that reads a program's own lines: a php-fpm-only file is php-fpm's.
  return 0.2 + (0.5 * other + 0.3 * owned) / lines.length;
}

/** The generic syslog format, given the registry (read when sniffing) whose formats own programs. */
export const syslog = (registry: () => readonly Format[]): Format => ({
  id: ID,
  dataset: 'syslog',
  kinds: KERNEL_KINDS,
  sniff: (lines) => sniffWith((program) => registry().some((f) => f.programs?.test(program)), lines),
  create: (ctx) => new KernelParser(ctx, ID),
  samples: [
    { line: 'Jan 16 11:43:20 vultr.guest systemd[1]: mysql.service: Main process exited, code=killed, status=9/KILL', kind: 'syslog.log' },
    { line: 'Jun 16 15:09:07 ubuntu systemd[1]: Mounting FUSE Control File System...', kind: 'syslog.log' },
    { line: 'Sep 07 11:03:12 dom0 root[5474]: /etc/xen/scripts/block-snapshot: add XENBUS_PATH=backend/vbd/38/51712', kind: 'syslog.log' },
  ],
});
