// The correlator: a pure function from the timeline to findings. No I/O, no clock.
import { type Event, SNAPSHOT_KINDS } from '../event.js';
import { adviseSettings } from './advice.js';
import { failureClass } from '../kill-kinds.js';
import { findFailures } from './failures.js';
import { killFacts } from './kill-facts.js';
import { judgeKill } from './kill-verdict.js';
import { oneKillOneFailure } from './one-kill.js';
import { findIncidents } from './incidents.js';
import { linkAfter, linkBefore, linkEarlier } from './link.js';
import type { Findings } from './types.js';
import { judge } from './verdict.js';

export interface CorrelateOptions {
  lookbackSeconds: number;
}

export function correlate(timeline: readonly Event[], opts: CorrelateOptions): Findings {
  const snapshots = timeline.filter((e) => SNAPSHOT_KINDS.has(e.kind) && Number.isFinite(e.time.ms));
  const failures = oneKillOneFailure(findFailures(timeline)).map(({ event, requested_bytes, evidence }) => {
    const before = linkBefore(event, snapshots, opts.lookbackSeconds * 1000);
    const after = linkAfter(event, snapshots);
    const earlier = before ? null : linkEarlier(event, snapshots);
    const kill = killFacts(evidence);
    const { culprit, verdict } =
      (kill && judgeKill(kill, before, event, evidence)) ??
      judge({ failure: event, requested: requested_bytes, before, after, earlier, lookbackSeconds: opts.lookbackSeconds });
    return { event, requested_bytes, before, after, culprit, verdict, class: failureClass(event), kill, evidence };
  });
  const incidents = findIncidents(timeline, new Set(failures.map((f) => f.event)));
  const advice = adviseSettings(timeline, failures);
  return { failures, incidents, advice };
}

export type { Findings } from './types.js';
