// The command line: yargs parses flags, then this wires them into analyze() and a reporter. No
// analysis happens here. Exit codes: 0 analysed, 1 --fail-on matched, 2 usage error or an input
// that could not be read (the rest is still reported; stderr names the file, one line each).
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import yargs from 'yargs';
import { type Analysis, type AnalyzeOptions, DEFAULT_LOOKBACK_SECONDS, analyze, kindCounts } from '../analyze.js';
import { FORMATS } from '../formats/index.js';
import { REPORTERS, REPORT_FORMATS, type Report, type ReportFormat, buildReport } from '../report/index.js';
import { ndjsonText } from '../report/ndjson.js';
import { reasonOf } from '../read/errors.js';
import { plain } from '../report/sanitize.js';
import type { BundleJob } from '../sweep/job.js';
import { Clock, ZoneError, parseDateOption, parseDuration } from '../time/clock.js';
import { colorWanted } from './color.js';
import { CompareUsage, runCompare } from './compare.js';
import { type FailOn, failOnMatched, parseFailOn } from './fail-on.js';
import { type Progress, progressWanted, startProgress, totalBytes } from './progress.js';
import { trace } from '../trace.js';

class UsageError extends Error {}

const STDIN_ARG = '\u0000stdin';

interface Argv {
  _: (string | number)[];
  inputs?: string[];
  format?: string;
  out?: string;
  tz?: string;
  date?: string;
  year?: number;
  lookback: string;
  since?: string;
  until?: string;
  'fail-on'?: string;
  as?: string;
  progress: boolean;
  each: boolean;
  verbose: boolean;
  debug: boolean;
  'split-at'?: string;
}

function parser(argv: string[]) {
  return yargs(argv)
    .scriptName('oomtrail')
    .usage('$0 [analyze] <input...> [options]\n\nRead a log bundle (folders, files, .gz, - for stdin) and say what held the memory when MySQL failed.')
    .command(['analyze <inputs..>', '$0 <inputs..>'], 'report on a bundle (default)')
    .command('timeline <inputs..>', 'the event stream only (NDJSON by default)')
    .command('compare <inputs..>', 'did the fix work: BEFORE AFTER bundles, or one bundle with --split-at TIME|auto')
    .option('split-at', { type: 'string', describe: 'compare: split one bundle at this ISO time, or at its own last restart or config change (auto)' })
    .positional('inputs', { type: 'string', array: true })
    .option('format', { alias: 'f', type: 'string', choices: REPORT_FORMATS, describe: 'report format (default: text; ndjson for `timeline`)' })
    .option('out', { alias: 'o', type: 'string', describe: 'write the report to this file' })
    .option('tz', { type: 'string', describe: 'IANA zone for stamps that carry none (default: this machine\'s zone)' })
    .option('date', { type: 'string', describe: 'YYYY-MM-DD for time-only stamps when nothing in the bundle dates them' })
    .option('year', { type: 'number', describe: 'the year for year-less syslog stamps (`May 21 18:49:20`) when nothing in the bundle dates them' })
    .option('lookback', { type: 'string', default: '15m', describe: 'how far before a failure to look for memory state' })
    .option('since', { type: 'string', describe: 'ISO instant: drop events before it' })
    .option('until', { type: 'string', describe: 'ISO instant: drop events after it' })
    .option('fail-on', { type: 'string', describe: 'comma list of event kinds, or `failure`: exit 1 when any is found' })
    .option('as', { type: 'string', choices: FORMATS.map((f) => f.id), describe: 'force the input format' })
    .option('each', { type: 'boolean', default: false, describe: 'treat each input as its own bundle: analysed in parallel, reported one section each' })
    .option('progress', { type: 'boolean', default: true, describe: 'progress bar on a TTY (--no-progress turns it off)' })
    .option('verbose', { type: 'boolean', default: false, describe: 'show every event in the timeline, unfolded' })
    .option('debug', { type: 'boolean', default: false, describe: 'print stack traces of internal errors' })
    .example('$0 samples/2016-05-21-php-fpm-starves-mysqld --tz Asia/Shanghai --date 2016-05-21', 'the seed incident, as text')
    .example('$0 /var/log/mysql/error.log.1.gz --format json', 'a JSON summary of a rotated log')
    .example('$0 timeline incident/ | jq .event.action', 'the event stream, one ECS object a line')
    .example('$0 archive/ --fail-on failure --format json -o out.json', 'in CI: exit 1 when a memory failure is found')
    .example('$0 incidents/*/ --each --format junit -o oomtrail.xml', 'in CI: one test suite per incident bundle')
    .epilogue('Exit codes: 0 analysed; 1 --fail-on matched; 2 usage error or an unreadable input (with --each: the worst over all bundles). Colour: NO_COLOR, FORCE_COLOR.')
    .strict()
    .help()
    .version()
    .fail((msg, err) => {
      throw new UsageError(msg || err?.message || 'bad usage');
    });
}

/** The report could not be written (a full disk, a closed pipe other than the reader leaving). */
class WriteError extends Error {}

async function write(out: Writable, text: string): Promise<void> {
  await new Promise<void>((resolve, reject) => out.write(text, (err) => (err ? reject(new WriteError(reasonOf(err))) : resolve())));
}

