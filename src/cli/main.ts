// The command line: yargs parses flags, then this wires them into analyze() and a reporter. No
// analysis happens here. Exit codes: 0 analysed, 1 --fail-on matched, 2 usage error or an input
// that could not be read (the rest is still reported; stderr names the file, one line each).
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import ndjson from 'ndjson';
import yargs from 'yargs';
import { type Analysis, DEFAULT_LOOKBACK_SECONDS, analyze } from '../analyze.js';
import { FORMATS } from '../formats/index.js';
import { REPORTERS, type ReportFormat, ndjsonLines } from '../report/index.js';
import { jsonSafe, plain } from '../report/sanitize.js';
import { ZoneError, parseDateOption, parseDuration } from '../time/clock.js';

class UsageError extends Error {}

/** yargs drops a lone `-` from positionals: it stands in for it (argv cannot hold a NUL). */
const STDIN = '\0stdin';

interface Argv {
  _: (string | number)[];
  inputs?: string[];
  format?: string;
  out?: string;
  tz?: string;
  date?: string;
  lookback: string;
  since?: string;
  until?: string;
  'fail-on'?: string;
  as?: string;
  progress: boolean;
  verbose: boolean;
  debug: boolean;
}

function parser(argv: string[]) {
  return yargs(argv)
    .scriptName('oomtrail')
    .usage('$0 [analyze] <input...> [options]\n\nRead a log bundle (folders, files, .gz, - for stdin) and say what held the memory when MySQL failed.')
    .command(['analyze <inputs..>', '$0 <inputs..>'], 'report on a bundle (default)')
    .command('timeline <inputs..>', 'the event stream only (NDJSON by default)')
    .positional('inputs', { type: 'string', array: true })
    .option('format', { alias: 'f', type: 'string', choices: ['text', 'json', 'ndjson'], describe: 'report format (default: text; ndjson for `timeline`)' })
    .option('out', { alias: 'o', type: 'string', describe: 'write the report to this file' })
    .option('tz', { type: 'string', describe: 'IANA zone for stamps that carry none (default: this machine\'s zone)' })
    .option('date', { type: 'string', describe: 'YYYY-MM-DD for time-only stamps when nothing in the bundle dates them' })
    .option('lookback', { type: 'string', default: '15m', describe: 'how far before a failure to look for memory state' })
    .option('since', { type: 'string', describe: 'ISO instant: drop events before it' })
    .option('until', { type: 'string', describe: 'ISO instant: drop events after it' })
    .option('fail-on', { type: 'string', describe: 'comma list of event kinds, or `failure`: exit 1 when any is found' })
    .option('as', { type: 'string', choices: FORMATS.map((f) => f.id), describe: 'force the input format' })
    .option('progress', { type: 'boolean', default: true, describe: 'progress bar on a TTY (--no-progress turns it off)' })
    .option('verbose', { type: 'boolean', default: false, describe: 'show every event in the timeline, unfolded' })
    .option('debug', { type: 'boolean', default: false, describe: 'print stack traces of internal errors' })
    .example('$0 samples/2016-05-21-php-fpm-starves-mysqld --tz Asia/Shanghai --date 2016-05-21', 'the seed incident, as text')
    .example('$0 /var/log/mysql/error.log.1.gz --format json', 'a JSON summary of a rotated log')
    .example('$0 timeline incident/ | jq .event.action', 'the event stream, one ECS object a line')
    .example('$0 archive/ --fail-on failure --format json -o out.json', 'in CI: exit 1 when a memory failure is found')
    .epilogue('Exit codes: 0 analysed; 1 --fail-on matched; 2 usage error or an unreadable input.')
    .strict()
    .help()
    .version()
    .fail((msg, err) => {
      throw new UsageError(msg || err?.message || 'bad usage');
    });
}

function failOnMatched(a: Analysis, spec: string | undefined): boolean {
  if (!spec) return false;
  const kinds = spec.split(',').map((s) => s.trim()).filter(Boolean);
  return kinds.some((k) => (k === 'failure' ? a.failures.length > 0 : a.events.some((e) => e.kind === k)));
}

async function write(out: Writable, text: string): Promise<void> {
  await new Promise<void>((resolve, reject) => out.write(text, (err) => (err ? reject(err) : resolve())));
}

async function writeNdjson(a: Analysis, out: Writable): Promise<void> {
  const s = ndjson.stringify();
  const done = new Promise<void>((resolve, reject) => {
    s.on('error', reject);
    s.on('end', resolve);
  });
  s.on('data', (chunk: string) => {
    if (!out.write(jsonSafe(chunk))) {
      s.pause();
      out.once('drain', () => s.resume());
    }
  });
  for (const o of ndjsonLines(a)) s.write(o);
  s.end();
  await done;
}

export async function main(argv: string[], io = { stdout: process.stdout as Writable, stderr: process.stderr as Writable, stdin: process.stdin }): Promise<number> {
  let args: Argv;
  try {
    args = (await parser(argv.map((x) => (x === '-' ? STDIN : x))).parseAsync()) as unknown as Argv;
  } catch (err) {
    io.stderr.write(`oomtrail: ${(err as Error).message}\n`);
    return 2;
  }
  try {
    const isTimeline = args._[0] === 'timeline';
    const format = (args.format ?? (isTimeline ? 'ndjson' : 'text')) as ReportFormat;
    const date = args.date ? parseDateOption(args.date) : undefined;
    if (date === null) throw new UsageError(`--date wants YYYY-MM-DD, got ${args.date}`);
    const lookback = parseDuration(args.lookback);
    if (lookback === null) throw new UsageError(`--lookback wants a duration like 15m or 1h30m, got ${args.lookback}`);
    const a = await analyze({
      inputs: (args.inputs ?? []).map((x) => (x === STDIN ? '-' : x)),
      tz: args.tz,
      date,
      as: args.as,
      lookbackSeconds: lookback ?? DEFAULT_LOOKBACK_SECONDS,
      since: args.since,
      until: args.until,
      stdin: io.stdin,
    });
    if (args.since && !Number.isFinite(a.clock.parseIso(args.since))) throw new UsageError(`--since is not an ISO instant: ${args.since}`);
    if (args.until && !Number.isFinite(a.clock.parseIso(args.until))) throw new UsageError(`--until is not an ISO instant: ${args.until}`);
    // Paths and reasons can hold an attacker's bytes (an archive entry's name): shown inert.
    for (const n of a.notes) io.stderr.write(`oomtrail: note: ${plain(n.path)}: ${plain(n.reason)}\n`);
    for (const e of a.errors) io.stderr.write(`oomtrail: ${plain(e.path)}: ${plain(e.reason)}\n`);
    if (args.debug) for (const i of a.inputs) if (i.stack) io.stderr.write(`${i.path}:\n${i.stack}\n`);
    const out = args.out ? createWriteStream(args.out) : io.stdout;
    if (format === 'ndjson') await writeNdjson(a, out);
    else {
      const color = !args.out && format === 'text' && (io.stdout as NodeJS.WriteStream).isTTY === true && !process.env.NO_COLOR;
      await write(out, REPORTERS[format](a, { color, verbose: args.verbose }));
    }
    if (args.out) await new Promise<void>((resolve) => out.end(resolve));
    if (a.errors.length > 0) return 2;
    return failOnMatched(a, args['fail-on']) ? 1 : 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof ZoneError) {
      io.stderr.write(`oomtrail: ${err.message}\n`);
      return 2;
    }
    const e = err as Error;
    io.stderr.write(args.debug ? `${e.stack}\n` : `oomtrail: internal error: ${e.message} (run with --debug for details)\n`);
    return 2;
  }
}
