// What the correlator finds: failures linked to the memory state around them, incidents with
// their downtime, and advice. Plain data, shaped like the JSON summary (CONTRACT.md).
import type { Event, MemoryTotals } from '../event.js';
import type { FailureClass } from '../kinds.js';
import type { KillFacts } from './kill-facts.js';
import type { Accounting } from './accounting.js';
import type { Confidence, CulpritSource } from './culprit-evidence.js';
import type { Episode } from './episodes.js';
import type { Release } from './releases.js';
import type { Trend } from './trends.js';

export interface ProcessShare {
  processes: number;
  rss_bytes: number;
  max_rss_bytes: number;
  share_of_memory: number | null;
}

export interface SnapshotRef {
  event: Event;
  gap_seconds: number;
}

export interface Before extends SnapshotRef {
  memory: MemoryTotals | null;
  /** The snapshot the process data came from (may differ from the memory one). */
  processSnapshot: Event | null;
  php_fpm: ProcessShare | null;
  mysqld: { processes: number; rss_bytes: number } | null;
  /** The largest process groups, biggest first. */
  top_groups: { command: string; processes: number; rss_bytes: number }[];
}

export interface Failure {
  event: Event;
  requested_bytes: number | null;
  before: Before | null;
  after: SnapshotRef | null;
  culprit: string | null;
  verdict: string;
  /** The verdict from the memory state before the failure alone (`verdict` adds a culprit found after it). */
  verdict_from_before: string;
  class: FailureClass;
  /** For a kill: victim, killer, scope, the cgroup's usage and limit (null otherwise). */
  kill: KillFacts | null;
  /** Every report of this failure (one kill told by the kernel, systemd, ...), the chosen one first. */
  evidence: Event[];
  /** Where the culprit comes from and how sure (culprit-evidence.ts). */
  source: CulpritSource;
}

export type Outcome = 'recovered' | 'down' | 'unknown';

export interface Incident {
  start: number;
  end: number;
  failures: number;
  deaths: number;
  restarts: number;
  outcome: Outcome;
  recovered_at: number | null;
  downtime_seconds: number | null;
  /** Settings seen to change between start attempts (`innodb_buffer_pool_size 128.0M → 16.0M`). */
  config_changes: string[];
  /** The events that opened it, for reports. */
  first: Event;
}

export interface Advice {
  setting: string;
  current: string | null;
  recommended: string;
  reason: string;
  /** How far the evidence it is sized from goes (advice-confidence.ts). */
  confidence?: Confidence;
  /** What makes the evidence thin and what would firm it up; null when it is not thin. */
  evidence_note?: string | null;
}

export interface Findings {
  failures: Failure[];
  /** Runs of failures of the same kind and cause (contiguous in `failures`). */
  episodes: Episode[];
  incidents: Incident[];
  advice: Advice[];
  /** Per snapshot with a process table: how much of the memory in use it accounts for. */
  accounting: Accounting[];
  releases: Release[];
  trends: Trend[];
}
