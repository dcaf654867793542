// Counts the bytes of a source as it is read, for the progress bar. Counts are capped at the
// size on disk (a gzip file yields more bytes than it holds) and topped up to it at the end, so
// the sum over all sources matches the total the bar was given.
import type { Source } from './sources.js';

export function counted(src: Source, onBytes: (n: number) => void): Source {
  return {
    ...src,
    async *open() {
      let credited = 0;
      const credit = (n: number) => {
        const room = src.size === undefined ? n : Math.max(0, Math.min(n, src.size - credited));
        if (room > 0) {
          credited += room;
          onBytes(room);
        }
      };
      try {
        for await (const chunk of src.open()) {
          credit(chunk.length);
          yield chunk;
        }
      } finally {
        if (src.size !== undefined) credit(src.size - credited);
      }
    },
  };
}
