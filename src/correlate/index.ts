// The correlator: a pure function from the timeline to findings. No I/O, no clock.
import { type Event, SNAPSHOT_KINDS } from '../event.js';
import { accountFor } from './accounting.js';
import { adviseSettings } from './advice.js';
import { failureClass } from '../kinds.js';
import { rateAdvice } from './advice-confidence.js';
import { fromBefore, fromRelease, releaseSentence } from './culprit-evidence.js';
import { leakAdvice } from './leak-advice.js';
import { groupOf } from './processes.js';
import { findReleases } from './releases.js';
import { memorySeries } from './series.js';
import { findTrends, runsOf } from './trends.js';
import { findEpisodes } from './episodes.js';
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
  const series = memorySeries(timeline);
  const releases = findReleases(series, timeline);
  const failures = oneKillOneFailure(findFailures(timeline)).map(({ event, requested_bytes, evidence }) => {
    const before = linkBefore(event, snapshots, opts.lookbackSeconds * 1000);
    const after = linkAfter(event, snapshots);
    const earlier = before ? null : linkEarlier(event, snapshots);
    const kill = killFacts(evidence);
    const judged =
      (kill && judgeKill(kill, before, event, evidence)) ??
      judge({ failure: event, requested: requested_bytes, before, after, earlier, lookbackSeconds: opts.lookbackSeconds });
    const released = !judged.culprit && !before ? fromRelease(event, releases) : null;
    const source = released ?? fromBefore(event, judged.culprit, before);
    // a cgroup kill's culprit comes from the cgroup's own state (its task table, else the victim)
    if (kill?.scope === 'cgroup' && source.culprit && source.culprit_evidence !== 'kernel_table') source.culprit_evidence = 'cgroup';
    return {
      event,
      requested_bytes,
      before,
      after,
      culprit: source.culprit,
      verdict: judged.verdict + releaseSentence(source),
      verdict_from_before: judged.verdict,
      source,
      class: failureClass(event),
      kill,
      evidence,
    };
  });
  const incidents = findIncidents(timeline, new Set(failures.map((f) => f.event)));
  const trends = findTrends(runsOf(series, timeline, releases), groupOf);
  const advice = rateAdvice([...adviseSettings(timeline, failures), ...leakAdvice(trends, timeline)], series, failures.map((f) => f.event));
  return { failures, episodes: findEpisodes(failures), incidents, advice, accounting: accountFor(series), releases, trends };
}

export type { Findings } from './types.js';
