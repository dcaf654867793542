// Real system excerpts the parsers had not seen (test/formats/*/unseen/, sources in each SOURCE.md),
// each checked by hand: the format sniffed, the exact lines left unrecognized (a person's prose in a
// paste, output of commands no format reads), the event kinds, kills with their victims and memory,
// task tables and memory totals in bytes, php-fpm pool events and stamped times. Lines conserved.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, expectConserved, run } from '../helpers.js';
import { GiB, KiB, MiB, type UnseenCase, digest } from './unseen-digest.js';

const PAGE = 4096;

const CASES: Record<string, UnseenCase> = {
  // ---- kernel
  'kernel/unseen/earlyoom-121-russian-month-journal.log': {
    formats: ['kernel'],
    kinds: { 'kernel.oom_kill': 1 },
    facts: [{ kill: 'L1+2', victim: { pid: 27541, name: 'bash' }, score: 572, anon_rss_bytes: 8098448 * KiB, total_vm_bytes: 8118236 * KiB }],
  },
  'kernel/unseen/flynn-4436-killed-no-shmem-two-victims.log': {
    formats: ['kernel'],
    kinds: { 'kernel.oom_kill': 2 },
    facts: [
      { kill: 'L1+1', victim: { pid: 19445, name: 'mysqld' }, anon_rss_bytes: 83580 * KiB, total_vm_bytes: 973984 * KiB },
      { kill: 'L2+1', victim: { pid: 9032, name: 'innobackupex' }, anon_rss_bytes: 26716 * KiB },
    ],
  },
  'kernel/unseen/install-docker-14-dmesg-grep-oom-kill-line-only.log': {
    formats: ['kernel'],
    kinds: { 'paste.header': 1, 'kernel.oom_kill': 1 },
    facts: [{ kill: 'L2+1', victim: { pid: 7134, name: 'java' } }],
  },
  'kernel/unseen/lede-2878-openwrt-logread-table-kill-reaper.log': {
    formats: ['kernel'],
    kinds: { 'snapshot.oom_tasks': 1, 'kernel.oom_kill': 1 },
    facts: [
      { tasks: 'L1+6', rows: 6, first: { pid: 1039, command: 'netifd', rss_bytes: 38 * PAGE } },
      { kill: 'L7+3', victim: { pid: 1039, name: 'netifd' }, score: 2, anon_rss_bytes: 148 * KiB, when: '2020-01-25T09:40:15.000Z' },
    ],
  },
  'kernel/unseen/minikube-5751-dmesg-human-relative-stamps.log': {
    formats: ['kernel'],
    kinds: { 'kernel.log': 2, 'kernel.oom_kill': 1, 'kernel.oom_invoked': 1 },
    facts: [{ kill: 'L5+2', victim: { pid: 16556, name: 'mysqld' }, score: 1663, anon_rss_bytes: 4469476 * KiB, when: 'inferred' }],
  },
  'kernel/unseen/mtk-openwrt-67-printk-level-prefix.log': {
    formats: ['kernel'],
    kinds: { 'snapshot.oom_tasks': 1, 'kernel.oom_kill': 1, 'kernel.oom_invoked': 1, 'kernel.log': 1 },
    facts: [
      { tasks: 'L1+4', rows: 3, first: { pid: 472, command: 'askfirst', rss_bytes: 7 * PAGE } },
      { kill: 'L5+2', victim: { pid: 472, name: 'askfirst' }, score: 0, anon_rss_bytes: 28 * KiB },
    ],
  },
  'kernel/unseen/mwlwifi-158-journal-table-no-uptime.log': {
    formats: ['kernel'],
    kinds: { 'snapshot.oom_tasks': 1, 'kernel.oom_kill': 1 },
    facts: [
      { tasks: 'L1+10', rows: 10, first: { pid: 2700, command: 'agetty', rss_bytes: 29 * PAGE } },
      { kill: 'L11+1', victim: { pid: 2737, name: 'dhcpd' }, score: 11 },
    ],
  },
  'kernel/unseen/wca-1690-double-spaced-dmesg-userns-uids-memcg-mysqld.log': {
    formats: ['kernel'],
    kinds: { 'snapshot.oom_tasks': 1, 'kernel.oom_kill': 1, 'kernel.log': 6 },
    facts: [
      { tasks: 'L1+7', rows: 7, first: { pid: 124034, command: 'sh', rss_bytes: 22 * PAGE } },
      { kill: 'L15+2', victim: { pid: 123841, name: 'mysqld' }, score: 101, cgroup: true, anon_rss_bytes: 423524 * KiB },
    ],
  },
  // ---- php-fpm
  'php-fpm/unseen/1panel-5953-compose-prefix-ptrace.log': { formats: ['php-fpm'], kinds: { 'phpfpm.log': 1 } },
  'php-fpm/unseen/automagistre-745-docker-stderr-no-stamps.log': {
    formats: ['php-fpm'],
    kinds: { 'phpfpm.max_children': 1, 'phpfpm.log': 2 },
    facts: [{ 'phpfpm.max_children': 'L1+1', pool: 'www', limit: 5, when: 'inferred' }],
  },
  'php-fpm/unseen/boa-462-php55-slow-and-timed-out.log': {
    formats: ['php-fpm'],
    kinds: { 'phpfpm.child_exited': 2, 'phpfpm.log': 3 },
    facts: [
      { 'phpfpm.child_exited': 'L1+1', pid: 27367, pool: 'o1', signal: 15, signal_name: 'SIGTERM', when: '2014-10-21T16:51:54.000Z' },
      { 'phpfpm.child_exited': 'L2+1', pid: 27303, pool: 'o1', signal: 15, after_seconds: 290.322382 },
    ],
  },
  'php-fpm/unseen/docker-php-295-ptrace-attach-then-slow.log': { formats: ['php-fpm'], kinds: { 'phpfpm.log': 2 } },
  'php-fpm/unseen/rutorrent-1987-restarts-and-max-children.log': {
    formats: ['php-fpm'],
    kinds: { 'phpfpm.log': 15, 'phpfpm.max_children': 2 },
    facts: [
      { 'phpfpm.max_children': 'L4+1', pid: 326, pool: 'www', limit: 5, when: '2020-01-13T02:36:45.000Z' },
      { 'phpfpm.max_children': 'L5+1', pid: 326, pool: 'www', limit: 5, when: '2020-01-13T02:37:07.000Z' },
    ],
  },
  'php-fpm/unseen/sury-1660-max-children-old-wording-masked-pool.log': {
    formats: ['php-fpm'],
    kinds: { 'phpfpm.max_children': 11 },
    facts: [
      { 'phpfpm.max_children': 'L1+1', pool: '***removed***.com', limit: 8, when: '2021-09-26T05:05:58.000Z' },
      ...Array.from({ length: 9 }, () => ({ pool: '***removed***.com', limit: 8 })),
      { 'phpfpm.max_children': 'L11+1', pool: '***removed***.com', limit: 8, when: '2021-09-27T15:05:52.000Z' },
    ],
  },
  'php-fpm/unseen/sury-502-php5.6-sigsegv-core-dumped.log': {
    formats: ['php-fpm'],
    kinds: { 'phpfpm.child_exited': 3, 'phpfpm.log': 2 },
    facts: [
      { 'phpfpm.child_exited': 'L1+1', pid: 2797, signal: 11, signal_name: 'SIGSEGV', after_seconds: 4.220801 },
      { 'phpfpm.child_exited': 'L3+1', pid: 2800, signal: 11 },
      { 'phpfpm.child_exited': 'L5+1', pid: 2815, signal: 11, when: '2016-12-06T17:22:27.000Z' },
    ],
  },
  'php-fpm/unseen/z-push-246-freebsd-debug-microseconds.log': {
    formats: ['php-fpm'],
    kinds: { 'phpfpm.child_exited': 1 },
    facts: [{ 'phpfpm.child_exited': 'L1+1', pid: 23173, pool: 'www', signal: 11, when: '2016-01-04T20:49:43.599Z' }],
  },
  // ---- top
  'top/unseen/bitnami-784-lightsail-steal-no-blank-before-table.log': {
    formats: ['top'],
    kinds: { 'snapshot.top': 1 },
    facts: [{ top: 'L1+8', memory: { total_bytes: 498448 * KiB, free_bytes: 11404 * KiB, available_bytes: 80512 * KiB, swap_free_bytes: 196360 * KiB }, rows: 2, rss_known: true }],
  },
  'top/unseen/cinnamon-desklets-1348-german-locale-comma-decimals.log': {
    formats: ['top'],
    kinds: { 'snapshot.top': 1 },
    facts: [{ top: 'L1+7', memory: { total_bytes: Math.round(15937.3 * MiB), free_bytes: Math.round(11392.4 * MiB), available_bytes: Math.round(13104.4 * MiB) }, rows: 1 }],
  },
  'top/unseen/cinnamon-desklets-1623-procps-ng-4-sleep-d-sleep-tasks.log': {
    formats: ['top'],
    kinds: { 'snapshot.top': 1 },
    facts: [{ top: 'L1+12', memory: { total_bytes: Math.round(14927.4 * MiB), available_bytes: Math.round(6991.8 * MiB) }, rows: 6 }],
  },
  'top/unseen/libreelec-3550-busybox-vs-procps-free-and-top-Ek.log': {
    formats: ['free'],
    unrecognized: ['`busybox`:', '`procps-ng`:', '`top -Ek` (`procps-ng`):'],
    kinds: { 'line.unrecognized': 3, 'shell.command': 2, 'snapshot.free': 2, 'snapshot.top': 1 },
    facts: [
      { free: 'L3+3', memory: { total_bytes: 8009240 * KiB, used_bytes: 320000 * KiB, available_bytes: 7333736 * KiB } },
      { free: 'L8+3', memory: { total_bytes: 8009240 * KiB, used_bytes: 280120 * KiB } },
      { top: 'L12+3', memory: { total_bytes: 8009240 * KiB, used_bytes: 280120 * KiB, cached_bytes: 803352 * KiB } },
    ],
  },
  'top/unseen/openbmc-881-busybox-top-smp-cpu-column-prompt.log': {
    formats: ['top'],
    kinds: { 'shell.command': 1, 'snapshot.top': 1 },
    facts: [{ top: 'L2+6', memory: { total_bytes: (217800 + 630044) * KiB, free_bytes: 630044 * KiB, cached_bytes: 99832 * KiB }, rows: 2, rss_known: false }],
  },
  'top/unseen/pppwn-42-busybox-top-decimals.log': {
    formats: ['top'],
    kinds: { 'snapshot.top': 1 },
    facts: [{ top: 'L1+6', memory: { total_bytes: (66524 + 189152) * KiB, buffers_bytes: 496 * KiB }, rows: 2, rss_known: false }],
  },
  'top/unseen/rancher-os-39-busybox-top-huge-cached.log': {
    formats: ['top'],
    kinds: { 'snapshot.top': 1 },
    // busybox's overflowed `139914323006485K cached` (above the total) is left out
    facts: [{ top: 'L1+21', memory: { total_bytes: (449532 + 159356) * KiB, used_bytes: 449532 * KiB, free_bytes: 159356 * KiB, buffers_bytes: 0 }, rows: 17, rss_known: false }],
  },
  // ---- free
  'free/unseen/cherish-today-64-free-hwt-total-row.log': {
    formats: ['free'],
    kinds: { 'shell.command': 1, 'snapshot.free': 1 },
    facts: [{ free: 'L2+4', memory: { total_bytes: Math.round(7.6 * GiB), buffers_bytes: 0, cached_bytes: Math.round(2.3 * GiB), swap_total_bytes: 511 * MiB } }],
  },
  'free/unseen/freemius-4-free-m-padded-to-terminal-width.log': {
    formats: ['free'],
    kinds: { 'shell.command': 2, 'snapshot.free': 1, 'shell.output': 1 },
    facts: [{ free: 'L2+3', memory: { total_bytes: 128817 * MiB, available_bytes: 112742 * MiB, swap_free_bytes: 16370 * MiB } }],
  },
  'free/unseen/nexoss-104-free-w-centos7-unaligned-header.log': {
    formats: ['free'],
    unrecognized: ['Sample output of free -w'],
    kinds: { 'line.unrecognized': 1, 'snapshot.free': 1 },
    facts: [{ free: 'L2+3', memory: { total_bytes: 64261872 * KiB, buffers_bytes: 12644 * KiB, cached_bytes: 50334128 * KiB }, unit_assumed: 'KiB' }],
  },
  'free/unseen/openmptcprouter-465-free-no-swap-row-two-hosts.log': {
    formats: ['free'],
    unrecognized: ['On the VPS:'],
    kinds: { 'shell.command': 2, 'snapshot.free': 2, 'line.unrecognized': 1 },
    facts: [
      { free: 'L2+2', memory: { total_bytes: 242840 * KiB, available_bytes: 131028 * KiB } },
      { free: 'L7+3', memory: { total_bytes: 2099392 * KiB, swap_total_bytes: 0 } },
    ],
  },
  'free/unseen/py3status-301-free-V-then-free-m-procps-ng-3.3.9.log': {
    formats: ['free'],
    kinds: { 'shell.command': 2, 'line.other': 1, 'snapshot.free': 1 },
    facts: [{ free: 'L4+4', memory: { total_bytes: 4045 * MiB, used_bytes: 3761 * MiB, buffers_bytes: 220 * MiB, cached_bytes: 1991 * MiB, available_bytes: 2497 * MiB } }],
  },
  'free/unseen/whatwg-misc-server-45-free-m-prompt-492mb.log': {
    formats: ['free'],
    kinds: { 'shell.command': 1, 'snapshot.free': 1 },
    facts: [{ free: 'L2+3', memory: { total_bytes: 492 * MiB, free_bytes: 8 * MiB, available_bytes: 106 * MiB, swap_total_bytes: 0 } }],
  },
  // ---- ps
  'ps/unseen/bash-sys-info-1-ps-aux-headerless-after-banner.log': {
    formats: ['ps'],
    unrecognized: ['***********************************', '*** Top 5 memory eating process ***', '***********************************'],
    kinds: { 'line.unrecognized': 3, 'snapshot.ps': 1 },
    facts: [{ ps: 'L4+5', rows: 5, rss_known: true }],
  },
  'ps/unseen/phptrace-64-ps-ef-grep-php-fpm-truncated-cmd.log': {
    formats: ['ps'],
    kinds: { 'shell.command': 2, 'snapshot.ps': 1, 'shell.output': 1 },
    facts: [{ ps: 'L2+4', rows: 4, rss_known: false }],
  },
  'ps/unseen/prestashop-94-ps-aux-headerless-numeric-user-php-fpm.log': {
    formats: ['ps'],
    kinds: { 'snapshot.ps': 1 },
    facts: [{ ps: 'L1+12', rows: 12, rss_known: true }],
  },
  // ---- meminfo
  'meminfo/unseen/open-falcon-230-meminfo-3.14-memavailable.log': {
    formats: ['meminfo'],
    kinds: { 'snapshot.meminfo': 1 },
    facts: [{ meminfo: 'L1+43', memory: { total_bytes: 16268680 * KiB, available_bytes: 8366284 * KiB, swap_total_bytes: 0 } }],
  },
  'meminfo/unseen/openwrt-rt5350-6-busybox-cat-meminfo-single-spaces-then-cpuinfo.log': {
    formats: ['meminfo'],
    // `cat cpuinfo` and its output: no format reads /proc/cpuinfo
    unrecognized: [
      '# cat cpuinfo',
      'system type : Ralink SoC',
      'processor : 0',
      'cpu model : MIPS 24K V4.12',
      'BogoMIPS : 239.61',
      'wait instruction : yes',
      'microsecond timers : yes',
      'tlb_entries : 32',
      'extra interrupt vector : yes',
      'hardware watchpoint : yes',
      'ASEs implemented : mips16 dsp',
      'VCED exceptions : not available',
      'VCEI exceptions : not available',
    ],
    kinds: { 'snapshot.meminfo': 1, 'line.unrecognized': 13 },
    facts: [{ meminfo: 'L1+25', memory: { total_bytes: 28616 * KiB, free_bytes: 4104 * KiB, cached_bytes: 17860 * KiB } }],
  },
  'meminfo/unseen/wp-server-stats-3-openvz-meminfo-no-memavailable-cat.log': {
    formats: ['meminfo'],
    kinds: { 'snapshot.meminfo': 1 },
    facts: [{ meminfo: 'L1+22', memory: { total_bytes: 5683284 * KiB, buffers_bytes: 0, swap_free_bytes: 10770844 * KiB } }],
  },
  // ---- vmstat
  'vmstat/unseen/dklog-33-vmstat-s-then-vmstat-id-100.log': {
    formats: ['vmstat'],
    unrecognized: ['/////////////////////'],
    kinds: { 'snapshot.vmstat': 2, 'line.unrecognized': 1 },
    facts: [
      { vmstat: 'L1+27', memory: { total_bytes: 4020152 * KiB, free_bytes: 2448760 * KiB } },
      { vmstat: 'L31+6', memory: { free_bytes: 2448940 * KiB }, unit_assumed: 'KiB' },
    ],
  },
  'vmstat/unseen/exadata-36-exawatcher-time-column-tabs.log': {
    formats: ['vmstat'],
    kinds: { 'snapshot.vmstat': 1 },
    facts: [{ vmstat: 'L1+14', memory: { free_bytes: 19803116 * KiB, cached_bytes: 77208944 * KiB } }],
  },
  'vmstat/unseen/sensu-22-vmstat-a-zsh-rprompt.log': {
    formats: ['vmstat'],
    kinds: { 'shell.command': 2, 'snapshot.vmstat': 2 },
    facts: [
      { vmstat: 'L3+3', memory: { free_bytes: 229152 * KiB } },
      { vmstat: 'L8+3', memory: { free_bytes: 226112 * KiB, buffers_bytes: 11092 * KiB, cached_bytes: 1087072 * KiB } },
    ],
  },
  'vmstat/unseen/vmstatly-1-timestamp-unit-m.log': {
    formats: ['vmstat'],
    kinds: { 'snapshot.vmstat': 1 },
    // run as `vmstat --unit m`, but the paste has no command: KiB is assumed, and said
    facts: [{ vmstat: 'L1+4', memory: { free_bytes: 1270 * KiB }, unit_assumed: 'KiB', when: '2023-01-24T10:27:13.000Z' }],
  },
  // ---- sar
  'sar/unseen/cnf-testbed-110-sar-r-ampm-no-kbavail-prompt.log': {
    formats: ['sar'],
    kinds: { 'shell.command': 1, 'snapshot.sar': 10 },
    facts: [
      { sar: 'L2+3', memory: { free_bytes: 315095476 * KiB, used_bytes: 79837048 * KiB, cached_bytes: 9466360 * KiB } },
      ...Array.from({ length: 8 }, () => ({ memory: { used_bytes: expect.any(Number) } })),
      { sar: 'L14+1', memory: { free_bytes: 315095228 * KiB, cached_bytes: 9466472 * KiB } },
    ],
  },
  'sar/unseen/cnf-testbed-111-sar-r-ampm-kbavail-long-hostname.log': {
    formats: ['sar'],
    kinds: { 'shell.command': 1, 'snapshot.sar': 8 },
    facts: [
      { sar: 'L2+3', memory: { free_bytes: 6086560 * KiB, available_bytes: 7349424 * KiB } },
      ...Array.from({ length: 6 }, () => ({ memory: { available_bytes: expect.any(Number) } })),
      { sar: 'L12+1', memory: { free_bytes: 6086560 * KiB, available_bytes: 7349444 * KiB, buffers_bytes: 25820 * KiB } },
    ],
  },
  // ---- syslog
  'syslog/unseen/doris-3525-memcg-kill-uid-form-then-containerd.log': {
    formats: ['kernel'],
    kinds: { 'kernel.oom_kill': 1, 'syslog.log': 3 },
    facts: [{ kill: 'L1+2', victim: { pid: 18177, name: 'palo_be' }, selected_pid: 24984, cgroup: true, score: 968, anon_rss_bytes: 45563572 * KiB }],
  },
  // earlyoom's own lines: read by the earlyoom format since it declares the program (they were syslog.log)
  'syslog/unseen/earlyoom-261-journal-sigterm-code.log': {
    formats: ['earlyoom'],
    kinds: { 'snapshot.earlyoom': 3, 'earlyoom.log': 4, 'earlyoom.oom_kill': 2 },
    facts: [
      { earlyoom: 'L1+1', memory: { total_bytes: 31880 * MiB, available_bytes: 27949 * MiB, used_bytes: 3931 * MiB, swap_total_bytes: 49151 * MiB, swap_free_bytes: 44345 * MiB } },
      { earlyoom: 'L2+1', memory: { total_bytes: 31880 * MiB, available_bytes: 165 * MiB, swap_free_bytes: 19581 * MiB } },
      { earlyoom: 'L6+1', memory: { available_bytes: 207 * MiB } },
    ],
  },
  // five cgroups telling of one kernel kill: five reports, one failure (correlate/one-kill.ts)
  'syslog/unseen/openprescribing-5431-rsyslog-iso-micro-oom-units.log': { formats: ['systemd'], kinds: { 'systemd.oom_kill': 5 } },
  'syslog/unseen/systemd-31573-french-month-hostless-oomd.log': { formats: ['systemd'], kinds: { 'syslog.log': 9 } },
  'syslog/unseen/systemd-42385-chinese-month-oomd-candidates.log': { formats: ['systemd'], kinds: { 'syslog.log': 5 } },
};

