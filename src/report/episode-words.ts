// Episodes in words, for every reporter: which listed failure opens an episode (its line says how
// many, from when to when, how often) and which closes one (told by the opener, so not repeated);
// how many failures a summary stands for. Reporters stay the same size whatever the count.
import { humanDuration } from '../correlate/verdict.js';
import { failureTotal } from './episode-summary.js';
import { type Report, wallOf } from './model.js';

type Summary = Report['summary'];
type Listed = Summary['failures'][number];
export type EpisodeJson = Summary['episodes'][number];

export { failureTotal };

const byId = new WeakMap<Summary, Map<string, EpisodeJson>>();

function episodeOf(s: Summary, f: Listed): EpisodeJson | undefined {
  if (!('episode' in f) || !f.episode) return undefined;
  let m = byId.get(s);
  if (!m) byId.set(s, (m = new Map(s.episodes.map((ep) => [ep.id, ep]))));
  return m.get(f.episode);
}

/** The episode a listed failure opens, if it is the first member of one. */
export function opens(s: Summary, f: Listed): EpisodeJson | undefined {
  const ep = episodeOf(s, f);
  return ep && ep.first_failure === f.id ? ep : undefined;
}

/** True for the last member of an episode: its opener already tells of it. */
export function closes(s: Summary, f: Listed): boolean {
  const ep = episodeOf(s, f);
  return ep !== undefined && ep.last_failure === f.id && ep.first_failure !== f.id;
}

/** How many failures a listed one stands for: an episode's count for its opener, 0 for its closer, else 1. */
export function weight(s: Summary, f: Listed): number {
  if (closes(s, f)) return 0;
  return opens(s, f)?.count ?? 1;
}

/** `5,000 times from 2026-05-01 00:00:03 to 2026-05-07 22:41:10, one every ~2 s; the last at mysqld.err:44992`. */
export function episodeLine(ep: EpisodeJson, where?: string): string {
  const every = ep.interval_seconds !== null ? `, one every ~${humanDuration(Math.max(1, ep.interval_seconds))}` : '';
  return `${ep.count.toLocaleString('en-US')} times from ${wallOf(ep.first)} to ${wallOf(ep.last)}${every}${where ? `; the last at ${where}` : ''}`;
}

/** The listed failure that closes an episode (for its file and line). */
export function closerOf(s: Summary, ep: EpisodeJson): Listed | undefined {
  let m = listedById.get(s);
  if (!m) listedById.set(s, (m = new Map(s.failures.map((f) => [f.id, f]))));
  return m.get(ep.last_failure);
}

const listedById = new WeakMap<Summary, Map<string, Listed>>();
