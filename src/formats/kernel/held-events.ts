// Events a line parser has made but may still change (a kill waiting for its `Killed process`
// line, a dump block still growing) wait here and leave in input order once nothing pins them.
// While no line has given a time yet, the unstamped ones wait for the first time to borrow it.
import type { Event, EventTime, PendingTime } from '../../event.js';

/** Events held back while no line has given a time yet, at most. */
const HOLD_LIMIT = 10_000;

export class HeldEvents {
  private held: Event[] = [];
  private known = false;

  constructor(private readonly emit: (e: Event) => void) {}

  push(e: Event): void {
    this.held.push(e);
  }

  /** The first time (or pending stamp) the input gives: unplaced events before it take it. */
  learn(time: EventTime, pending: PendingTime | undefined): void {
    if (this.known) return;
    this.known = true;
    for (const e of this.held) {
      if (Number.isFinite(e.time.ms) || e.pending) continue;
      e.time = { ms: time.ms, source: 'inferred', note: "unstamped line before the first stamped line; that line's time" };
      if (pending) e.pending = { ...pending };
    }
  }

  /** Emit what can no longer change, in input order: up to the first pinned event, keeping the newest. */
  flush(pinned: (e: Event) => boolean): void {
    if (!this.known && this.held.length < HOLD_LIMIT) return;
    let n = 0;
    while (this.held.length - n > 1 && !pinned(this.held[n])) this.emit(this.held[n++]);
    if (n > 0) this.held.splice(0, n);
  }

  /** The input ended: emit everything. */
  drain(): void {
    for (const e of this.held) this.emit(e);
    this.held = [];
  }
}
