// The summary's side of episodes (CONTRACT.md, Additions): `episodes[]` with counts, first and
// last times and a bounded sample of member ids; which failures `failures[]` lists (every one in
// no episode, the first and last of each); and a failure's episode id. Built once per Analysis.
import type { Analysis } from '../analyze.js';
import { type Episode, sampleMembers } from '../correlate/episodes.js';
import { failureId } from '../correlate/failure-id.js';
import type { Event } from '../event.js';

/** A failure's stable id (correlate/failure-id.ts): its bundle, its file relative to the bundle, its event. */
function fid(a: Analysis, e: Event): string {
  return failureId(a.identity.bundle, a.identity.roots.relative(e.src.path), e);
}

export interface Listing {
  /** Indices into `a.failures` that `failures[]` lists, in order. */
  listed: number[];
  /** Failure index → its episode's id, for the first and last members. */
  episodeOf: Map<number, string>;
  ids: (i: number) => string;
}

const cache = new WeakMap<Analysis, Listing>();

export function listing(a: Analysis): Listing {
  const had = cache.get(a);
  if (had) return had;
  const ids = (i: number) => fid(a, a.failures[i].event);
  const episodeOf = new Map<number, string>();
  const listed: number[] = [];
  let e = 0; // episodes are in order and do not overlap
  for (let i = 0; i < a.failures.length; i++) {
    const ep = a.episodes[e];
    if (ep && i === ep.from) {
      const id = episodeId(a, ep);
      episodeOf.set(ep.from, id);
      episodeOf.set(ep.to, id);
      listed.push(ep.from, ep.to); // the members between are counted, not listed
      i = ep.to;
      e++;
    } else listed.push(i);
  }
  const out = { listed, episodeOf, ids };
  cache.set(a, out);
  return out;
}

const firsts = new WeakMap<Analysis, Map<string, number>>();

/** How many episodes open with each failure id (copies of one log open with the same). */
function firstIds(a: Analysis): Map<string, number> {
  let m = firsts.get(a);
  if (!m) {
    m = new Map();
    for (const ep of a.episodes) {
      const id = fid(a, a.failures[ep.from].event);
      m.set(id, (m.get(id) ?? 0) + 1);
    }
    firsts.set(a, m);
  }
  return m;
}

/** `ep-<first member's id>`, with the file's name when two files tell the same first failure. */
function episodeId(a: Analysis, ep: Episode): string {
  const first = a.failures[ep.from].event;
  const p = first.src.path;
  const name = p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf(':')) + 1);
  return (firstIds(a).get(fid(a, first)) ?? 0) > 1 ? `ep-${fid(a, first)}-${name}` : `ep-${fid(a, first)}`;
}

/** `episodes[]` of the summary. */
export function episodesOf(a: Analysis, iso: (ms: number) => string | null) {
  return a.episodes.map((ep) => {
    const first = a.failures[ep.from];
    const last = a.failures[ep.to];
    const span = last.event.time.ms - first.event.time.ms;
    return {
      id: episodeId(a, ep),
      class: first.class,
      action: first.event.kind,
      count: ep.count,
      first: iso(first.event.time.ms),
      last: iso(last.event.time.ms),
      interval_seconds: Number.isFinite(span) ? Math.round(span / (ep.count - 1) / 1000) : null,
      scope: first.kill?.scope ?? null,
      victim: first.kill?.victim ?? (first.event.process?.name ? { pid: first.event.process.pid ?? null, name: first.event.process.name } : null),
      culprit: first.culprit,
      verdict: first.verdict,
      first_failure: fid(a, first.event),
      last_failure: fid(a, last.event),
      members: sampleMembers(ep).map((i) => fid(a, a.failures[i].event)),
    };
  });
}

/** How many failures a summary stands for: every episode's count plus those in none. */
export function failureTotal(s: { failures: readonly { episode?: string | null }[]; episodes?: readonly { count: number }[] }): number {
  return s.failures.filter((f) => !f.episode).length + (s.episodes ?? []).reduce((n, ep) => n + ep.count, 0);
}
