// The whole timeline, event by event in time order, without holding every event: for NDJSON. The
// analysis (keep 'stream') folded the routine lines and said, per input, how it can be read again:
// in near time order through a small buffer ('stream', read alongside the others and merged),
// whole and sorted ('sort': its times moved in dating, or it is out of order), or not at all
// ('kept': stdin, whose events the analysis kept). Events the analysis kept come back as it left
// them (dated, calibrated); the rest have the times they were read with.
import type { Analysis } from './analyze.js';
import type { Event } from './event.js';
import { driveSource } from './parse/drive.js';
import type { Source } from './read/sources.js';
import { byTime, inWindow } from './timeline/merge.js';
import { MinHeap, REORDER, SortedWindow } from './timeline/order.js';

export interface ReplayInput {
  source: Source;
  /** The first sequence number its events took, and how many. */
  seqBase: number;
  seqCount: number;
  mode: 'stream' | 'sort' | 'kept';
  /** Lines the analysis read of it when it was cut (its budget): it is read again only as far. */
  lines?: number;
  /** Lets go of the file the analysis kept open to read again (read/file-source.ts). */
  release?: () => void;
}

export interface ReplayPlan {
  inputs: ReplayInput[];
  /** The events the analysis kept, by sequence number, as the dating stage left them. */
  finals: Map<number, Event>;
  /** --as, --since / --until (epoch ms). */
  as?: string;
  since?: number;
  until?: number;
}

/** Events handed out to the consumer are held at most this far ahead of it, per input. */
const AHEAD = 4096;

/** One input's events in time order, read as the consumer takes them. */
class Pump {
  private ready: Event[] = [];
  private head = 0;
  private finished = false;
  private wake: (() => void) | null = null;
  private resume: (() => void) | null = null;

  static sorted(events: Event[]): Pump {
    const p = new Pump();
    p.ready = events;
    p.finished = true;
    return p;
  }

  /** Reads the input, giving back its events through a REORDER buffer (`ordered`) or all at once, sorted. */
  static read(input: ReplayInput, a: Analysis, plan: ReplayPlan, ordered: boolean): Pump {
    const p = new Pump();
    const heap = new SortedWindow<Event>(byTime);
    const all: Event[] = [];
    let seq = input.seqBase;
    const emit = (e: Event) => {
      const f = plan.finals.get(e.seq) ?? e;
      if (!inWindow(f, plan.since, plan.until)) return;
      if (!ordered) {
        all.push(f);
        return;
      }
      heap.push(f);
      if (heap.size > REORDER) p.give(heap.shift() as Event);
    };
    const pace = () => (ordered && p.ready.length - p.head > AHEAD ? new Promise<void>((r) => (p.resume = r)) : undefined);
    const most = input.lines;
    const cut = most === undefined ? undefined : (n: number) => (n >= most ? 'cut' : undefined);
    void driveSource(input.source, { clock: a.clock, as: plan.as, seq: () => seq++, emit, pace, cut }).then(() => {
      input.release?.();
      if (ordered) while (heap.size > 0) p.give(heap.shift() as Event);
      else p.ready = all.sort(byTime);
      p.finished = true;
      p.wake?.();
    });
    return p;
  }

  private give(e: Event): void {
    this.ready.push(e);
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** Wait until an event is ready or the input is read: false when none is left. */
  async fill(): Promise<boolean> {
    while (this.head >= this.ready.length) {
      if (this.finished) return false;
      await new Promise<void>((r) => (this.wake = r));
    }
    return true;
  }

  /** The next event if one is ready now (undefined: call fill() first). */
  take(): Event | undefined {
    if (this.head >= this.ready.length) return undefined;
    const e = this.ready[this.head++];
    if (this.head >= AHEAD && !this.finished) {
      this.ready = this.ready.slice(this.head);
      this.head = 0;
    }
    if (this.resume && this.ready.length - this.head <= AHEAD / 2) {
      const r = this.resume;
      this.resume = null;
      r();
    }
    return e;
  }
}

/** Every event of the analysis's timeline, in its order (byTime), reading the inputs again: in batches. */
export async function* replay(a: Analysis, plan: ReplayPlan): AsyncGenerator<Event[]> {
  const pumps = plan.inputs.map((input) => {
    if (input.mode !== 'kept') return Pump.read(input, a, plan, input.mode === 'stream');
    const mine = a.events.filter((e) => e.seq >= input.seqBase && e.seq < input.seqBase + input.seqCount);
    return Pump.sorted(mine);
  });
  const heads = new MinHeap<{ e: Event; p: Pump }>((x, y) => byTime(x.e, y.e));
  const next = async (p: Pump) => {
    const e = p.take() ?? ((await p.fill()) ? p.take() : undefined);
    if (e) heads.push({ e, p });
  };
  for (const p of pumps) await next(p);
  let batch: Event[] = [];
  while (heads.size > 0) {
    const top = heads.pop() as { e: Event; p: Pump };
    batch.push(top.e);
    if (batch.length >= 1024) {
      yield batch;
      batch = [];
    }
    // the usual case, one input: take its ready events without a heap round or a wait
    const e = top.p.take();
    if (e) heads.push({ e, p: top.p });
    else await next(top.p);
  }
  if (batch.length > 0) yield batch;
}
