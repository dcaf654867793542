// The systemd format: systemd's and systemd-oomd's syslog / journal lines (their memory-kill
// reports read by systemd-lines.ts, every other line `syslog.log`) and `systemctl status` blocks
// (status-block.ts). It declares the syslog programs it owns, so a syslog file mixing programs
// sends their lines here (src/containers/syslog.ts).
import type { Line } from '../../read/lines.js';
import { isBlank } from '../../read/lines.js';
import { KernelParser } from '../kernel/kernel-parser.js';
import { parseSyslog } from '../syslog/syslog-prefix.js';
import type { Format, FormatContext, LineParser } from '../types.js';
import { STATUS_FIELD, STATUS_HEAD, StatusBlocks } from './status-block.js';
import { SYSTEMD_PROGRAMS, readSystemdLine } from './systemd-lines.js';

const ID = 'systemd';

class SystemdParser implements LineParser {
  private readonly lines: KernelParser;
  private readonly status: StatusBlocks;

  constructor(ctx: FormatContext) {
    this.lines = new KernelParser(ctx, ID, readSystemdLine);
    this.status = new StatusBlocks(ctx, ID);
  }

  line(l: Line): void {
    if (isBlank(l.text)) this.status.close();
    else if (this.status.take(l)) return;
    this.lines.line(l);
  }

  end(): void {
    this.status.close();
    this.lines.end();
  }
}

function sniff(lines: readonly string[]): number {
  let hits = 0;
  for (const raw of lines) {
    const s = parseSyslog(raw);
    if (s ? SYSTEMD_PROGRAMS.test(s.program) : STATUS_HEAD.test(raw) || STATUS_FIELD.test(raw)) hits++;
  }
  if (lines.length === 0 || hits === 0) return 0;
  // above the generic syslog format (at most 0.7) only when systemd's lines are most of the file
  return 0.2 + (0.8 * hits) / lines.length;
}

export const systemd: Format = {
  id: ID,
  dataset: 'systemd',
  programs: SYSTEMD_PROGRAMS,
  sniff,
  create: (ctx) => new SystemdParser(ctx),
  samples: [
    { line: 'May 12 09:33:57 siem systemd[1]: elasticsearch.service: A process of this unit has been killed by the>', kind: 'systemd.oom_kill' },
    { line: "May 12 09:34:06 siem systemd[1]: elasticsearch.service: Failed with result 'oom-kill'.", kind: 'systemd.oom_kill' },
    { line: 'Sep 23 14:09:18 ip-172-31-16-253 systemd[1]: erigon.service: A process of this unit has been killed by the OOM killer.', kind: 'systemd.oom_kill' },
    { line: 'Dec 18 19:34:56 user-desktop systemd-oomd[840]: Killed /user.slice/user-1001.slice/user@1001.service/app.slice/app-org.gnome.Terminal.slice/vte-spawn-dbb4a75e-031f-480d-924b-5de5af7579d2.scope due to memory pressure for /user.slice/user-1001.slice/user@1001.service being 51.07% > 50.00% for > 20s with reclaim activity', kind: 'oomd.oom_kill' },
    { line: 'Dec 18 19:34:56 user-desktop systemd[1837]: vte-spawn-dbb4a75e-031f-480d-924b-5de5af7579d2.scope: systemd-oomd killed 12 process(es) in this unit.', kind: 'oomd.oom_kill' },
    { line: 'Sep 10 14:59:49 image systemd-oomd[34]: oomd attempting to kill 63 with KILL', kind: 'syslog.log' },
    { line: 'Sep 09 14:41:51 dried-nextcloud systemd[1]: snap.nextcloud.mysql.service: Killing process 9769 (mysqld) with signal SIGKILL.', kind: 'syslog.log' },
    { line: '× elasticsearch.service - Elasticsearch', kind: 'systemd.status' },
  ],
  kinds: ['systemd.oom_kill', 'oomd.oom_kill', 'systemd.status', 'syslog.log', 'kernel.log', 'kernel.oom_kill', 'kernel.oom_invoked', 'snapshot.oom_tasks', 'paste.header', 'line.unrecognized'],
};
