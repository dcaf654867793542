// Runs the real CLI for the reliability tests: in-process through main() with captured streams
// (fast, always the current source), or as a child process of the built bin/oomtrail.js (npm test
// builds first) when a test needs its own process: peak memory, cwd, another user, real stdin.
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, expect } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ROOT } from '../helpers.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the child process, in bytes (child runs only). */
  maxRss?: number;
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void) {
    this.text += chunk.toString();
    cb();
  }
}

/** main() in this process; stdin is the given bytes (or empty). */
export async function cli(args: string[], stdin: Buffer | string = ''): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const input = Readable.from([Buffer.from(stdin)]) as unknown as typeof process.stdin;
  const code = await main(args, { stdout, stderr, stdin: input });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const BIN = path.join(ROOT, 'bin', 'oomtrail.js');
const RSS_HOOK = path.join(ROOT, 'bench', 'rss-on-exit.mjs');

/**
 * The built CLI as another user sees it: the clone may sit where that user cannot enter (a root
 * user's clone in /root, a `mktemp -d` folder), so the self-contained bundle, the bin wrapper and
 * the RSS hook are copied once into a world-readable temporary folder and run from there.
 */
let portable: { root: string; bin: string; hook: string } | undefined;
function portableCopy(): { root: string; bin: string; hook: string } {
  if (portable) return portable;
  const root = mkdtempSync(path.join(os.tmpdir(), 'oomtrail-cli-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  cpSync(path.join(ROOT, 'bin'), path.join(root, 'bin'), { recursive: true });
  cpSync(path.join(ROOT, 'dist', 'bundle'), path.join(root, 'dist', 'bundle'), { recursive: true });
  cpSync(RSS_HOOK, path.join(root, 'bench', path.basename(RSS_HOOK)));
  const open = (p: string) => {
    chmodSync(p, statSync(p).isDirectory() ? 0o755 : 0o644);
    if (statSync(p).isDirectory()) for (const name of readdirSync(p)) open(path.join(p, name));
  };
  open(root);
  portable = { root, bin: path.join(root, 'bin', 'oomtrail.js'), hook: path.join(root, 'bench', path.basename(RSS_HOOK)) };
  return portable;
}

/** The built CLI in a child process, with its peak RSS. Input, cwd and uid are optional. */
export function spawnCli(args: string[], opts: { input?: Buffer | Readable; cwd?: string; uid?: number; gid?: number; timeoutMs?: number } = {}): Promise<CliResult> {
  if (!existsSync(path.join(ROOT, 'dist', 'bundle', 'main.js'))) throw new Error('dist/bundle/ is missing: run `npm run build` (npm test does it first)');
  // another user runs a world-readable copy, from a folder it may enter
  const other = opts.uid !== undefined && opts.uid !== process.getuid?.();
  const copy = other ? portableCopy() : undefined;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', copy?.hook ?? RSS_HOOK, copy?.bin ?? BIN, ...args], {
      cwd: opts.cwd ?? copy?.root ?? ROOT,
      uid: opts.uid,
      gid: opts.gid,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const m = /\n?BENCH_MAX_RSS_KB=(\d+)\n/.exec(stderr);
      resolve({ code: code ?? -1, stdout, stderr: m ? stderr.replace(m[0], '') : stderr, maxRss: m ? Number(m[1]) * 1024 : undefined });
    });
    child.stdin.on('error', () => {}); // the CLI may stop reading early
    if (opts.input instanceof Readable) opts.input.pipe(child.stdin);
    else child.stdin.end(opts.input ?? '');
  });
}

/** The lines a run wrote on stderr. */
export function stderrLines(r: CliResult): string[] {
  return r.stderr.split('\n').filter((l) => l.length > 0);
}

/** Input problems are sentences, never stack traces. */
export function expectNoStack(r: CliResult): void {
  expect(r.stderr).not.toMatch(/^ {4}at /m);
  expect(r.stderr).not.toContain('internal error');
}

/** A fresh temporary folder, removed after the file's tests. */
export function tempDir(prefix = 'oomtrail-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The built CLI started by `sh -c`, after a shell prelude (`ulimit -f 10`, `ulimit -v 1500000`) and
 * with a redirection of stdout (`> /dev/full`): real limits and real devices, no mocks.
 */
export function shellCli(prelude: string, args: string[], opts: { stdout?: string; input?: Buffer | Readable; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  if (!existsSync(path.join(ROOT, 'dist', 'bundle', 'main.js'))) throw new Error('dist/bundle/ is missing: run `npm run build` (npm test does it first)');
  const redirect = opts.stdout ? ` > '${opts.stdout.replace(/'/g, "'\\''")}'` : '';
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `${prelude}\nexec "$0" "$@"${redirect}`, process.execPath, BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? -1 : -2), stdout, stderr });
    });
    child.stdin.on('error', () => {});
    if (opts.input instanceof Readable) opts.input.pipe(child.stdin);
    else child.stdin.end(opts.input ?? '');
  });
}
