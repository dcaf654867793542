// Episodes: a run of failures of the same kind and cause (action, class, victim, culprit, scope)
// told by the same file, one after another with no other failure between, told once. A crash loop's 50,000 failed starts
// are one episode; reports then stay the same size whatever the count. Runs shorter than
// MIN_EPISODE stay single failures (two read fine as two). Pure: failures in, groups out.
import type { Failure } from './types.js';

export const MIN_EPISODE = 3;
/** How many member ids an episode lists: the first and last half of this. */
export const MEMBER_SAMPLE = 20;

export interface Episode {
  /** Index of the first and last member in the failures list (members are contiguous). */
  from: number;
  to: number;
  count: number;
}

/** What makes two failures the same episode. */
function keyOf(f: Failure): string {
  const victim = f.kill?.victim.name ?? f.event.process?.name ?? '';
  return [f.event.src.path, f.event.kind, f.class, victim, f.culprit ?? '', f.kill?.scope ?? ''].join('\0');
}

export function findEpisodes(failures: readonly Failure[]): Episode[] {
  const out: Episode[] = [];
  let from = 0;
  for (let i = 1; i <= failures.length; i++) {
    if (i < failures.length && keyOf(failures[i]) === keyOf(failures[from])) continue;
    if (i - from >= MIN_EPISODE) out.push({ from, to: i - 1, count: i - from });
    from = i;
  }
  return out;
}

/** The members an episode lists: all when few, else the first and last MEMBER_SAMPLE / 2. */
export function sampleMembers(ep: Episode): number[] {
  const half = MEMBER_SAMPLE / 2;
  const all = ep.count <= MEMBER_SAMPLE;
  const idx: number[] = [];
  for (let i = ep.from; i <= ep.to; i++) {
    if (all || i < ep.from + half || i > ep.to - half) idx.push(i);
    else i = ep.to - half; // jump to the tail
  }
  return idx;
}