const file = (name: string) => path.join(ROOT, 'test', 'formats', name);

describe('unseen system excerpts', () => {
  it.each(Object.keys(CASES))('%s', async (name) => {
    const c = CASES[name];
    const a = await run([file(name)], { tz: 'UTC' });
    expectConserved(a);
    const d = digest(a);
    expect(d.formats).toEqual(c.formats);
    expect(d.unrecognized).toEqual(c.unrecognized ?? []);
    expect(d.kinds).toEqual(c.kinds);
    if (c.facts) {
      expect(d.facts).toHaveLength(c.facts.length);
      c.facts.forEach((f, i) => expect(d.facts[i], `fact ${i}`).toMatchObject(f));
    }
  });

  it('reads the month of journal lines printed in another locale, and lines with no host', async () => {
    const fr = await run([file('syslog/unseen/systemd-31573-french-month-hostless-oomd.log')], { tz: 'UTC' });
    const first = fr.events.find((e) => e.src.line === 1);
    expect([new Date(first?.time.ms ?? NaN).getUTCMonth() + 1, new Date(first?.time.ms ?? NaN).getUTCDate()]).toEqual([3, 1]);
    expect(first?.process).toEqual({ name: 'systemd', pid: 1 });
    expect(first?.meta?.['host.name']).toBeUndefined();
    const zh = await run([file('syslog/unseen/systemd-42385-chinese-month-oomd-candidates.log')], { tz: 'UTC' });
    const z = zh.events[0];
    expect([new Date(z.time.ms).getUTCMonth() + 1, new Date(z.time.ms).getUTCDate(), z.process?.name, z.meta?.['host.name']]).toEqual([5, 29, 'systemd-oomd', 'Analyse']);
  });

  it('dates OpenWrt logread lines by their own year and keeps the facility out of the host', async () => {
    const a = await run([file('kernel/unseen/lede-2878-openwrt-logread-table-kill-reaper.log')], { tz: 'UTC' });
    const kill = a.events.find((e) => e.kind === 'kernel.oom_kill');
    expect(kill?.time.source).toBe('stamped');
    expect(kill?.meta?.['host.name']).toBeUndefined();
  });

  it('keeps the memory cgroup of an `oom-kill:` summary with its kill', async () => {
    const a = await run([file('kernel/unseen/install-docker-14-dmesg-grep-oom-kill-line-only.log')], { tz: 'UTC' });
    const kill = a.events.find((e) => e.kind === 'kernel.oom_kill');
    expect(kill?.meta?.['oom.task_memcg']).toBe('/system.slice/docker-00748bf4e957f82c239a1db8a88579059b7d40c7b5fbd3f43617d31d3f646f12.scope');
    expect(kill?.meta?.['shell.command']).toBe('dmesg | grep -i kill |grep docker');
  });

  it('reads rsyslog high-precision stamps and the unit systemd names', async () => {
    const a = await run([file('syslog/unseen/openprescribing-5431-rsyslog-iso-micro-oom-units.log')], { tz: 'UTC' });
    const e = a.events[0];
    expect([new Date(e.time.ms).toISOString(), e.time.source, e.kind, e.data]).toEqual(['2026-02-08T00:40:07.136Z', 'stamped', 'systemd.oom_kill', { unit: 'user-1021.slice', report: 'notice' }]);
    expect(a.failures.map((f) => [f.kill?.killer, f.kill?.scope, f.evidence.length])).toEqual([['systemd', null, 5]]);
  });

  it('reads 12-hour sar rows on the banner date', async () => {
    const a = await run([file('sar/unseen/cnf-testbed-110-sar-r-ampm-no-kbavail-prompt.log')], { tz: 'UTC' });
    const rows = a.events.filter((e) => e.kind === 'snapshot.sar');
    expect([rows[0], rows[9]].map((e) => new Date(e.time.ms).toISOString())).toEqual(['2019-02-15T22:44:21.000Z', '2019-02-15T22:44:30.000Z']);
  });

  it('takes the ExaWatcher heading as the command and the rows as times of day', async () => {
    const a = await run([file('vmstat/unseen/exadata-36-exawatcher-time-column-tabs.log')], { tz: 'UTC', date: { year: 2019, month: 4, day: 12 } });
    const v = a.events.find((e) => e.kind === 'snapshot.vmstat');
    expect(new Date(v?.time.ms ?? NaN).toISOString()).toBe('2019-04-12T18:17:18.000Z'); // the last row's time
    expect((v?.data as { command?: string }).command).toBe('vmstat  5  2');
  });
});
