// What a run leaves behind when it stops early. Ctrl-C, SIGTERM or SIGHUP mid-run: the temporary
// report files are removed (the previous report stays as it was), the terminal gets its cursor and
// line wrap back (the progress bar hides one and may turn off the other), one line says why, and
// the exit code is 128 + the signal's number. A fatal error on any path does the same, exit 2.
import { unlinkSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { plain } from '../report/sanitize.js';

const temps = new Set<string>();

/** A temporary file to remove should the run stop before it is renamed into place. */
export function holdTemp(file: string): void {
  temps.add(file);
}

/** The temporary file is gone (renamed or removed): nothing to clean any more. */
export function releaseTemp(file: string): void {
  temps.delete(file);
}

/** Removes every temporary file still held (never throws). */
export function removeTemps(): void {
  for (const file of temps) {
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  }
  temps.clear();
}

/** Show the cursor, turn line wrap back on: harmless when neither was changed. */
export const TERMINAL_RESET = '\x1b[?25h\x1b[?7h';

let barShown = false;

/** The progress bar is on screen (true) or gone (false): an exit meanwhile must restore the terminal. */
export function barOnScreen(shown: boolean): void {
  barShown = shown;
}

/** Gives a terminal on stderr (the progress bar's) its cursor and line wrap back. */
export function restoreTerminal(): void {
  try {
    // the bar's line is cleared first, so what follows starts a line of its own
    if (isatty(2)) writeSync(2, `${barShown ? '\r\x1b[2K' : ''}${TERMINAL_RESET}`);
  } catch {
    // stderr is gone: nothing to restore
  }
  barShown = false;
}

/** Ends the process now: temporary files removed, terminal restored, one line, this code. */
function stop(line: string, code: number): never {
  restoreTerminal();
  removeTemps();
  try {
    writeSync(2, `oomtrail: ${line}\n`);
  } catch {
    // stderr is gone too
  }
  process.exit(code);
}

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

/**
 * Installed by bin/oomtrail.js (never by main(), which tests run in-process): the signals a user or
 * a supervisor sends, errors nothing caught, and the process's exit all clean up. SIGXFSZ is
 * ignored (Node does so too) so a file past `ulimit -f` is an EFBIG write error, not a kill.
 */
export function installExitGuards(): void {
  for (const [name, n] of Object.entries(SIGNALS)) process.on(name, () => stop(`interrupted by ${name}`, 128 + n));
  const fatal = (err: unknown) => stop(`internal error: ${plain(err instanceof Error ? err.message : String(err))} (run with --debug for details)`, 2);
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  process.on('exit', () => {
    removeTemps();
    if (barShown) restoreTerminal();
  });
}
