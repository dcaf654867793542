// What each unseen meminfo excerpt beside this file gives, checked by hand (sources in ../SOURCE.md):
// read by test/formats/unseen.test.ts, the harness for every format's unseen/ folder.
import { KiB, type UnseenCase } from '../../unseen-digest.js';

export const CASES: Record<string, UnseenCase> = {
  'open-falcon-230-meminfo-3.14-memavailable.log': {
    formats: ['meminfo'],
    kinds: { 'snapshot.meminfo': 1 },
    facts: [{ meminfo: 'L1+43', memory: { total_bytes: 16268680 * KiB, available_bytes: 8366284 * KiB, swap_total_bytes: 0 } }],
  },
  'openwrt-rt5350-6-busybox-cat-meminfo-single-spaces-then-cpuinfo.log': {
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
  'wp-server-stats-3-openvz-meminfo-no-memavailable-cat.log': {
    formats: ['meminfo'],
    kinds: { 'snapshot.meminfo': 1 },
    facts: [{ meminfo: 'L1+22', memory: { total_bytes: 5683284 * KiB, buffers_bytes: 0, swap_free_bytes: 10770844 * KiB } }],
  },
};
