// Sweep output in input order while bundles are produced side by side (src/sweep/ordered.ts): the
// bundle whose turn it is writes through, later ones are held up to a cap and then wait.
import { describe, expect, it } from 'vitest';
import { OrderedOutput } from '../src/sweep/ordered.js';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('OrderedOutput', () => {
  it('writes bundles in input order whatever order their chunks come in', async () => {
    const written: string[] = [];
    const out = new OrderedOutput(async (t) => void written.push(t));
    await out.chunk(2, 'c1');
    await out.chunk(1, 'b1');
    await out.chunk(0, 'a1');
    const ending2 = out.end(2);
    await out.chunk(1, 'b2');
    await out.chunk(0, 'a2');
    expect(written).toEqual(['a1', 'a2']);
    await out.end(0);
    expect(written).toEqual(['a1', 'a2', 'b1', 'b2']);
    await out.chunk(1, 'b3');
    await out.end(1);
    await ending2;
    expect(written).toEqual(['a1', 'a2', 'b1', 'b2', 'b3', 'c1']);
  });

  it('makes a later bundle wait past the cap, and lets it go on its turn', async () => {
    const written: string[] = [];
    const out = new OrderedOutput(async (t) => void written.push(t), 4);
    let goneOn = false;
    await out.chunk(1, 'xx');
    const waiting = out.chunk(1, 'yy').then(() => {
      goneOn = true;
    });
    await tick();
    expect(goneOn).toBe(false);
    await out.chunk(0, 'a');
    await tick();
    expect(goneOn).toBe(false);
    await out.end(0);
    await waiting;
    expect(goneOn).toBe(true);
    expect(written).toEqual(['a', 'xx', 'yy']);
  });

  it('holds the end of a later bundle with output until it is written, not one without', async () => {
    const out = new OrderedOutput(async () => {});
    let ended = false;
    await out.chunk(1, 'b');
    const ending = out.end(1).then(() => {
      ended = true;
    });
    let emptyEnded = false;
    const empty = out.end(2).then(() => {
      emptyEnded = true;
    });
    await tick();
    expect(ended).toBe(false);
    expect(emptyEnded).toBe(true);
    await out.end(0);
    await ending;
    await empty;
    expect(ended).toBe(true);
  });

  it('after a failed write keeps the first error, writes nothing more and lets waiting producers go', async () => {
    const written: string[] = [];
    const out = new OrderedOutput(async (t) => {
      if (t === 'boom') throw new Error('ENOSPC');
      written.push(t);
    }, 6);
    await out.chunk(1, 'xxxx');
    const waiting = out.chunk(1, 'yyyy');
    await out.chunk(0, 'a');
    await out.chunk(0, 'boom');
    await out.chunk(0, 'b');
    await waiting;
    await out.end(0);
    await out.end(1);
    expect(written).toEqual(['a']);
    expect((out.error as Error).message).toBe('ENOSPC');
  });
});
