// What each unseen free excerpt beside this file gives, checked by hand (sources in ../SOURCE.md):
// read by test/formats/unseen.test.ts, the harness for every format's unseen/ folder.
import { GiB, KiB, MiB, type UnseenCase } from '../../unseen-digest.js';

export const CASES: Record<string, UnseenCase> = {
  'cherish-today-64-free-hwt-total-row.log': {
    formats: ['free'],
    kinds: { 'shell.command': 1, 'snapshot.free': 1 },
    facts: [{ free: 'L2+4', memory: { total_bytes: Math.round(7.6 * GiB), buffers_bytes: 0, cached_bytes: Math.round(2.3 * GiB), swap_total_bytes: 511 * MiB } }],
  },
  'freemius-4-free-m-padded-to-terminal-width.log': {
    formats: ['free'],
    kinds: { 'shell.command': 2, 'snapshot.free': 1, 'shell.output': 1 },
    facts: [{ free: 'L2+3', memory: { total_bytes: 128817 * MiB, available_bytes: 112742 * MiB, swap_free_bytes: 16370 * MiB } }],
  },
  'nexoss-104-free-w-centos7-unaligned-header.log': {
    formats: ['free'],
    unrecognized: ['Sample output of free -w'],
    kinds: { 'line.unrecognized': 1, 'snapshot.free': 1 },
    facts: [{ free: 'L2+3', memory: { total_bytes: 64261872 * KiB, buffers_bytes: 12644 * KiB, cached_bytes: 50334128 * KiB }, unit_assumed: 'KiB' }],
  },
  'openmptcprouter-465-free-no-swap-row-two-hosts.log': {
    formats: ['free'],
    unrecognized: ['On the VPS:'],
    kinds: { 'shell.command': 2, 'snapshot.free': 2, 'line.unrecognized': 1 },
    facts: [
      { free: 'L2+2', memory: { total_bytes: 242840 * KiB, available_bytes: 131028 * KiB } },
      { free: 'L7+3', memory: { total_bytes: 2099392 * KiB, swap_total_bytes: 0 } },
    ],
  },
  'py3status-301-free-V-then-free-m-procps-ng-3.3.9.log': {
    formats: ['free'],
    kinds: { 'shell.command': 2, 'line.other': 1, 'snapshot.free': 1 },
    facts: [{ free: 'L4+4', memory: { total_bytes: 4045 * MiB, used_bytes: 3761 * MiB, buffers_bytes: 220 * MiB, cached_bytes: 1991 * MiB, available_bytes: 2497 * MiB } }],
  },
  'whatwg-misc-server-45-free-m-prompt-492mb.log': {
    formats: ['free'],
    kinds: { 'shell.command': 1, 'snapshot.free': 1 },
    facts: [{ free: 'L2+3', memory: { total_bytes: 492 * MiB, free_bytes: 8 * MiB, available_bytes: 106 * MiB, swap_total_bytes: 0 } }],
  },
};