/** The timeline as NDJSON (report/ndjson.ts), written as it is made. */
async function writeNdjson(a: Analysis, out: Writable): Promise<void> {
  for await (const text of ndjsonText(a)) await write(out, text);
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

export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }): Promise<number> {
  const env = io.env ?? process.env;
  let args: Argv;
  try {
    // yargs drops a lone `-` from command positionals: carry it through as a placeholder
    args = (await parser(argv.map((a) => (a === '-' ? STDIN_ARG : a))).parseAsync()) as unknown as Argv;
    args.inputs = args.inputs?.map((i) => (i === STDIN_ARG ? '-' : i));
  } catch (err) {
    io.stderr.write(`oomtrail: ${(err as Error).message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 2;
  }
  let progress: Progress | null = null;
  try {
    const isTimeline = args._[0] === 'timeline';
    const format = (args.format ?? (isTimeline ? 'ndjson' : 'text')) as ReportFormat;
    const inputs = args.inputs ?? [];
    const date = args.date ? parseDateOption(args.date) : undefined;
    if (date === null) throw new UsageError(`--date wants YYYY-MM-DD, got ${args.date}`);
    if (args.year !== undefined && !(Number.isInteger(args.year) && args.year >= 1970 && args.year <= 9999)) throw new UsageError(`--year wants a year like 2016, got ${args.year}`);
    const lookback = parseDuration(args.lookback);
    if (lookback === null) throw new UsageError(`--lookback wants a duration like 15m or 1h30m, got ${args.lookback}`);
    const clock = new Clock(args.tz); // throws ZoneError on an unknown zone, before any work
    if (args.since && !Number.isFinite(clock.parseIso(args.since))) throw new UsageError(`--since is not an ISO instant: ${args.since}`);
    if (args.until && !Number.isFinite(clock.parseIso(args.until))) throw new UsageError(`--until is not an ISO instant: ${args.until}`);
    const failOn = parseFailOn(args['fail-on']);
    if ('bad' in failOn) throw new UsageError(`--fail-on wants event kinds (mysql.mmap_failed), families (kernel.*) or failure, got ${failOn.bad}`);
    if (args.each && inputs.includes('-')) throw new UsageError('--each reads files and folders; stdin (-) cannot be a bundle of its own');

    const options: Omit<AnalyzeOptions, 'inputs'> = {
      tz: args.tz,
      date,
      year: args.year,
      as: args.as,
      lookbackSeconds: lookback ?? DEFAULT_LOOKBACK_SECONDS,
      since: args.since,
      until: args.until,
      // NDJSON shows every event (read again, in order); --verbose too; every other report folds repeats
      keep: format === 'ndjson' ? 'stream' : args.verbose ? 'all' : 'report',
    };
    if (progressWanted(args.progress, io.stderr, env)) progress = startProgress(io.stderr, await totalBytes(inputs), 'oomtrail');
    const onBytes = progress ? progress.add : undefined;
    const color = format === 'text' && colorWanted(env, !args.out && (io.stdout as NodeJS.WriteStream).isTTY === true);
    const out = args.out ? createWriteStream(args.out) : io.stdout;
    if (args.out) out.on('error', () => {}); // a write's callback reports it (as WriteError)
    let code: number;
    if (args._[0] === 'compare') {
      code = await runCompare({ inputs, splitAt: args['split-at'], format, options, failOn: failOn.items, stderr: io.stderr, write: (t) => write(out, t) });
    } else if (args.each) {
      // the pool runs bundles side by side: each reads its files whole; NDJSON streams each
      // bundle's events as its worker reads them again, bundle after bundle (sweep/ordered.ts)
      const each = { ...options, parts: { threads: 1 } };
      const jobs: BundleJob[] = inputs.map((input) => ({ inputs: [input], analyze: each, report: { bundle: input, verbose: args.verbose }, ndjson: format === 'ndjson' }));
      const { sweep } = await import('../sweep/pool.js');
      const reports = await sweep(jobs, { onBytes, ndjson: (text) => write(out, text) });
      progress?.stop();
      for (const r of reports) tellInputs(io.stderr, r.notes ?? [], r.errors);
      if (format !== 'ndjson') await write(out, REPORTERS[format](reports, { color, verbose: args.verbose }));
      code = Math.max(0, ...reports.map((r) => exitOf(r.errors.length, failOn.items, r.summary.failures.length, r.kinds)));
    } else {
      const a = await analyze({ ...options, inputs, stdin: io.stdin, onBytes });
      progress?.stop();
      tellInputs(io.stderr, a.notes ?? [], a.errors);
      if (args.debug) for (const i of a.inputs) if (i.stack) io.stderr.write(`${plain(i.path)}:\n${i.stack}\n`);
      if (format === 'ndjson') await writeNdjson(a, out);
      else {
        const report: Report = buildReport(a, { bundle: inputs.join(' '), verbose: args.verbose });
        trace('report built');
        await write(out, REPORTERS[format]([report], { color, verbose: args.verbose }));
        trace('report written');
      }
      code = exitOf(a.errors.length, failOn.items, a.failures.length, kindCounts(a));
    }
    if (args.out) await new Promise<void>((resolve) => out.end(resolve));
    return code;
  } catch (err) {
    progress?.stop();
    if (err instanceof UsageError || err instanceof ZoneError || err instanceof CompareUsage) {
      io.stderr.write(`oomtrail: ${err.message}\n`);
      return 2;
    }
    if (err instanceof WriteError) {
      io.stderr.write(`oomtrail: cannot write ${args.out ? plain(args.out) : 'the report'}: ${err.message}\n`);
      return 2;
    }
    const e = err as Error;
    io.stderr.write(args.debug ? `${e.stack}\n` : `oomtrail: internal error: ${e.message} (run with --debug for details)\n`);
    return 2;
  }
}
