// Events a line parser has made but not yet emitted: the record still open to continuation lines
// (a stack trace, `Version: ...`), and the undated events before the file's first time, which take
// that time once it is known. Shared by the line parsers so each keeps only its own grammar logic.
import type { Event, EventTime } from '../event.js';
import { UNPLACED } from './types.js';

const BEFORE_FIRST = 'unstamped line before the first stamp; time of the next stamped line';

export class RecordQueue {
  /** The latest time read; unstamped lines inherit it. */
  last: EventTime | null = null;
  /** The open record, if any. */
  pending: Event | null = null;
  private anchored = false;
  private leading: Event[] = [];

  constructor(private readonly emit: (e: Event) => void) {}

  /** A new record opens; the one before is complete. */
  push(e: Event): void {
    this.flush();
    this.pending = e;
  }

  /** An event outside the record structure (another program's syslog line). */
  beside(e: Event): void {
    if (this.anchored) this.emit(e);
    else this.leading.push(e);
  }

  /**
   * A time was read (or a stamp only the dating stage can place, when `time` is absent): the
   * events held before it take it, and from now on complete records are emitted at once.
   */
  dated(time?: EventTime): void {
    if (time) this.last = time;
    if (this.anchored) return;
    this.flush();
    this.anchored = true;
    for (const e of this.leading) {
      if (time && !Number.isFinite(e.time.ms) && !e.pending) e.time = { ms: time.ms, source: 'inferred', note: BEFORE_FIRST };
      this.emit(e);
    }
    this.leading = [];
  }

  /** Whether a time has been read (events are no longer held for the first one). */
  get settled(): boolean {
    return this.anchored;
  }

  inherit(): EventTime {
    return this.last ? { ms: this.last.ms, source: 'inherited' } : UNPLACED;
  }

  /** Close the open record. */
  flush(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    if (this.anchored) this.emit(p);
    else this.leading.push(p);
  }

  /** The input ended: emit everything held. */
  end(): void {
    this.flush();
    for (const e of this.leading) this.emit(e);
    this.leading = [];
  }
}
