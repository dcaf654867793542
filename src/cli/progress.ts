// The progress bar (cli-progress) on stderr, over every phase: reading (bytes of bytes on disk,
// an ETA), then dating, correlating, reporting and writing (each with its elapsed time). Off when
// stderr is not a TTY, under CI, or with --no-progress; shown only once the run has taken more
// than a moment, so quick runs never flash a bar. The total is a stat walk of the inputs.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { humanBytes } from '../correlate/verdict.js';
import { barOnScreen } from './cleanup.js';

export interface Progress {
  add(n: number): void;
  /** Moves to the next phase (the bar then shows it and its elapsed time). */
  phase(next: Phase): void;
  stop(): void;
}

const NONE: Progress = { add() {}, phase() {}, stop() {} };
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

/** What the run is doing: reading shows bytes and an ETA, the later phases their elapsed time. */
export type Phase = 'reading' | 'dating' | 'correlating' | 'reporting' | 'writing';

function clock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--';
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** One line of the bar, as cli-progress asks for it (params: progress 0..1, eta seconds, start time). */
export function barLine(label: string, phase: Phase, p: { progress: number; value: number; total: number; eta: number; elapsed: number }, bar: (progress: number) => string): string {
  if (phase === 'reading') {
    const pct = Math.floor(p.progress * 100);
    return `${label} reading [${bar(p.progress)}] ${pct}% | ${humanBytes(p.value)} of ${humanBytes(p.total)} | ETA ${p.progress > 0 ? clock(p.eta) : '--'}`;
  }
  return `${label} ${phase}… | ${humanBytes(p.total)} read | ${clock(p.elapsed)} so far`;
}

export function startProgress(stderr: NodeJS.WritableStream, total: number, label: string): Progress {
  if (total <= 0) return NONE;
  let value = 0;
  let phase: Phase = 'reading';
  let bar: SingleBar | null = null;
  const started = Date.now();
  const timer = setTimeout(() => {
    bar = new SingleBar({
      stream: stderr,
      format: (options, params) =>
        barLine(label, phase, { progress: params.progress, value: params.value, total: params.total, eta: params.eta, elapsed: (Date.now() - started) / 1000 }, (pr) => {
          const size = options.barsize ?? 30;
          const full = Math.round(pr * size);
          return '█'.repeat(full) + '░'.repeat(size - full);
        }),
      barsize: 30,
      hideCursor: true,
      clearOnComplete: true,
    });
    bar.start(total, Math.min(value, total));
    barOnScreen(true);
  }, PROGRESS_DELAY_MS);
  timer.unref();
  return {
    add(n) {
      value += n;
      bar?.update(Math.min(value, total));
    },
    phase(next) {
      phase = next;
      if (next !== 'reading') value = total;
      bar?.update(Math.min(value, total));
    },
    stop() {
      clearTimeout(timer);
      bar?.stop();
      barOnScreen(false);
    },
  };
}
