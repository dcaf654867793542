// The command line: yargs parses flags, then this wires them into analyze() and a reporter. No
// analysis happens here. Exit codes: 0 analysed, 1 --fail-on matched, 2 usage error or an input
// that could not be read (the rest is still reported; stderr names the file, one line each).
import { failureTotal } from '../report/episode-summary.js';
import type { Writable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { type Analysis, type AnalyzeOptions, analyze, kindCounts } from '../analyze.js';
import { REPORTERS, type Report, buildReport } from '../report/index.js';
import { ndjsonText } from '../report/ndjson.js';
import { plain } from '../report/sanitize.js';
import { timelineText } from '../report/text.js';
import type { BundleJob } from '../sweep/job.js';
import { workerBudget } from '../sweep/threads.js';
import { ZoneError } from '../time/clock.js';
import { type Argv, helpText, parseArgs, prescan } from './args.js';
import { colorWanted } from './color.js';
import { CompareUsage, runCompare } from './compare.js';
import { type FailOn, failOnMatched, failOnMatches } from './fail-on.js';
import { type Sink, WriteError, fileSink, stdoutSink } from './output.js';
import { type Progress, progressWanted, startProgress, totalBytes } from './progress.js';
import { UsageError, echo, usageText } from './usage.js';
import { settingsOf } from './values.js';
import { ndjsonShardLine } from '../merge/merge.js';
import { takeShard } from '../sweep/shard.js';
import { rowsText, runMerge, runSchema, shardText } from './fleet.js';
import { trace } from '../trace.js';

export { installExitGuards } from './cleanup.js';

/** The timeline as NDJSON (report/ndjson.ts), written as it is made. */
async function writeNdjson(a: Analysis, out: Sink, o: { flat: boolean; absolutePaths: boolean }): Promise<void> {
  for await (const text of ndjsonText(a, o)) await out.write(text);
}

type Said = readonly { path: string; reason: string }[];

/** One line per note and per unreadable input. Paths and reasons can hold an attacker's bytes
 * (an archive entry's name), so they are shown inert. */
function tellInputs(stderr: Writable, notes: Said, errors: Said): void {
  for (const n of notes) stderr.write(`oomtrail: note: ${plain(n.path)}: ${plain(n.reason)}\n`);
  for (const e of errors) stderr.write(`oomtrail: ${plain(e.path)}: ${plain(e.reason)}\n`);
}

export interface Io {
  stdout: Writable;
  stderr: Writable;
  stdin: NodeJS.ReadableStream;
  env?: NodeJS.ProcessEnv;
}

/** 2 when an input could not be read, 1 when --fail-on matched, else 0. */
function exitOf(errors: number, failOn: FailOn, failures: number, kinds: Readonly<Record<string, number>>): number {
  if (errors > 0) return 2;
  return failOnMatched(failOn, failures, kinds) ? 1 : 0;
}

/** Columns to wrap help and the text report to: the terminal's, else $COLUMNS, else 80. */
function widthOf(stream: Writable, env: NodeJS.ProcessEnv): number {
  const cols = (stream as NodeJS.WriteStream).isTTY ? (stream as NodeJS.WriteStream).columns : Number(env.COLUMNS);
  return Number.isInteger(cols) && cols >= 40 ? Math.min(cols, 400) : 80;
}

function version(): string {
  // src/cli/ and dist/bundle/ both sit two folders below the package root
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** Tell stderr what --fail-on matched (a CI log then says why the job failed). */
function tellFailOn(stderr: Writable, items: FailOn, failures: number, kinds: Readonly<Record<string, number>>, bundle?: string): void {
  const hits = failOnMatches(items, failures, kinds);
  if (hits.length > 0) stderr.write(`oomtrail: --fail-on matched${bundle ? ` in ${plain(bundle)}` : ''}: ${hits.join(', ')}\n`);
}

export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }): Promise<number> {
  const env = io.env ?? process.env;
  const startedMs = Date.now();
  const width = widthOf(io.stdout, env);
  let args: Argv;
  try {
    const wants = prescan(argv);
    if (wants === 'help') {
      io.stdout.write(await helpText(width));
      return 0;
    }
    if (wants === 'version') {
      io.stdout.write(`${version()}\n`);
      return 0;
    }
    args = await parseArgs(argv, width);
  } catch (err) {
    const msg = (err as Error).message;
    io.stderr.write(usageText(/^Not enough non-option arguments/.test(msg) ? 'no input given: name a file, a folder, an archive or - for stdin' : err instanceof UsageError ? msg : echo(msg)));
    return 2;
  }
  let progress: Progress | null = null;
  let out: Sink | null = null;
  try {
    if (args._[0] === 'schema') return await runSchema(args.dialect, io.stdout);
    if (args._[0] === 'merge') return await runMerge(args.inputs ?? [], args.format, io.stdout, io.stderr, args.out);
    const set = settingsOf(args, Date.now());
    const { format, inputs, failOn } = set;

    const options: Omit<AnalyzeOptions, 'inputs'> = {
      tz: set.clock.zone,
      date: set.date,
      year: set.year,
      as: set.as,
      lookbackSeconds: set.lookbackSeconds,
      since: set.since,
      until: set.until,
      followLinks: args['follow-links'],
      bundleId: set.bundleId,
      host: set.host,
      // NDJSON shows every event (read again, in order); --verbose too; every other report folds repeats
      keep: format === 'ndjson' && !set.table ? 'stream' : args.verbose ? 'all' : 'report',
    };
    // -o is checked (not an input, its folder writable) before anything is read
    out = args.out !== undefined ? await fileSink(args.out, inputs) : stdoutSink(io.stdout);
    const sink = out;
    if (progressWanted(args.progress, io.stderr, env)) progress = startProgress(io.stderr, await totalBytes(inputs), 'oomtrail');
    const onBytes = progress ? progress.add : undefined;
    const color = format === 'text' && colorWanted(env, (io.stdout as NodeJS.WriteStream).isTTY === true, { flag: args.color, toFile: args.out !== undefined });
    const render = (reports: readonly Report[]): string => {
      const o = { color, verbose: args.verbose, width, startedMs, elapsedSeconds: (Date.now() - startedMs) / 1000 };
      if (set.table) return rowsText(reports, set.table);
      return set.timeline && format === 'text' ? timelineText(reports, o) : REPORTERS[format as Exclude<typeof format, 'ndjson'>](reports, o);
    };
    let code: number;
    if (args._[0] === 'compare') {
      code = await runCompare({ inputs, splitAt: args['split-at'], format, options, failOn, stderr: io.stderr, write: (t) => sink.write(t) });
    } else if (args.each) {
      // the pool runs bundles side by side: each reads its files whole; NDJSON streams each
      // bundle's events as its worker reads them again, bundle after bundle (sweep/ordered.ts)
      const each = { ...options, parts: { threads: 1 } };
      const events = format === 'ndjson' && !set.table;
      const shard = set.shard ? takeShard(inputs, set.shard) : null;
      if (shard && events) await sink.write(ndjsonShardLine(shard.record));
      const jobs: BundleJob[] = (shard ? shard.inputs : inputs).map((input) => ({ inputs: [input], analyze: each, report: { bundle: input, verbose: args.verbose }, ndjson: events, flat: set.flat, absolutePaths: set.absolutePaths }));
      const { sweep } = await import('../sweep/pool.js');
      if (workerBudget() < Math.min(availableParallelism(), jobs.length) - 1) io.stderr.write(`oomtrail: note: the address space is limited (ulimit -v): bundles are read on ${workerBudget() + 1} thread(s)\n`);
      const reports = await sweep(jobs, { onBytes, ndjson: (text) => sink.write(text) });
      progress?.phase('writing');
      for (const r of reports) tellInputs(io.stderr, r.notes ?? [], r.errors);
      if (!events) await sink.write(shard ? shardText(render, reports, shard.record, format) : render(reports));
      progress?.stop();
      for (const r of reports) tellFailOn(io.stderr, failOn, failureTotal(r.summary), r.kinds, r.bundle);
      code = reports.reduce((n, r) => Math.max(n, exitOf(r.errors.length, failOn, failureTotal(r.summary), r.kinds)), 0);
    } else {
      const a = await analyze({ ...options, inputs, stdin: io.stdin, onBytes, onPhase: progress?.phase });
      const events = format === 'ndjson' && !set.table;
      progress?.phase(events ? 'writing' : 'reporting');
      if (events) await writeNdjson(a, sink, set);
      else {
        const report: Report = buildReport(a, { bundle: inputs.join(' '), verbose: args.verbose });
        trace('report built');
        progress?.phase('writing');
        await sink.write(render([report]));
        trace('report written');
      }
      progress?.stop();
      tellInputs(io.stderr, a.notes ?? [], a.errors);
      if (args.debug) for (const i of a.inputs) if (i.stack) io.stderr.write(`${plain(i.path)}:\n${i.stack}\n`);
      const kinds = kindCounts(a);
      tellFailOn(io.stderr, failOn, a.failures.length, kinds);
      code = exitOf(a.errors.length, failOn, a.failures.length, kinds);
    }
    await sink.finish();
    out = null;
    return code;
  } catch (err) {
    progress?.stop();
    await out?.abandon();
    if (err instanceof UsageError || err instanceof CompareUsage) {
      io.stderr.write(usageText(err.message));
      return 2;
    }
    if (err instanceof ZoneError) {
      io.stderr.write(usageText(`${echo(err.message)} (an IANA name like Asia/Shanghai or UTC)`));
      return 2;
    }
    if (err instanceof WriteError) {
      io.stderr.write(err.line());
      return 2;
    }
    const e = err as Error;
    io.stderr.write(args.debug ? `${e.stack}\n` : `oomtrail: internal error: ${e.message} (run with --debug for details)\n`);
    return 2;
  }
}
