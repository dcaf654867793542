// What each unseen top excerpt beside this file gives, checked by hand (sources in ../SOURCE.md):
// read by test/formats/unseen.test.ts, the harness for every format's unseen/ folder.
import { KiB, MiB, type UnseenCase } from '../../unseen-digest.js';

export const CASES: Record<string, UnseenCase> = {
  'bitnami-784-lightsail-steal-no-blank-before-table.log': {
    formats: ['top'],
    kinds: { 'snapshot.top': 1 },
    facts: [{ top: 'L1+8', memory: { total_bytes: 498448 * KiB, free_bytes: 11404 * KiB, available_bytes: 80512 * KiB, swap_free_bytes: 196360 * KiB }, rows: 2, rss_known: true }],
  },
  'cinnamon-desklets-1348-german-locale-comma-decimals.log': {
    formats: ['top'],
    kinds: { 'snapshot.top': 1 },
    facts: [{ top: 'L1+7', memory: { total_bytes: Math.round(15937.3 * MiB), free_bytes: Math.round(11392.4 * MiB), available_bytes: Math.round(13104.4 * MiB) }, rows: 1 }],
  },
  'cinnamon-desklets-1623-procps-ng-4-sleep-d-sleep-tasks.log': {
    formats: ['top'],
    kinds: { 'snapshot.top': 1 },
    facts: [{ top: 'L1+12', memory: { total_bytes: Math.round(14927.4 * MiB), available_bytes: Math.round(6991.8 * MiB) }, rows: 6 }],
  },
  'libreelec-3550-busybox-vs-procps-free-and-top-Ek.log': {
    formats: ['free'],
    unrecognized: ['`busybox`:', '`procps-ng`:', '`top -Ek` (`procps-ng`):'],
    kinds: { 'line.unrecognized': 3, 'shell.command': 2, 'snapshot.free': 2, 'snapshot.top': 1 },
    facts: [
      { free: 'L3+3', memory: { total_bytes: 8009240 * KiB, used_bytes: 320000 * KiB, available_bytes: 7333736 * KiB } },
      { free: 'L8+3', memory: { total_bytes: 8009240 * KiB, used_bytes: 280120 * KiB } },
      { top: 'L12+3', memory: { total_bytes: 8009240 * KiB, used_bytes: 280120 * KiB, cached_bytes: 803352 * KiB } },
    ],
  },
  'openbmc-881-busybox-top-smp-cpu-column-prompt.log': {
    formats: ['top'],
    kinds: { 'shell.command': 1, 'snapshot.top': 1 },
    facts: [{ top: 'L2+6', memory: { total_bytes: (217800 + 630044) * KiB, free_bytes: 630044 * KiB, cached_bytes: 99832 * KiB }, rows: 2, rss_known: false }],
  },
  'pppwn-42-busybox-top-decimals.log': {
    formats: ['top'],
    kinds: { 'snapshot.top': 1 },
    facts: [{ top: 'L1+6', memory: { total_bytes: (66524 + 189152) * KiB, buffers_bytes: 496 * KiB }, rows: 2, rss_known: false }],
  },
  'rancher-os-39-busybox-top-huge-cached.log': {
    formats: ['top'],
    kinds: { 'snapshot.top': 1 },
    // busybox's overflowed `139914323006485K cached` (above the total) is left out
    facts: [{ top: 'L1+21', memory: { total_bytes: (449532 + 159356) * KiB, used_bytes: 449532 * KiB, free_bytes: 159356 * KiB, buffers_bytes: 0 }, rows: 17, rss_known: false }],
  },
};
