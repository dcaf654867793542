// Putting a nearly ordered stream of events in time order with a bounded buffer: it holds the
// last REORDER events and gives back the earliest each time it overflows. A log's events come in
// time order but for a few held back (a record open while other lines pass), so a small buffer
// orders them; OrderCheck says beforehand whether a stream is that kind (the same arrivals
// through the same buffer never give back an event earlier than one already given).
import type { Event } from '../event.js';
import { byTime } from './merge.js';

/** How many events the buffer holds. */
export const REORDER = 4096;

/** A binary min-heap. */
export class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly before: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  push(x: T): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.before(a[i], a[p]) >= 0) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }

  peek(): T | undefined {
    return this.items[0];
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.before(a[l], a[m]) < 0) m = l;
        if (r < a.length && this.before(a[r], a[m]) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * A buffer kept sorted: an arrival at or after the last one (the usual case) is appended, an
 * earlier one inserted where it belongs; the earliest leaves first.
 */
export class SortedWindow<T> {
  private items: T[] = [];
  private head = 0;

  constructor(private readonly before: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length - this.head;
  }

  push(x: T): void {
    const a = this.items;
    if (a.length === this.head || this.before(a[a.length - 1], x) <= 0) {
      a.push(x);
      return;
    }
    let lo = this.head;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.before(a[mid], x) <= 0) lo = mid + 1;
      else hi = mid;
    }
    a.splice(lo, 0, x);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const x = this.items[this.head++];
    if (this.head >= 4096 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return x;
  }
}

/** An event's place in time order: its time (unknown last) and input order. */
interface Key {
  ms: number;
  seq: number;
}

function keyOrder(a: Key, b: Key): number {
  return byTime({ time: { ms: a.ms }, seq: a.seq } as Event, { time: { ms: b.ms }, seq: b.seq } as Event);
}

/** Whether a stream of arrivals comes out in order through a buffer of REORDER events. */
export class OrderCheck {
  private readonly heap = new SortedWindow<Key>(keyOrder);
  private last: Key | null = null;
  private broken = false;

  arrive(ms: number, seq: number): void {
    if (this.broken) return;
    this.heap.push({ ms, seq });
    if (this.heap.size > REORDER) this.give();
  }

  private give(): void {
    const k = this.heap.shift() as Key;
    if (this.last && keyOrder(k, this.last) < 0) this.broken = true;
    this.last = k;
  }

  /** True when every arrival came out in order (call once, at the end). */
  ordered(): boolean {
    while (!this.broken && this.heap.size > 0) this.give();
    return !this.broken;
  }
}
