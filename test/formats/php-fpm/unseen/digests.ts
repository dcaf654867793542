// What each unseen php-fpm excerpt beside this file gives, checked by hand (sources in ../SOURCE.md):
// read by test/formats/unseen.test.ts, the harness for every format's unseen/ folder.
import { type UnseenCase } from '../../unseen-digest.js';

export const CASES: Record<string, UnseenCase> = {
  '1panel-5953-compose-prefix-ptrace.log': { formats: ['php-fpm'], kinds: { 'phpfpm.log': 1 } },
  'automagistre-745-docker-stderr-no-stamps.log': {
    formats: ['php-fpm'],
    kinds: { 'phpfpm.max_children': 1, 'phpfpm.log': 2 },
    facts: [{ 'phpfpm.max_children': 'L1+1', pool: 'www', limit: 5, when: 'inferred' }],
  },
  'boa-462-php55-slow-and-timed-out.log': {
    formats: ['php-fpm'],
    kinds: { 'phpfpm.child_exited': 2, 'phpfpm.log': 3 },
    facts: [
      { 'phpfpm.child_exited': 'L1+1', pid: 27367, pool: 'o1', signal: 15, signal_name: 'SIGTERM', when: '2014-10-21T16:51:54.000Z' },
      { 'phpfpm.child_exited': 'L2+1', pid: 27303, pool: 'o1', signal: 15, after_seconds: 290.322382 },
    ],
  },
  'docker-php-295-ptrace-attach-then-slow.log': { formats: ['php-fpm'], kinds: { 'phpfpm.log': 2 } },
  'rutorrent-1987-restarts-and-max-children.log': {
    formats: ['php-fpm'],
    kinds: { 'phpfpm.log': 15, 'phpfpm.max_children': 2 },
    facts: [
      { 'phpfpm.max_children': 'L4+1', pid: 326, pool: 'www', limit: 5, when: '2020-01-13T02:36:45.000Z' },
      { 'phpfpm.max_children': 'L5+1', pid: 326, pool: 'www', limit: 5, when: '2020-01-13T02:37:07.000Z' },
    ],
  },
  'sury-1660-max-children-old-wording-masked-pool.log': {
    formats: ['php-fpm'],
    kinds: { 'phpfpm.max_children': 11 },
    facts: [
      { 'phpfpm.max_children': 'L1+1', pool: '***removed***.com', limit: 8, when: '2021-09-26T05:05:58.000Z' },
      ...Array.from({ length: 9 }, () => ({ pool: '***removed***.com', limit: 8 })),
      { 'phpfpm.max_children': 'L11+1', pool: '***removed***.com', limit: 8, when: '2021-09-27T15:05:52.000Z' },
    ],
  },
  'sury-502-php5.6-sigsegv-core-dumped.log': {
    formats: ['php-fpm'],
    kinds: { 'phpfpm.child_exited': 3, 'phpfpm.log': 2 },
    facts: [
      { 'phpfpm.child_exited': 'L1+1', pid: 2797, signal: 11, signal_name: 'SIGSEGV', after_seconds: 4.220801 },
      { 'phpfpm.child_exited': 'L3+1', pid: 2800, signal: 11 },
      { 'phpfpm.child_exited': 'L5+1', pid: 2815, signal: 11, when: '2016-12-06T17:22:27.000Z' },
    ],
  },
  'z-push-246-freebsd-debug-microseconds.log': {
    formats: ['php-fpm'],
    kinds: { 'phpfpm.child_exited': 1 },
    facts: [{ 'phpfpm.child_exited': 'L1+1', pid: 23173, pool: 'www', signal: 11, when: '2016-01-04T20:49:43.599Z' }],
  },
};
