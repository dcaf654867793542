// What each unseen sar excerpt beside this file gives, checked by hand (sources in ../SOURCE.md):
// read by test/formats/unseen.test.ts, the harness for every format's unseen/ folder.
import { expect } from 'vitest';
import { KiB, type UnseenCase } from '../../unseen-digest.js';

export const CASES: Record<string, UnseenCase> = {
  'cnf-testbed-110-sar-r-ampm-no-kbavail-prompt.log': {
    formats: ['sar'],
    kinds: { 'shell.command': 1, 'snapshot.sar': 10 },
    facts: [
      { sar: 'L2+3', memory: { free_bytes: 315095476 * KiB, used_bytes: 79837048 * KiB, cached_bytes: 9466360 * KiB } },
      ...Array.from({ length: 8 }, () => ({ memory: { used_bytes: expect.any(Number) } })),
      { sar: 'L14+1', memory: { free_bytes: 315095228 * KiB, cached_bytes: 9466472 * KiB } },
    ],
  },
  'cnf-testbed-111-sar-r-ampm-kbavail-long-hostname.log': {
    formats: ['sar'],
    kinds: { 'shell.command': 1, 'snapshot.sar': 8 },
    facts: [
      { sar: 'L2+3', memory: { free_bytes: 6086560 * KiB, available_bytes: 7349424 * KiB } },
      ...Array.from({ length: 6 }, () => ({ memory: { available_bytes: expect.any(Number) } })),
      { sar: 'L12+1', memory: { free_bytes: 6086560 * KiB, available_bytes: 7349444 * KiB, buffers_bytes: 25820 * KiB } },
    ],
  },
};
