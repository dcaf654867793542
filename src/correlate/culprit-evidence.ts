// Where a failure's culprit comes from, and how sure it is: a process table before the failure
// (`before`), the kernel's own task table (`kernel_table`), or, when nothing was captured before,
// a release found after the fact (`release`: what a group let go of when it went away), which is
// weaker evidence the farther it lies from the failure. The verdict's clause is rendered here.
import type { Event } from '../event.js';
import type { Release } from './releases.js';
import type { Before } from './types.js';
import { humanBytes, humanDuration } from './verdict.js';

export type CulpritEvidence = 'before' | 'kernel_table' | 'cgroup' | 'release';
export type Confidence = 'high' | 'medium' | 'low';

export interface CulpritSource {
  culprit: string | null;
  culprit_evidence: CulpritEvidence | null;
  /** Seconds between the failure and the evidence (the table before it, or the release after it). */
  culprit_distance_seconds: number | null;
  culprit_confidence: Confidence | null;
  release: Release | null;
}

/** A release counts as evidence for a failure it follows within this long. */
const RELEASE_REACH_MS = 24 * 3600_000;

/** The source of a culprit already judged from the snapshot before the failure. */
export function fromBefore(failure: Event, culprit: string | null, before: Before | null): CulpritSource {
  if (!culprit || !before) return { culprit, culprit_evidence: null, culprit_distance_seconds: null, culprit_confidence: null, release: null };
  const table = before.processSnapshot ?? before.event;
  const gap = Math.max(0, Math.round((failure.time.ms - table.time.ms) / 1000));
  const kernel = table.kind === 'snapshot.oom_tasks';
  return {
    culprit,
    culprit_evidence: kernel ? 'kernel_table' : 'before',
    culprit_distance_seconds: gap,
    culprit_confidence: kernel || gap <= 300 ? 'high' : 'medium',
    release: null,
  };
}

/** The nearest attributed release after a failure (within a day), as its likely culprit. */
export function fromRelease(failure: Event, releases: readonly Release[]): CulpritSource | null {
  const t = failure.time.ms;
  let best: Release | null = null;
  for (const r of releases) {
    if (!r.group || r.from.earliest < t || r.from.earliest - t > RELEASE_REACH_MS) continue;
    if (!best || r.from.earliest < best.from.earliest) best = r;
  }
  if (!best) return null;
  return {
    culprit: best.group,
    culprit_evidence: 'release',
    culprit_distance_seconds: Math.round((best.from.earliest - t) / 1000),
    culprit_confidence: 'low',
    release: best,
  };
}

function at(e: Event): string {
  return `${e.src.path}:${e.src.line}`;
}

/** What a release shows, as a clause: `at least 761 MiB and 29 tasks were released between A and B as ...`. */
export function releaseClause(r: Release): string {
  const tasks = r.tasks_gone !== null && r.tasks_gone > 0 ? ` and ${r.tasks_gone} tasks` : '';
  const how = r.restart
    ? `around ${r.group}'s restart (${at(r.restart)})`
    : r.gone
      ? `as ${r.group}'s ${r.gone.processes} listed ${r.gone.processes === 1 ? 'process' : 'processes'} (${humanBytes(r.gone.rss_bytes)}) went away`
      : `as ${r.group} went away`;
  return `at least ${humanBytes(r.released_bytes)}${tasks} were released between ${at(r.from.event)} and ${at(r.to.event)} ${how}`;
}

/** The verdict's added sentence for a culprit found from a release. */
export function releaseSentence(s: CulpritSource): string {
  if (s.culprit_evidence !== 'release' || !s.release || s.culprit_distance_seconds === null) return '';
  return ` Likely culprit, with ${s.culprit_confidence} confidence: ${s.culprit}. ${humanDuration(s.culprit_distance_seconds)} after this failure, ${releaseClause(s.release)}: ${s.culprit} held that memory then (found after the fact, not in a snapshot before the failure).`;
}
