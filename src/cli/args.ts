// The options, as yargs reads them. Before yargs sees the command line, `prescan` catches what
// yargs words badly: unknown options (`-x path` would take `path` as its value), typos of options
// and commands, with a suggestion. A repeated option takes its last value, as in most Unix tools.
import { existsSync } from 'node:fs';
import yargs from 'yargs';
import { FORMATS } from '../formats/index.js';
import { REPORT_FORMATS } from '../report/index.js';
import { UsageError, didYouMean, echo } from './usage.js';

export interface Argv {
  _: (string | number)[];
  inputs?: string[];
  format?: string;
  out?: string;
  tz?: string;
  date?: string;
  year?: string;
  lookback: string;
  since?: string;
  until?: string;
  'fail-on'?: string;
  as?: string;
  color?: boolean;
  progress: boolean;
  each: boolean;
  verbose: boolean;
  debug: boolean;
  'split-at'?: string;
  'follow-links': boolean;
  'bundle-id'?: string;
  host?: string;
  shard?: string;
  dialect?: string;
  table?: string;
  flat: boolean;
  'absolute-paths': boolean;
}

export const COMMANDS = ['analyze', 'timeline', 'compare', 'merge', 'schema'] as const;

const STDIN_ARG = '\u0000stdin';

/** Long options that take a value, with their short aliases. */
const VALUED: Record<string, string | null> = { format: 'f', out: 'o', tz: null, date: null, year: null, lookback: null, since: null, until: null, 'fail-on': null, as: null, 'split-at': null, 'bundle-id': null, host: null, shard: null, dialect: null, table: null };
/** Boolean options (each also as --no-NAME). */
const FLAGS: Record<string, string | null> = { color: null, progress: null, each: null, verbose: null, debug: null, 'follow-links': null, flat: null, 'absolute-paths': null, help: 'h', version: 'V' };
const LONG = [...Object.keys(VALUED), ...Object.keys(FLAGS)];
const SHORT = new Map<string, string>([...Object.entries(VALUED), ...Object.entries(FLAGS)].flatMap(([long, s]) => (s ? [[s, long] as [string, string]] : [])));

export function parser(argv: string[], width: number) {
  return yargs(argv)
    .scriptName('oomtrail')
    .usage('$0 [analyze] <input...> [options]\n\nRead a log bundle (folders, files, .gz and .tar archives, or stdin as -) and say what held the memory when MySQL failed.')
    .command(['analyze <inputs..>', '$0 <inputs..>'], 'report on a bundle (default)')
    .command('timeline <inputs..>', 'the event stream only (NDJSON by default; -f text: the timeline as text)')
    .command('compare <inputs..>', 'did the fix work: BEFORE AFTER bundles, or one bundle with --split-at TIME|auto')
    .command('merge <inputs..>', 'join the outputs of --shard runs (sweep JSON, JUnit or NDJSON) into what one run gives')
    .command('schema', 'print the tables (or index template) and the fleet queries for a store: --dialect clickhouse|duckdb|elasticsearch')
    .positional('inputs', { type: 'string', array: true })
    .option('split-at', { type: 'string', describe: 'compare: split one bundle at this ISO time, or at its own last restart or config change (auto)' })
    .option('format', { alias: 'f', type: 'string', describe: `report format: ${REPORT_FORMATS.join(', ')} (default: text; ndjson for \`timeline\`)` })
    .option('out', { alias: 'o', type: 'string', describe: 'write the report to this file' })
    .option('tz', { type: 'string', describe: "IANA zone for stamps that carry none (default: this machine's zone)" })
    .option('date', { type: 'string', describe: 'YYYY-MM-DD for time-only stamps when nothing in the bundle dates them' })
    .option('year', { type: 'string', describe: 'the year for year-less syslog stamps (`May 21 18:49:20`) when nothing in the bundle dates them' })
    .option('lookback', { type: 'string', default: '15m', describe: 'how far before a failure to look for memory state' })
    .option('since', { type: 'string', describe: 'drop events before this time: 2016-05-21 18:00, ISO 8601, yesterday, -2h, "3 days ago" (as journalctl)' })
    .option('until', { type: 'string', describe: 'drop events after this time (same forms as --since)' })
    .option('fail-on', { type: 'string', describe: 'comma list of event kinds, or `failure`: exit 1 when any is found (and say what on stderr)' })
    .option('as', { type: 'string', describe: `force the input format: ${FORMATS.map((f) => f.id).join(', ')}` })
    .option('each', { type: 'boolean', default: false, describe: 'treat each input as its own bundle: analysed in parallel, reported one section each' })
    .option('shard', { type: 'string', describe: 'with --each: analyse only the bundles of shard I of N (I/N, 1-based; by a stable hash of the bundle id)' })
    .option('bundle-id', { type: 'string', describe: "the bundle's id in stores (default: its folder's or archive's name)" })
    .option('host', { type: 'string', describe: "the host name for every event (default: the bundle's own evidence: pt-stalk, syslog, shell prompt)" })
    .option('flat', { type: 'boolean', default: false, describe: 'NDJSON with dotted keys, one level deep (for ClickHouse and other stores that take no nested objects)' })
    .option('absolute-paths', { type: 'boolean', default: false, describe: "NDJSON events also carry their file's absolute path (ECS file.path); log.file.path stays relative to the bundle" })
    .option('table', { type: 'string', describe: 'with -f ndjson: the rows of a fleet table instead of the events: failures, incidents or advice (see `schema`)' })
    .option('dialect', { type: 'string', describe: 'schema: clickhouse, duckdb or elasticsearch' })
    .option('color', { type: 'boolean', describe: 'colour the text report (default: on a terminal unless NO_COLOR or TERM=dumb; never into a file)' })
    .option('progress', { type: 'boolean', default: true, describe: 'progress bar on a TTY (--no-progress turns it off)' })
    .option('verbose', { type: 'boolean', default: false, describe: 'show every event in the timeline, unfolded, and every routine row' })
    .option('follow-links', { type: 'boolean', default: false, describe: 'follow symbolic links met inside folders (by default they are noted, not followed)' })
    .option('debug', { type: 'boolean', default: false, describe: 'print stack traces of internal errors' })
    .example('$0 samples/2016-05-21-php-fpm-starves-mysqld --tz Asia/Shanghai --date 2016-05-21', 'the seed incident, as text')
    .example('$0 /var/log/mysql/error.log.1.gz --format json', 'a JSON summary of a rotated log')
    .example('$0 timeline incident/ | jq .event.action', 'the event stream, one ECS object a line')
    .example('$0 archive/ --fail-on failure --format json -o out.json', 'in CI: exit 1 when a memory failure is found')
    .example('$0 incidents/*/ --each --format junit -o oomtrail.xml', 'in CI: one test suite per incident bundle')
    .example('$0 timeline incidents/*/ --each --flat > events.ndjson', 'for a fleet store (see: $0 schema --dialect clickhouse)')
    .epilogue('Exit codes: 0 analysed; 1 --fail-on matched; 2 usage error or an unreadable input (with --each: the worst over all bundles). Colour: --color, NO_COLOR, FORCE_COLOR, TERM=dumb.')
    .help(false)
    .version(false)
    .wrap(width)
    .strict()
    .fail((msg, err) => {
      throw new UsageError(msg || err?.message || 'bad usage');
    });
}

