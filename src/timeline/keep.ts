// What an analysis keeps of the events read, one strategy per `keep` option: `all` keeps every
// event (--verbose, tests); `report` folds routine repeats on arrival and reads a big plain log in
// parts at once (their events fold anyway); `stream` folds too and plans reading the inputs again
// for the whole timeline in order (NDJSON, replay.ts), noting per input whether its events came in
// time order and whether dating moved any of them. The strategy owns what it keeps; analyze.ts
// only tells it when an input starts and ends.
import type { Event } from '../event.js';
import type { InputStats } from '../parse/drive.js';
import type { SplitCounts, SplitOptions } from '../parse/split.js';
import type { Source } from '../read/sources.js';
import type { ReplayPlan } from '../replay.js';
import type { Clock } from '../time/clock.js';
import { Collector } from './collect.js';
import { inWindow } from './merge.js';
import { OrderCheck } from './order.js';

export type KeepMode = 'all' | 'report' | 'stream';

export interface KeepContext {
  clock: Clock;
  since?: number;
  until?: number;
  as?: string;
  /** With `report`: how a big plain log is read in parts at once. */
  parts?: { threads?: number; minBytes?: number; inProcess?: boolean; counts?: SplitCounts };
  /** The next sequence numbers, shared with the parser (parts take a block of them). */
  seq: { next: number };
}

/** One strategy: the collector it fills, and what it needs to know per input. */
export class Keep {
  readonly collector: Collector;
  /** With `stream`: how to read the inputs again (replay.ts). */
  readonly plan: ReplayPlan | undefined;
  /** With `report`: read big plain logs in parts at once. */
  readonly split: SplitOptions | undefined;
  /** Per input of a stream plan: its order check, and the times its kept events came with. */
  private readonly arrivals: { check: OrderCheck; kept: Map<Event, number> }[] = [];

  constructor(
    mode: KeepMode,
    private readonly ctx: KeepContext,
  ) {
    const streaming = mode === 'stream';
    this.collector = new Collector({ fold: mode === 'report' || streaming, clock: ctx.clock, since: ctx.since, until: ctx.until });
    this.plan = streaming ? { inputs: [], finals: new Map(), as: ctx.as, since: ctx.since, until: ctx.until } : undefined;
    this.split =
      mode === 'report'
        ? {
            zone: ctx.clock.zone,
            since: ctx.since,
            until: ctx.until,
            ...ctx.parts,
            absorb: (part, path) => this.collector.absorb(part, path),
            skipSeq: (n) => {
              const first = ctx.seq.next;
              ctx.seq.next += n;
              return first;
            },
          }
        : undefined;
  }

  /** An input starts: returns where its events go. */
  startInput(source: Source): (e: Event) => void {
    // an input that cannot be read again (stdin, an archive's entry) keeps all its events for a stream plan
    const again = source.path !== '-' && !source.once;
    this.collector.startSource({ fold: !this.plan || again });
    if (!this.plan) return this.collector.add;
    const arrival = { check: new OrderCheck(), kept: new Map<Event, number>() };
    this.arrivals.push(arrival);
    this.plan.inputs.push({ source, seqBase: this.ctx.seq.next, seqCount: 0, mode: again ? 'stream' : 'kept', release: again ? source.hold?.() : undefined });
    const { since, until } = this.ctx;
    return (e) => {
      if (inWindow(e, since, until)) arrival.check.arrive(e.time.ms, e.seq);
      const n = this.collector.events.length;
      this.collector.add(e);
      if (this.collector.events.length > n) arrival.kept.set(e, e.time.ms);
    };
  }

  /** The input ended (`stats.cut`: it was read only so far). */
  endInput(stats: InputStats): void {
    this.collector.endSource();
    if (!this.plan) return;
    const input = this.plan.inputs[this.plan.inputs.length - 1];
    input.seqCount = this.ctx.seq.next - input.seqBase;
    if (stats.cut) input.lines = stats.lines; // read again only as far
  }

  /** After dating: an input is read again in near time order only if no time of it moved. */
  settle(): void {
    if (!this.plan) return;
    for (const [i, input] of this.plan.inputs.entries()) {
      if (input.mode === 'kept') continue;
      const { check, kept: came } = this.arrivals[i];
      let moved = false;
      for (const [e, ms] of came) {
        this.plan.finals.set(e.seq, e);
        if (!Object.is(e.time.ms, ms)) moved = true;
      }
      input.mode = !moved && check.ordered() ? 'stream' : 'sort';
    }
  }
}
