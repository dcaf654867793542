// What each unseen vmstat excerpt beside this file gives, checked by hand (sources in ../SOURCE.md):
// read by test/formats/unseen.test.ts, the harness for every format's unseen/ folder.
import { KiB, type UnseenCase } from '../../unseen-digest.js';

export const CASES: Record<string, UnseenCase> = {
  'dklog-33-vmstat-s-then-vmstat-id-100.log': {
    formats: ['vmstat'],
    unrecognized: ['/////////////////////'],
    kinds: { 'snapshot.vmstat': 2, 'line.unrecognized': 1 },
    facts: [
      { vmstat: 'L1+27', memory: { total_bytes: 4020152 * KiB, free_bytes: 2448760 * KiB } },
      { vmstat: 'L31+6', memory: { free_bytes: 2448940 * KiB }, unit_assumed: 'KiB' },
    ],
  },
  'exadata-36-exawatcher-time-column-tabs.log': {
    formats: ['vmstat'],
    kinds: { 'snapshot.vmstat': 1 },
    facts: [{ vmstat: 'L1+14', memory: { free_bytes: 19803116 * KiB, cached_bytes: 77208944 * KiB } }],
  },
  'sensu-22-vmstat-a-zsh-rprompt.log': {
    formats: ['vmstat'],
    kinds: { 'shell.command': 2, 'snapshot.vmstat': 2 },
    facts: [
      { vmstat: 'L3+3', memory: { free_bytes: 229152 * KiB } },
      { vmstat: 'L8+3', memory: { free_bytes: 226112 * KiB, buffers_bytes: 11092 * KiB, cached_bytes: 1087072 * KiB } },
    ],
  },
  'vmstatly-1-timestamp-unit-m.log': {
    formats: ['vmstat'],
    kinds: { 'snapshot.vmstat': 1 },
    // run as `vmstat --unit m`, but the paste has no command: KiB is assumed, and said
    facts: [{ vmstat: 'L1+4', memory: { free_bytes: 1270 * KiB }, unit_assumed: 'KiB', when: '2023-01-24T10:27:13.000Z' }],
  },
};
