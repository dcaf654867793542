// What each unseen ps excerpt beside this file gives, checked by hand (sources in ../SOURCE.md):
// read by test/formats/unseen.test.ts, the harness for every format's unseen/ folder.
import { type UnseenCase } from '../../unseen-digest.js';

export const CASES: Record<string, UnseenCase> = {
  'bash-sys-info-1-ps-aux-headerless-after-banner.log': {
    formats: ['ps'],
    unrecognized: ['***********************************', '*** Top 5 memory eating process ***', '***********************************'],
    kinds: { 'line.unrecognized': 3, 'snapshot.ps': 1 },
    facts: [{ ps: 'L4+5', rows: 5, rss_known: true }],
  },
  'phptrace-64-ps-ef-grep-php-fpm-truncated-cmd.log': {
    formats: ['ps'],
    kinds: { 'shell.command': 2, 'snapshot.ps': 1, 'shell.output': 1 },
    facts: [{ ps: 'L2+4', rows: 4, rss_known: false }],
  },
  'prestashop-94-ps-aux-headerless-numeric-user-php-fpm.log': {
    formats: ['ps'],
    kinds: { 'snapshot.ps': 1 },
    facts: [{ ps: 'L1+12', rows: 12, rss_known: true }],
  },
};
