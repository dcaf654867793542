// What a format is: data plus two functions. `sniff` scores the first lines of a file or block;
// `create` returns a stateful line parser that emits Events through the context. Parsers never
// throw on input: a line they cannot read becomes `line.unrecognized`. A format declares what
// routes to it (syslog programs, shell commands) and what it emits: no other list names it.
import type { Event, EventDataMap, EventKind, EventTime, RawStamp } from '../event.js';
import type { Line } from '../read/lines.js';
import type { Clock } from '../time/clock.js';

export interface FormatContext {
  /** The path reports show for this input. */
  path: string;
  clock: Clock;
  emit(e: Event): void;
  /** Next input-order sequence number (stable ties on the timeline). */
  seq(): number;
  /** Metadata every event of this block carries (the transcript command, a container name). */
  meta?: Record<string, string>;
}

export interface LineParser {
  /** Every line of the input arrives here, blank ones included (they end blocks). */
  line(l: Line): void;
  /** The input ended: flush what is held. */
  end(): void;
}

/**
 * A line parser whose input can be cut into parts read in parallel (src/parse/split.ts). At a
 * restart line, a parser whose part before has ended (`end()`, `settled`) reads on exactly as one
 * that read everything, provided both carry the same state: so each part is checked to have
 * started with the state the part before it ended with, and read again when not.
 */
export interface SplitLineParser extends LineParser {
  /** A line the parser reads afresh: nothing before it matters but the carried state. */
  restartsAt(text: string): boolean;
  /** The state that lasts across records (the server's pid, prefix styles seen), as text. */
  carried(): string;
  carry(state: string): void;
  /** Whether the lines read so far gave a time (else what is held waits for the next part's). */
  settled(): boolean;
  /** Word groups of the lines that change the carried state: a part warms up from the last of each. */
  readonly carriedBy: readonly (readonly string[])[];
  /** Whether a line may change the carried state (a part's warm-up reads only these). */
  mayCarry(text: string): boolean;
}

export function isSplittable(p: LineParser): p is SplitLineParser {
  return typeof (p as Partial<SplitLineParser>).restartsAt === 'function';
}

export interface Format {
  /** kebab-case; the same word names the grammar, the adapter file and the fixture folder. */
  id: string;
  /** ECS `event.dataset` for its events. */
  dataset: string;
  /** How sure (0..1) that these first non-blank lines are this format. */
  sniff(lines: readonly string[]): number;
  create(ctx: FormatContext): LineParser;
  /** Real sample lines, each read alone by this format into one event of the kind given. */
  samples: readonly Sample[];
  /** Every kind its events can have (a test checks every fixture against it). */
  kinds: readonly EventKind[];
  /** Syslog / journal programs (tags) whose lines it reads: the syslog container routes them here. */
  programs?: RegExp;
  /** Shell commands whose output it reads (`free`, `cat /proc/meminfo`): a transcript routes it here. */
  commands?: readonly string[];
  /** Its parser can read a big file in parts on worker threads (it is a SplitLineParser). */
  parallel?: true;
}

/** A real line of a format and the kind of the one event it gives when read alone. */
export interface Sample {
  line: string;
  kind: EventKind;
}

/** A time not yet known: placed later by the dating stage. */
export const UNPLACED: EventTime = Object.freeze({ ms: Number.NaN, source: 'inferred' }) as EventTime;

/** Build an event with the common fields filled in. */
export function makeEvent<K extends EventKind>(
  ctx: FormatContext,
  format: string,
  kind: K,
  l: Line,
  message: string,
  data: EventDataMap[K],
  time: EventTime,
): Event {
  // every optional field is there from the start, so all events share one shape: the stages that
  // read millions of them (the collector, the timeline) stay fast
  return {
    kind,
    message,
    data,
    time,
    src: { path: ctx.path, line: l.no, lines: 1, offset: l.offset, format, truncated: l.truncated, uninterpreted: undefined },
    seq: ctx.seq(),
    level: undefined,
    process: undefined,
    meta: ctx.meta ? { ...ctx.meta } : undefined,
    pending: undefined,
  } as Event;
}

/** An unrecognized line: kept, counted, never dropped. */
export function unrecognized(ctx: FormatContext, format: string, l: Line, time: EventTime = UNPLACED): Event {
  const data: EventDataMap['line.unrecognized'] = l.truncated ? { truncated_bytes: l.truncated } : {};
  return makeEvent(ctx, format, 'line.unrecognized', l, l.text, data, time);
}

/** A stamp with a full date placed by the clock, or null when it needs inference. */
export function placeStamp(clock: Clock, s: RawStamp): EventTime {
  if (s.year === undefined || s.month === undefined || s.day === undefined) return UNPLACED;
  const ms = clock.instant(s as RawStamp & { year: number; month: number; day: number });
  return { ms, source: 'stamped' };
}
