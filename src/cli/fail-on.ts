// --fail-on: a comma list of event kinds (`kernel.oom_kill`), kind families (`kernel.*`) or
// `failure` (any memory failure, as the summary counts them). Exit 1 when any is found.
import { EVENT_KINDS } from '../event.js';

export type FailOn = string[];

const ITEM = /^(?:failure|[a-z][a-z0-9_]*\.(?:\*|[a-z0-9_]+(?:\.[a-z0-9_]+)*))$/;

/** Is this a kind oomtrail emits, or a family of some? A typo would make a CI gate never fire. */
function known(item: string): boolean {
  if (item === 'failure') return true;
  if (item.endsWith('.*')) return EVENT_KINDS.some((k) => k.startsWith(item.slice(0, -1)));
  return (EVENT_KINDS as readonly string[]).includes(item);
}

/** The parsed list, or the first item that is not a known kind, a family or `failure`. */
export function parseFailOn(spec: string | undefined): { items: FailOn } | { bad: string } {
  const items = (spec ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const bad = items.find((i) => !ITEM.test(i) || !known(i));
  return bad !== undefined ? { bad } : { items };
}

export function failOnMatched(items: FailOn, failures: number, kinds: Readonly<Record<string, number>>): boolean {
  return items.some((k) => {
    if (k === 'failure') return failures > 0;
    if (k.endsWith('.*')) return Object.keys(kinds).some((kind) => kind.startsWith(k.slice(0, -1)) && kinds[kind] > 0);
    return (kinds[k] ?? 0) > 0;
  });
}

/** What matched, for stderr: `failure (2 memory failures), mysql.abort (3 events)`; empty when nothing did. */
export function failOnMatches(items: FailOn, failures: number, kinds: Readonly<Record<string, number>>): string[] {
  const out: string[] = [];
  for (const k of items) {
    if (k === 'failure') {
      if (failures > 0) out.push(`failure (${failures} memory failure${failures === 1 ? '' : 's'})`);
      continue;
    }
    const hits = Object.keys(kinds).filter((kind) => (k.endsWith('.*') ? kind.startsWith(k.slice(0, -1)) : kind === k) && kinds[kind] > 0);
    for (const kind of hits) out.push(`${kind} (${kinds[kind]} event${kinds[kind] === 1 ? '' : 's'})`);
  }
  return [...new Set(out)];
}
