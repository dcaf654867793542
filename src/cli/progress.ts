// The progress bar (cli-progress) on stderr: bytes read of bytes on disk. Off when stderr is not
// a TTY, under CI, or with --no-progress; shown only once reading has taken more than a moment,
// so quick runs never flash a bar. The total is a stat walk of the inputs (hidden entries skipped).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { humanBytes } from '../correlate/verdict.js';

export interface Progress {
  add(n: number): void;
  stop(): void;
}

const NONE: Progress = { add() {}, stop() {} };
export const PROGRESS_DELAY_MS = 400;

export function progressWanted(flag: boolean, stderr: NodeJS.WritableStream, env: NodeJS.ProcessEnv): boolean {
  return flag && (stderr as NodeJS.WriteStream).isTTY === true && !env.CI;
}

/** Bytes on disk under the inputs (files, folders walked; `-` counts nothing). */
export async function totalBytes(inputs: readonly string[]): Promise<number> {
  let total = 0;
  const seen = new Set<string>();
  const visit = async (p: string): Promise<void> => {
    try {
      const st = await fs.stat(p);
      if (st.isFile()) total += st.size;
      else if (st.isDirectory()) {
        const real = await fs.realpath(p);
        if (seen.has(real)) return;
        seen.add(real);
        for (const name of await fs.readdir(p)) if (!name.startsWith('.')) await visit(path.join(p, name));
      }
    } catch {
      // unreadable: the analysis reports it
    }
  };
  for (const i of inputs) if (i !== '-') await visit(i);
  return total;
}

export function startProgress(stderr: NodeJS.WritableStream, total: number, label: string): Progress {
  if (total <= 0) return NONE;
  let value = 0;
  let bar: SingleBar | null = null;
  const timer = setTimeout(() => {
    bar = new SingleBar({
      stream: stderr,
      format: `${label} [{bar}] {percentage}% | {value} of {total} | {duration_formatted}`,
      formatValue: (v, _o, type) => (type === 'value' || type === 'total' ? humanBytes(Number(v)) : String(v)),
      barsize: 30,
      hideCursor: true,
      clearOnComplete: true,
    });
    bar.start(total, Math.min(value, total));
  }, PROGRESS_DELAY_MS);
  timer.unref();
  return {
    add(n) {
      value += n;
      bar?.update(Math.min(value, total));
    },
    stop() {
      clearTimeout(timer);
      bar?.stop();
    },
  };
}
