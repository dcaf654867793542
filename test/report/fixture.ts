// A hand-built Analysis for reporter tests: the seed's second incident as it would look with a
// watcher running (top/free snapshots every two minutes, php-fpm growing), plus log lines that
// try to break every output (HTML, Markdown, XML, terminal escapes, lone surrogates, a huge line).
// Findings come from the real correlator, so reporters see what they would see in production.
import { identityOf } from '../../src/identity/identity.js';
import type { Analysis } from '../../src/analyze.js';
import { correlate } from '../../src/correlate/index.js';
import type { Event, EventDataMap, EventKind, ProcessRow } from '../../src/event.js';
import type { InputStats } from '../../src/parse/drive.js';
import { Clock } from '../../src/time/clock.js';

const MIB = 1024 * 1024;
const clock = new Clock('Asia/Shanghai');
const at = (hms: string) => clock.instant({ year: 2016, month: 5, day: 21, hour: Number(hms.slice(0, 2)), minute: Number(hms.slice(3, 5)), second: Number(hms.slice(6, 8)) });

export const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '| a | b | `tick` ``double`` [x](javascript:alert(1)) ![i](http://example.com/i.png)',
  '# Heading? ## no --- *em* _u_ ~~s~~ $x^2$ @octocat #123 www.example.com https://example.com/x',
  'ESC \u001b[31mred\u001b[0m title \u001b]0;pwned\u0007 NUL \u0000 CR \r BEL \u0007 bidi \u202eabc',
  'CDATA end ]]> and a lone surrogate \ud800 and \udfff and U+FFFF \uffff and an emoji 😀',
];

let seq = 0;
let lineNo = 0;
function ev<K extends EventKind>(kind: K, hms: string, message: string, data: EventDataMap[K], path = 'bundle/mysqld.err', extra: Partial<Event> = {}): Event {
  return {
    kind,
    message,
    data,
    time: { ms: at(hms), source: 'stamped' },
    src: { path, line: ++lineNo, lines: 1, offset: lineNo * 80, format: path.endsWith('.err') ? 'mysql-error' : 'top' },
    seq: seq++,
    ...extra,
  } as Event;
}

function top(hms: string, fpmWorkers: number, fpmEach: number, mysqld: number | null, availableMib: number): Event {
  const rows: ProcessRow[] = [];
  for (let i = 0; i < fpmWorkers; i++) rows.push({ pid: 5000 + i, command: 'php-fpm', rss_bytes: fpmEach * MIB });
  if (mysqld !== null) rows.push({ pid: 8329, command: 'mysqld', rss_bytes: mysqld * MIB });
  rows.push({ pid: 901, command: 'rsyslogd', rss_bytes: 5 * MIB });
  const total = 994 * MIB;
  return ev('snapshot.top', hms, `top - ${hms}`, { memory: { total_bytes: total, used_bytes: total - availableMib * MIB, free_bytes: (availableMib - 20) * MIB, buffers_bytes: 5 * MIB, cached_bytes: 15 * MIB }, rows }, 'bundle/watch.log');
}

export function fixtureEvents(): Event[] {
  seq = 0;
  lineNo = 0;
  const events: Event[] = [
    ev('mysql.start', '18:30:00', '/usr/local/mysql/bin/mysqld (mysqld 5.5.49-log) starting as process 7082 ...', {}),
    ev('mysql.ready', '18:30:02', '/usr/local/mysql/bin/mysqld: ready for connections.', { version: '5.5.49-log', port: 3306 }),
    top('18:36:00', 14, 22, 160, 420),
    top('18:40:00', 22, 24, 165, 300),
    top('18:44:00', 30, 26, 170, 150),
    ...HOSTILE.map((m) => ev('mysql.log', '18:45:00', m, {}, 'bundle/mysqld.err', { level: 'warning' })),
    ev('mysql.log', '18:45:30', `a very long line ${'x'.repeat(5000)} end`, {}),
    top('18:48:00', 34, 27, 170, 60),
    ev('mysqld_safe.died', '18:49:27', 'mysqld_safe Number of processes running now: 0', {}),
    ev('mysqld_safe.restart', '18:49:27', 'mysqld_safe mysqld restarted', {}),
    ev('mysql.start', '18:49:27', '/usr/local/mysql/bin/mysqld (mysqld 5.5.49-log) starting as process 8329 ...', {}),
    ev('mysql.buffer_pool_init', '18:49:28', 'InnoDB: Initializing buffer pool, size = 128.0M', { bytes: 134217728 }),
    ev('mysql.mmap_failed', '18:49:28', 'InnoDB: mmap(137363456 bytes) failed; errno 12', { bytes: 137363456, errno: 12 }, 'bundle/mysqld.err', { process: { name: 'mysqld', pid: 8329 } }),
    ev('mysql.abort', '18:49:28', 'Aborting', {}),
    { ...top('18:52:00', 0, 0, null, 800), kind: 'snapshot.free', data: { memory: { total_bytes: 994 * MIB, used_bytes: 194 * MIB, available_bytes: 800 * MIB } } } as Event,
    ev('mysql.start', '18:55:00', '/usr/local/mysql/bin/mysqld (mysqld 5.5.49-log) starting as process 9001 ...', {}),
    ev('mysql.ready', '18:55:03', '/usr/local/mysql/bin/mysqld: ready for connections.', { version: '5.5.49-log', port: 3306 }),
    // a snapshot kind another helper adds, carrying only process groups
    { ...top('18:58:00', 0, 0, null, 700), kind: 'snapshot.ps', data: { groups: [{ command: 'php-fpm', count: 8, rss_bytes: 160 * MIB, max_rss_bytes: 20 * MIB }, { command: 'mysqld', count: 1, rss_bytes: 120 * MIB, max_rss_bytes: 120 * MIB }] } } as Event,
  ];
  return events.sort((a, b) => a.time.ms - b.time.ms || a.seq - b.seq);
}

/** The Analysis the reporters get, with the correlator's real findings. */
export function fixtureAnalysis(): Analysis {
  const events = fixtureEvents();
  const byPath = new Map<string, InputStats>();
  for (const e of events) {
    const s = byPath.get(e.src.path) ?? { path: e.src.path, formats: [e.src.format], lines: 0, blank: 0, events: 0, unrecognized: 0, uninterpreted: 0, error: null };
    s.lines += e.src.lines;
    s.events++;
    byPath.set(e.src.path, s);
  }
  const inputs = [...byPath.values()];
  const stats = { lines: events.length, blank: 0, events: events.length, unrecognized: 0, uninterpreted: 0 };
  return { clock, identity: identityOf(['fixture'], null), inputs, events, stats, errors: [], lookbackSeconds: 900, ...correlate(events, { lookbackSeconds: 900 }) };
}
