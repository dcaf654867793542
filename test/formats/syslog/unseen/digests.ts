// What each unseen syslog excerpt beside this file gives, checked by hand (sources in ../SOURCE.md):
// read by test/formats/unseen.test.ts, the harness for every format's unseen/ folder.
import { KiB, MiB, type UnseenCase } from '../../unseen-digest.js';

export const CASES: Record<string, UnseenCase> = {
  'doris-3525-memcg-kill-uid-form-then-containerd.log': {
    formats: ['kernel'],
    kinds: { 'kernel.oom_kill': 1, 'syslog.log': 3 },
    facts: [{ kill: 'L1+2', victim: { pid: 18177, name: 'palo_be' }, selected_pid: 24984, cgroup: true, score: 968, anon_rss_bytes: 45563572 * KiB }],
  },
  // earlyoom's own lines: read by the earlyoom format since it declares the program (they were syslog.log)
  'earlyoom-261-journal-sigterm-code.log': {
    formats: ['earlyoom'],
    kinds: { 'snapshot.earlyoom': 3, 'earlyoom.log': 4, 'earlyoom.oom_kill': 2 },
    facts: [
      { earlyoom: 'L1+1', memory: { total_bytes: 31880 * MiB, available_bytes: 27949 * MiB, used_bytes: 3931 * MiB, swap_total_bytes: 49151 * MiB, swap_free_bytes: 44345 * MiB } },
      { earlyoom: 'L2+1', memory: { total_bytes: 31880 * MiB, available_bytes: 165 * MiB, swap_free_bytes: 19581 * MiB } },
      { earlyoom: 'L6+1', memory: { available_bytes: 207 * MiB } },
    ],
  },
  // five cgroups telling of one kernel kill: five reports, one failure (correlate/one-kill.ts)
  'openprescribing-5431-rsyslog-iso-micro-oom-units.log': { formats: ['systemd'], kinds: { 'systemd.oom_kill': 5 } },
  'systemd-31573-french-month-hostless-oomd.log': { formats: ['systemd'], kinds: { 'syslog.log': 9 } },
  'systemd-42385-chinese-month-oomd-candidates.log': { formats: ['systemd'], kinds: { 'syslog.log': 5 } },
};