function unknownOption(token: string): never {
  const name = token.replace(/^--?/, '').replace(/=.*$/s, '');
  const long = name.startsWith('no-') && Object.hasOwn(FLAGS, name.slice(3)) ? name.slice(3) : name;
  const hint = token.startsWith('--') ? didYouMean(long, LONG, '--') : '';
  throw new UsageError(`unknown option ${echo(token.replace(/=.*$/s, ''))}${hint}`);
}

/** What the command line asks before any parsing: help, version, or a run. Throws UsageError. */
export function prescan(argv: readonly string[]): 'help' | 'version' | 'run' {
  let wants: 'help' | 'version' | 'run' = 'run';
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-' || !a.startsWith('-')) {
      positionals.push(a);
      continue;
    }
    if (a.startsWith('--')) {
      const name = a.slice(2).replace(/=.*$/s, '');
      if (Object.hasOwn(VALUED, name)) {
        if (!a.includes('=')) i++;
      } else if (Object.hasOwn(FLAGS, name) || (name.startsWith('no-') && Object.hasOwn(FLAGS, name.slice(3)))) {
        if (name === 'help') wants = 'help';
        else if (name === 'version' && wants === 'run') wants = 'version';
      } else unknownOption(a);
      continue;
    }
    // short options, possibly grouped (-vf json): a valued one takes the rest or the next word
    for (let j = 1; j < a.length; j++) {
      const long = SHORT.get(a[j]);
      if (!long) unknownOption(`-${a[j]}`);
      if (long === 'help') wants = 'help';
      else if (long === 'version' && wants === 'run') wants = 'version';
      if (Object.hasOwn(VALUED, long)) {
        if (j === a.length - 1) i++;
        break;
      }
    }
  }
  const first = positionals[0];
  if (wants === 'run' && first !== undefined && !(COMMANDS as readonly string[]).includes(first) && !existsSync(first) && first !== '-') {
    const hint = didYouMean(first, COMMANDS);
    if (hint) throw new UsageError(`unknown command ${echo(first)}${hint}`);
  }
  return wants;
}

/** `--since -2h` as `--since=-2h`: a value that starts with a dash is still the option's value. */
function joinValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const long = a.startsWith('--') && Object.hasOwn(VALUED, a.slice(2)) ? a : null;
    const short = /^-[a-zA-Z]$/.test(a) && Object.hasOwn(VALUED, SHORT.get(a[1]) ?? '') ? `--${SHORT.get(a[1])}` : null;
    const name = long ?? short;
    if (name && i + 1 < argv.length) out.push(`${name}=${argv[++i]}`);
    else out.push(a === '-' ? STDIN_ARG : a);
  }
  return out;
}

/** Parse argv (after prescan): the options, with a lone `-` kept as stdin. */
export async function parseArgs(argv: string[], width: number): Promise<Argv> {
  // yargs drops a lone `-` from command positionals: carry it through as a placeholder
  const args = (await parser(joinValues(argv), width).parseAsync()) as unknown as Argv;
  args.inputs = args.inputs?.map((i) => (i === STDIN_ARG ? '-' : i));
  // a repeated option (-f json -f html) comes back as an array: the last one wins
  const record = args as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) if (key !== '_' && key !== 'inputs' && Array.isArray(value)) record[key] = value[value.length - 1];
  return args;
}

/** The help text, wrapped to the terminal. */
export async function helpText(width: number): Promise<string> {
  return `${await parser([], width).getHelp()}\n`;
}
