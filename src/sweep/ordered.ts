// Output of a sweep's bundles in input order while they are produced side by side: the bundle
// whose turn it is writes through at once; a later one is held, up to a cap, and its producer
// then waits for its turn; a later one that ends with output held waits for it to be written (so
// its worker takes no new bundle: memory stays bounded however many bundles a sweep has). A failed
// write stops the output (the first error is kept for the caller) but lets every producer finish.

interface Held {
  chunks: string[];
  bytes: number;
  ended: boolean;
  /** Producers waiting for their bundle's turn (held past the cap, or ended with output held). */
  waiting: (() => void)[];
}

export class OrderedOutput {
  private turn = 0;
  private readonly held = new Map<number, Held>();
  /** Writes happen one after another, in the order they were queued; after a failed one, none. */
  private tail: Promise<void> = Promise.resolve();
  /** The first write that failed: later chunks are dropped and every producer let go. */
  error: unknown = null;

  constructor(
    private readonly write: (text: string) => Promise<void>,
    /** Characters held per waiting bundle before its producer is made to wait. */
    private readonly cap = 32 << 20,
  ) {}

  /** A chunk of bundle `id`'s output; resolves when its producer may go on. */
  async chunk(id: number, text: string): Promise<void> {
    if (this.error) return;
    if (id === this.turn) return this.queue(text);
    const h = this.holding(id);
    h.chunks.push(text);
    h.bytes += text.length;
    if (h.bytes >= this.cap) await new Promise<void>((resolve) => h.waiting.push(resolve));
  }

  /** Bundle `id` has no more output (also when it failed); resolves once its output is written. */
  async end(id: number): Promise<void> {
    const h = this.holding(id);
    h.ended = true;
    const wait = id !== this.turn && h.chunks.length > 0 ? new Promise<void>((resolve) => h.waiting.push(resolve)) : null;
    while (this.held.get(this.turn)?.ended) {
      this.held.delete(this.turn);
      this.turn++;
      const next = this.held.get(this.turn);
      if (!next) break;
      for (const text of next.chunks) void this.queue(text);
      next.chunks = [];
      next.bytes = 0;
      for (const go of next.waiting) go();
      next.waiting = [];
    }
    if (wait) await wait;
    await this.tail;
  }

  private holding(id: number): Held {
    let h = this.held.get(id);
    if (!h) {
      h = { chunks: [], bytes: 0, ended: false, waiting: [] };
      this.held.set(id, h);
    }
    return h;
  }

  private queue(text: string): Promise<void> {
    this.tail = this.tail
      .then(() => (this.error ? undefined : this.write(text)))
      .catch((err: unknown) => {
        this.error ??= err;
        for (const h of this.held.values()) {
          h.chunks = [];
          for (const go of h.waiting.splice(0)) go();
        }
      });
    return this.tail;
  }
}
