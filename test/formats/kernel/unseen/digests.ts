// What each unseen kernel excerpt beside this file gives, checked by hand (sources in ../SOURCE.md):
// read by test/formats/unseen.test.ts, the harness for every format's unseen/ folder.
import { KiB, type UnseenCase } from '../../unseen-digest.js';

const PAGE = 4096;

export const CASES: Record<string, UnseenCase> = {
  'earlyoom-121-russian-month-journal.log': {
    formats: ['kernel'],
    kinds: { 'kernel.oom_kill': 1 },
    facts: [{ kill: 'L1+2', victim: { pid: 27541, name: 'bash' }, score: 572, anon_rss_bytes: 8098448 * KiB, total_vm_bytes: 8118236 * KiB }],
  },
  'flynn-4436-killed-no-shmem-two-victims.log': {
    formats: ['kernel'],
    kinds: { 'kernel.oom_kill': 2 },
    facts: [
      { kill: 'L1+1', victim: { pid: 19445, name: 'mysqld' }, anon_rss_bytes: 83580 * KiB, total_vm_bytes: 973984 * KiB },
      { kill: 'L2+1', victim: { pid: 9032, name: 'innobackupex' }, anon_rss_bytes: 26716 * KiB },
    ],
  },
  'install-docker-14-dmesg-grep-oom-kill-line-only.log': {
    formats: ['kernel'],
    kinds: { 'paste.header': 1, 'kernel.oom_kill': 1 },
    facts: [{ kill: 'L2+1', victim: { pid: 7134, name: 'java' } }],
  },
  'lede-2878-openwrt-logread-table-kill-reaper.log': {
    formats: ['kernel'],
    kinds: { 'snapshot.oom_tasks': 1, 'kernel.oom_kill': 1 },
    facts: [
      { tasks: 'L1+6', rows: 6, first: { pid: 1039, command: 'netifd', rss_bytes: 38 * PAGE } },
      { kill: 'L7+3', victim: { pid: 1039, name: 'netifd' }, score: 2, anon_rss_bytes: 148 * KiB, when: '2020-01-25T09:40:15.000Z' },
    ],
  },
  'minikube-5751-dmesg-human-relative-stamps.log': {
    formats: ['kernel'],
    kinds: { 'kernel.log': 2, 'kernel.oom_kill': 1, 'kernel.oom_invoked': 1 },
    facts: [{ kill: 'L5+2', victim: { pid: 16556, name: 'mysqld' }, score: 1663, anon_rss_bytes: 4469476 * KiB, when: 'inferred' }],
  },
  'mtk-openwrt-67-printk-level-prefix.log': {
    formats: ['kernel'],
    kinds: { 'snapshot.oom_tasks': 1, 'kernel.oom_kill': 1, 'kernel.oom_invoked': 1, 'kernel.log': 1 },
    facts: [
      { tasks: 'L1+4', rows: 3, first: { pid: 472, command: 'askfirst', rss_bytes: 7 * PAGE } },
      { kill: 'L5+2', victim: { pid: 472, name: 'askfirst' }, score: 0, anon_rss_bytes: 28 * KiB },
    ],
  },
  'mwlwifi-158-journal-table-no-uptime.log': {
    formats: ['kernel'],
    kinds: { 'snapshot.oom_tasks': 1, 'kernel.oom_kill': 1 },
    facts: [
      { tasks: 'L1+10', rows: 10, first: { pid: 2700, command: 'agetty', rss_bytes: 29 * PAGE } },
      { kill: 'L11+1', victim: { pid: 2737, name: 'dhcpd' }, score: 11 },
    ],
  },
  'wca-1690-double-spaced-dmesg-userns-uids-memcg-mysqld.log': {
    formats: ['kernel'],
    kinds: { 'snapshot.oom_tasks': 1, 'kernel.oom_kill': 1, 'kernel.log': 6 },
    facts: [
      { tasks: 'L1+7', rows: 7, first: { pid: 124034, command: 'sh', rss_bytes: 22 * PAGE } },
      { kill: 'L15+2', victim: { pid: 123841, name: 'mysqld' }, score: 101, cgroup: true, anon_rss_bytes: 423524 * KiB },
    ],
  },
};
