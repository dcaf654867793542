// Advice on settings, from what was observed. No advice without evidence: each entry carries its
// arithmetic in `reason`. (First cut: the correlator issue fills this in.)
import type { Event } from '../event.js';
import type { Advice, Failure } from './types.js';

export function adviseSettings(_timeline: readonly Event[], _failures: readonly Failure[]): Advice[] {
  return [];
}
