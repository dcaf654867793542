// English for a failure's structured facts (who acted, on whom, what was asked): the one place
// verdicts and narratives get their words from, so a new killer reads "earlyoom killed mysqld
// (pid 1234)" with no sentence edited. Facts come from the kind's row (src/kinds.ts) and the event.
import type { Event } from '../event.js';
import { type Actor, type FailureClass, type Scope, KINDS, actorOf, scopeOf } from '../kinds.js';

export interface FailureFacts {
  class: FailureClass;
  actor: Actor;
  /** null: the report does not say whether the host or a cgroup ran out. */
  scope: Scope | null;
  /** The process killed (kills), or the server that failed to get memory. */
  process: { name: string | null; pid: number | null };
  requested: number | null;
}

export function failureFacts(e: Event, requested: number | null): FailureFacts {
  const f = KINDS[e.kind].failure;
  return { class: f?.class ?? 'allocation', actor: actorOf(e) ?? 'server', scope: f ? scopeOf(e) : 'global', process: { name: e.process?.name ?? null, pid: e.process?.pid ?? null }, requested };
}

/** How an actor is named; one with no entry is named by its id (`earlyoom`, `systemd-oomd`). */
interface ActorWords {
  /** As a sentence's subject ("the kernel"); `proper` names keep their case at a sentence start. */
  subject: string;
  proper: boolean;
  /** A longer name for a narrative ("the kernel's OOM killer"). */
  long?: string;
  /** What made it act, said before "killed" in a verdict's opening ("ran out of memory and"). */
  why?: string;
}

const ACTORS: Partial<Record<Actor, ActorWords>> = {
  kernel: { subject: 'the kernel', proper: false, long: "the kernel's OOM killer", why: 'ran out of memory and' },
  // reporters of a kill the kernel made: they did not kill (issue 13)
  systemd: { subject: 'the OOM killer (as systemd reported)', proper: false },
  'container-runtime': { subject: 'the OOM killer (as Docker reported)', proper: false },
  kubelet: { subject: 'the OOM killer (as Kubernetes reported)', proper: false },
};

function words(a: Actor): ActorWords {
  return ACTORS[a] ?? { subject: a, proper: true };
}

function sentenceStart(s: string, proper: boolean): string {
  return proper ? s : s.charAt(0).toUpperCase() + s.slice(1);
}

export function humanBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${Math.round(n / 1024 ** 2)} MiB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KiB`;
  return `${n} B`;
}

/** `php-fpm (pid 7082)`. */
function victim(f: FailureFacts): string {
  return `${f.process.name ?? 'a process'}${f.process.pid !== null ? ` (pid ${f.process.pid})` : ''}`;
}

function isKill(f: FailureFacts): boolean {
  return f.class === 'oom_kill';
}

/** `mysqld asked for 131 MiB` / `the kernel killed php-fpm (pid 7082)`: a clause inside a verdict. */
export function whatFailed(f: FailureFacts): string {
  if (isKill(f)) return `${words(f.actor).subject} killed ${victim(f)}`;
  return `${f.process.name ?? 'mysqld'} ${f.requested ? `asked for ${humanBytes(f.requested)}` : 'failed to get memory'}`;
}

/** A kill at the start of a verdict: `The kernel ran out of memory and killed php-fpm (pid 7082)`. */
export function killOpening(f: FailureFacts): string {
  const w = words(f.actor);
  return `${sentenceStart(w.subject, w.proper)} ${w.why ? `${w.why} ` : ''}killed ${victim(f)}`;
}

/** A failure as a narrative says it: `the kernel's OOM killer killed mysqld (pid 7)`. */
export function narrateFailure(f: FailureFacts): string {
  if (isKill(f)) {
    const w = words(f.actor);
    return `${w.long ?? w.subject} killed ${victim(f)}`;
  }
  const what = f.class === 'buffer_pool' ? ' for its InnoDB buffer pool' : '';
  return `${f.process.name ?? 'mysqld'} could not get ${f.requested ? humanBytes(f.requested) : 'memory'}${what}`;
}
