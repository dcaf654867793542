// Option values checked before any work: each wrong value is a UsageError saying what was
// expected and what was given (echoed inert), with a suggestion for a near miss. --since/--until
// become ISO instants in the report zone (journalctl's forms, time/when.ts), refused when reversed.
import { FORMATS } from '../formats/index.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/index.js';
import { type Shard, parseShard } from '../sweep/shard.js';
import { Clock, parseDateOption, parseDuration } from '../time/clock.js';
import { isoIn, parseWhen } from '../time/when.js';
import type { Argv } from './args.js';
import { type FailOn, parseFailOn } from './fail-on.js';
import { UsageError, didYouMean, echo } from './usage.js';

export interface Settings {
  timeline: boolean;
  format: ReportFormat;
  inputs: string[];
  clock: Clock;
  date?: { year: number; month: number; day: number };
  year?: number;
  lookbackSeconds: number;
  since?: string;
  until?: string;
  failOn: FailOn;
  as?: string;
  bundleId?: string;
  host?: string;
  flat: boolean;
  /** --absolute-paths: events carry their file's absolute path too (ECS `file.path`). */
  absolutePaths: boolean;
  /** --table: the rows of a fleet table (not the events) as NDJSON. */
  table?: 'failures' | 'incidents' | 'advice';
  /** --shard I/N (with --each): only the bundles of shard I. */
  shard?: Shard;
}

function oneOf(option: string, value: string | undefined, known: readonly string[]): string | undefined {
  if (value === undefined || known.includes(value)) return value;
  throw new UsageError(`${option} wants one of ${known.join(', ')}; got ${echo(value)}${didYouMean(value, known)}`);
}

function when(option: string, value: string | undefined, clock: Clock, now: number): number | undefined {
  if (value === undefined) return undefined;
  const w = parseWhen(value, clock.zone, now);
  if ('reason' in w) throw new UsageError(`${option} ${echo(value)}: ${w.reason}`);
  return w.ms;
}

export function settingsOf(args: Argv, now: number): Settings {
  const timeline = args._[0] === 'timeline';
  const format = (oneOf('--format', args.format, REPORT_FORMATS) ?? (timeline ? 'ndjson' : 'text')) as ReportFormat;
  const as = oneOf('--as', args.as, FORMATS.map((f) => f.id));
  const inputs = args.inputs ?? [];
  const date = args.date !== undefined ? parseDateOption(args.date) : undefined;
  if (date === null) throw new UsageError(`--date wants YYYY-MM-DD (a real day), got ${echo(args.date)}`);
  let year: number | undefined;
  if (args.year !== undefined) {
    year = /^\d{4}$/.test(args.year.trim()) ? Number(args.year) : Number.NaN;
    if (!(year >= 1970 && year <= 9999)) throw new UsageError(`--year wants a four-digit year like 2016, got ${echo(args.year)}`);
  }
  const lookback = parseDuration(args.lookback);
  if (lookback === null) throw new UsageError(`--lookback wants a duration like 15m or 1h30m, got ${echo(args.lookback)}`);
  const clock = new Clock(args.tz); // throws ZoneError on an unknown zone, before any work
  const since = when('--since', args.since, clock, now);
  const until = when('--until', args.until, clock, now);
  if (since !== undefined && until !== undefined && since > until) {
    throw new UsageError(`--since ${isoIn(since, clock.zone)} is after --until ${isoIn(until, clock.zone)}: nothing could be reported`);
  }
  const failOn = parseFailOn(args['fail-on']);
  if ('bad' in failOn) throw new UsageError(`--fail-on wants event kinds (mysql.mmap_failed), families (kernel.*) or failure, got ${echo(failOn.bad)}`);
  const table = oneOf('--table', args.table, ['failures', 'incidents', 'advice']) as Settings['table'];
  if (table && format !== 'ndjson') throw new UsageError(`--table writes NDJSON rows (-f ndjson); the format is ${format}`);
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  if (shard === null) throw new UsageError(`--shard wants I/N, shard I of N counted from 1 (2/4), got ${echo(args.shard)}`);
  if (shard && !args.each) throw new UsageError('--shard splits a sweep: use it with --each (each input a bundle)');
  if (shard && !['json', 'ndjson', 'junit'].includes(format)) throw new UsageError(`--shard writes what oomtrail merge joins: -f json, ndjson or junit; the format is ${format}`);
  if (shard && args.table !== undefined) throw new UsageError('--shard writes what oomtrail merge joins: events, summaries or JUnit, not --table rows (make the rows from the merged run)');
  if (args.flat && format !== 'ndjson') throw new UsageError(`--flat shapes NDJSON (-f ndjson or timeline); the format is ${format}`);
  if (args['absolute-paths'] && (format !== 'ndjson' || args.table !== undefined)) throw new UsageError(`--absolute-paths adds file.path to NDJSON events (-f ndjson or timeline); the format is ${args.table !== undefined ? '--table rows' : format}`);
  if (args.each && args['bundle-id'] !== undefined) throw new UsageError('--bundle-id names one bundle; with --each every input is a bundle named by its own name');
  if (args.host !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/.test(args.host)) throw new UsageError(`--host wants a host name (letters, digits, . _ -), got ${echo(args.host)}`);
  if (args.each && inputs.includes('-')) throw new UsageError('--each reads files and folders; stdin (-) cannot be a bundle of its own');
  return {
    timeline,
    format,
    inputs,
    clock,
    date,
    year,
    lookbackSeconds: lookback,
    since: since === undefined ? undefined : isoIn(since, clock.zone),
    until: until === undefined ? undefined : isoIn(until, clock.zone),
    failOn: failOn.items,
    as,
    bundleId: args['bundle-id'],
    host: args.host,
    flat: args.flat,
    absolutePaths: args['absolute-paths'] === true,
    table,
    shard,
  };
}
