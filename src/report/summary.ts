// The JSON summary (schema `oomtrail.summary/1`, CONTRACT.md): built from an Analysis as plain
// data, so the json reporter, the markdown and html reporters and tests all read the same thing.
import type { Analysis } from '../analyze.js';
import type { Event, MemoryTotals } from '../event.js';
import { episodesOf, listing } from './episode-summary.js';
import { explainSummary } from './explain-summary.js';

function at(a: Analysis, ms: number | null | undefined): string | null {
  return ms === null || ms === undefined || !Number.isFinite(ms) ? null : a.clock.iso(ms);
}

function ref(a: Analysis, e: Event, gap: number) {
  return { time: at(a, e.time.ms), path: e.src.path, line: e.src.line, gap_seconds: gap, time_source: e.time.source, action: e.kind };
}

const MEMORY_KEYS = ['total_bytes', 'used_bytes', 'free_bytes', 'available_bytes', 'buffers_bytes', 'cached_bytes', 'swap_total_bytes', 'swap_free_bytes'] as const;

/** All eight memory fields of the contract, null where the snapshot did not say. */
function memoryOf(m: MemoryTotals): Record<(typeof MEMORY_KEYS)[number], number | null> {
  return Object.fromEntries(MEMORY_KEYS.map((k) => [k, m[k] ?? null])) as Record<(typeof MEMORY_KEYS)[number], number | null>;
}

export function summary(a: Analysis) {
  const { listed, episodeOf, ids } = listing(a);
  return {
    schema: 'oomtrail.summary/1',
    timezone: a.clock.zone,
    bundle: a.identity.bundle,
    host: a.identity.host,
    inputs: a.inputs.map((i) => ({
      path: i.path,
      formats: i.formats,
      lines: i.lines,
      blank: i.blank,
      events: i.events,
      unrecognized: i.unrecognized,
      uninterpreted: i.uninterpreted,
      error: i.error,
    })),
    stats: a.stats,
    // every failure in no episode, the first and last of each (episodes[] counts the rest)
    failures: listed.map((i) => [a.failures[i], i] as const).map(([f, i]) => ({
      id: ids(i),
      ...(episodeOf.has(i) ? { episode: episodeOf.get(i) } : {}),
      time: at(a, f.event.time.ms),
      action: f.event.kind,
      path: f.event.src.path,
      line: f.event.src.line,
      message: f.event.message,
      time_source: f.event.time.source,
      requested_bytes: f.requested_bytes,
      before: f.before
        ? {
            ...ref(a, f.before.event, f.before.gap_seconds),
            memory: f.before.memory ? memoryOf(f.before.memory) : null,
            php_fpm: f.before.php_fpm,
            mysqld: f.before.mysqld,
            top: f.before.top_groups,
          }
        : null,
      after: f.after ? ref(a, f.after.event, f.after.gap_seconds) : null,
      culprit: f.culprit,
      culprit_evidence: f.source.culprit_evidence,
      culprit_distance_seconds: f.source.culprit_distance_seconds,
      culprit_confidence: f.source.culprit_confidence,
      verdict: f.verdict,
      verdict_from_before: f.verdict_from_before,
      class: f.class,
      ...(f.kill
        ? {
            victim: f.kill.victim,
            killer: f.kill.killer,
            scope: f.kill.scope,
            cgroup: f.kill.cgroup,
            limit_bytes: f.kill.limit_bytes,
            usage_bytes: f.kill.usage_bytes,
            evidence: f.evidence.map((e) => `${e.src.path}:${e.src.line}`),
          }
        : {}),
    })),
    episodes: episodesOf(a, (ms) => at(a, ms)),
    incidents: a.incidents.map((i) => ({
      start: at(a, i.start),
      end: at(a, i.end),
      failures: i.failures,
      deaths: i.deaths,
      restarts: i.restarts,
      outcome: i.outcome,
      recovered_at: at(a, i.recovered_at),
      downtime_seconds: i.downtime_seconds,
      config_changes: i.config_changes,
    })),
    advice: a.advice,
    ...explainSummary(a),
  };
}

export type Summary = ReturnType<typeof summary>;
