// What a MySQL / MariaDB / mysqld_safe message body means: its event kind and data. Checked with
// cheap substring tests first, then small anchored regexes, so a long hostile line costs one scan.
import type { EventDataMap } from '../../event.js';
import { FOLD_TEXTS } from '../../fold-texts.js';
import { scaledBytes } from '../units.js';

export type MysqlKind =
  | 'mysql.start'
  | 'mysql.ready'
  | 'mysql.shutdown'
  | 'mysql.abort'
  | 'mysql.crash_recovery'
  | 'mysql.buffer_pool_init'
  | 'mysql.mmap_failed'
  | 'mysql.buffer_pool_alloc_failed'
  | 'mysql.out_of_memory'
  | 'mysql.signal'
  | 'mysql.log'
  | 'mysqld_safe.start'
  | 'mysqld_safe.died'
  | 'mysqld_safe.restart'
  | 'mysqld_safe.ended';

export interface Meaning {
  kind: MysqlKind;
  data: EventDataMap[MysqlKind];
  pid?: number;
  /** Server binary name when the line says it (`/usr/sbin/mariadbd` → `mariadbd`). */
  server?: string;
  /** A 5.0 `cannot allocate N bytes` line: the size a following `errno: 12` line refers to. */
  allocBytes?: number;
}

/** `128.0M`, `1024m`, `40.0G`, `512` → bytes. */
export function sizeToBytes(num: string, unit: string | undefined): number {
  return scaledBytes(num, unit) ?? Math.round(Number(num)); // the patterns take only K, M, G, T
}

const MMAP = /mmap\((\d+) bytes\) failed; errno (\d+)/;
// Windows: 8 is ERROR_NOT_ENOUGH_MEMORY, 1455 ERROR_COMMITMENT_LIMIT (the paging file is too small)
const VIRTUAL_ALLOC = /VirtualAlloc\((\d{1,20}) bytes\) failed; Windows error (8|1455)\b/;
// `mysqld: Out of memory (Needed 128917504 bytes)` (MySQL's EE_OUTOFMEMORY; 5.x to MariaDB 11)
const NEEDED = /\bOut of memory \(Needed (\d{1,20}) bytes\)/;
// InnoDB's ut_malloc giving up: `Cannot allocate 1064984 bytes of memory after 60 retries over 60 seconds`
const RETRIES = /^InnoDB: Cannot allocate (\d{1,20}) bytes of memory after \d{1,6} retries/;
// thread creation refused for memory (errno 12, ENOMEM): `Can't create thread to handle new
// connection(errno= 12)`, 8.0's `Can't create thread to handle bootstrap (errno: 12)`; errno 11
// (EAGAIN) is a process limit, not memory
const THREAD = /^Can't create (?:a new )?thread[^(]{0,80}\(errno(?:=|:) ?12\b/;
const OS_ERRNO = /Operating system errno: (\d+)/;
const MALLOC_BYTES = /cannot allocate (\d+) bytes of/;
const POOL_INIT = /Initializing buffer pool, (?:total )?size = ([\d.]+) ?([KMGT])?/;
const POOL_SIZES = /^InnoDB: innodb_buffer_pool_size_max=\S+, innodb_buffer_pool_size=([\d.]+)([kmgtKMGT])?/;
const CANNOT_MAP = /Cannot map innodb_buffer_pool_size_max=([\d.]+)([kmgtKMGT])?/;
// MariaDB 10.5 to 10.10 say `mariadbd (server 10.6.10-MariaDB) starting as process 394 ...`
const STARTING = /(\S+) \((?:mysqld|mariadbd|server) ([^)]+)\) starting as process (\d+)/;
const STARTING_MARIA = /Starting MariaDB (\S+).* as process (\d+)/;
const SIGNAL = /got signal (\d+)/;
const READY = /(\S+): ready for connections/;
const PID_FILE_ENDED = /from pid file (\S+) ended/;
const DATADIR = /daemon with databases from (\S+)/;

/** 8.0 says `Version: '8.0.23'  socket: '...'  port: 3306` on the ready line itself. */
function readyData(body: string): EventDataMap['mysql.ready'] {
  const data: EventDataMap['mysql.ready'] = {};
  const at = body.indexOf('Version: ');
  if (at < 0) return data;
  const rest = body.slice(at);
  const v = /^Version: '([^']*)'/.exec(rest);
  const port = /\bport: (\d+)/.exec(rest);
  const sock = /socket: '([^']*)'/.exec(rest);
  if (v) data.version = v[1];
  if (port) data.port = Number(port[1]);
  if (sock) data.socket = sock[1];
  return data;
}

function binName(p: string): string {
  const slash = p.lastIndexOf('/');
  const b = p.slice(slash + 1).replace(/:$/, '');
  return b || 'mysqld';
}

/** Lines mysqld_safe writes (with or without its name, as 5.0's `mysqld restarted`). */
function safeMeaning(body: string): Meaning | null {
  if (body.includes('Number of processes running now: 0')) return { kind: 'mysqld_safe.died', data: {} };
  if (/^(?:mysqld_safe )?Starting (?:mysqld|mariadbd|mariadb) daemon/.test(body)) {
    const m = DATADIR.exec(body);
    return { kind: 'mysqld_safe.start', data: m ? { datadir: m[1] } : {} };
  }
  if (/^(?:mysqld_safe +)?mysqld restarted/.test(body)) return { kind: 'mysqld_safe.restart', data: {} };
  if (/^(?:mysqld_safe +)?mysqld started/.test(body)) return { kind: 'mysqld_safe.start', data: {} };
  if (/^(?:mysqld_safe +)?(?:mysqld|mariadbd) (?:from pid file \S+ )?ended/.test(body) || /^mysqld_safe .*ended/.test(body)) {
    const m = PID_FILE_ENDED.exec(body);
    return { kind: 'mysqld_safe.ended', data: m ? { pid_file: m[1] } : {} };
  }
  return null;
}

/**
 * Every meaning below needs one of these words: a body with none is a plain log line. Words only
 * (no digits, no `#`), so the answer is the same for every body with the same fold text, and is
 * worked out once per text (FOLD_TEXTS).
 */
const TRIGGER = /mysqld|Number of processes|mariadbd|errno|Out of memory|Windows error|retries|buffer[ _]pool|starting as process|Starting MariaDB|ready for connections|got signal|Shutdown complete|Aborting|Database was not shut|Starting crash recovery|cannot allocate /;

/** A plain log line's meaning, shared (frozen): the event made from it gets data of its own. */
export const PLAIN: Meaning = Object.freeze({ kind: 'mysql.log', data: Object.freeze({}) }) as Meaning;

/** The server's own allocation failures (and Windows' VirtualAlloc of the buffer pool). */
function outOfMemory(body: string): Meaning | null {
  if (body.includes('Out of memory')) {
    const n = NEEDED.exec(body);
    if (n) return { kind: 'mysql.out_of_memory', data: { what: 'needed', bytes: clampBytes(n[1]) } };
  }
  if (body.includes('retries')) {
    const r = RETRIES.exec(body);
    if (r) return { kind: 'mysql.out_of_memory', data: { what: 'retries', bytes: clampBytes(r[1]) } };
  }
  if (body.includes('errno') && THREAD.test(body)) return { kind: 'mysql.out_of_memory', data: { what: 'thread', errno: 12 } };
  if (body.includes('Windows error')) {
    const v = VIRTUAL_ALLOC.exec(body);
    if (v) return { kind: 'mysql.mmap_failed', data: { bytes: clampBytes(v[1]), windows_error: Number(v[2]) } };
  }
  return null;
}

/** A byte count from a log line, kept within what a number holds exactly. */
function clampBytes(digits: string): number {
  return Math.min(Number(digits), Number.MAX_SAFE_INTEGER);
}

/** The meaning of a message body. `lastAllocBytes` is the size a 5.0 malloc failure named earlier. */
export function meaningOf(body: string, level: string | undefined, lastAllocBytes?: number): Meaning {
  if (!FOLD_TEXTS.has(body, TRIGGER)) return PLAIN;
  if (body.includes('mysqld') || body.includes('Number of processes') || body.includes('mariadbd')) {
    const safe = body.startsWith('mysqld_safe') || /^(?:mysqld|Number) /.test(body) ? safeMeaning(body) : null;
    if (safe) return safe;
  }
  const oom = outOfMemory(body);
  if (oom) return oom;
  if (body.includes('errno')) {
    const m = MMAP.exec(body);
    if (m) return { kind: 'mysql.mmap_failed', data: { bytes: Number(m[1]), errno: Number(m[2]) } };
    const o = OS_ERRNO.exec(body);
    if (o && o[1] === '12') return { kind: 'mysql.mmap_failed', data: { bytes: lastAllocBytes ?? 0, errno: 12 } };
  }
  if (body.includes('buffer pool') || body.includes('buffer_pool')) {
    if (/cannot allocate (?:the )?memory for the buffer pool/i.test(body)) return { kind: 'mysql.buffer_pool_alloc_failed', data: {} };
    const init = POOL_INIT.exec(body);
    if (init) return { kind: 'mysql.buffer_pool_init', data: { bytes: sizeToBytes(init[1], init[2]) } };
    const map = CANNOT_MAP.exec(body);
    if (map) return { kind: 'mysql.buffer_pool_alloc_failed', data: { bytes: sizeToBytes(map[1], map[2]) } };
    // MariaDB 10.11+ says its size instead of `Initializing buffer pool`
    const sizes = POOL_SIZES.exec(body);
    if (sizes) return { kind: 'mysql.buffer_pool_init', data: { bytes: sizeToBytes(sizes[1], sizes[2]) } };
  }
  if (body.includes('starting as process') || body.includes('Starting MariaDB')) {
    const m = STARTING.exec(body);
    if (m) return { kind: 'mysql.start', data: { version: m[2] }, pid: Number(m[3]), server: binName(m[1]) };
    const ma = STARTING_MARIA.exec(body);
    if (ma) return { kind: 'mysql.start', data: { version: ma[1] }, pid: Number(ma[2]), server: 'mariadbd' };
  }
  if (body.includes('ready for connections')) {
    // `X Plugin ready for connections.` (8.0) is a plugin, not the server: no `name:` before it
    const m = READY.exec(body);
    if (m) return { kind: 'mysql.ready', data: readyData(body), server: binName(m[1]) };
  }
  if (body.includes('got signal')) {
    const m = SIGNAL.exec(body);
    if (m) return { kind: 'mysql.signal', data: { signal: Number(m[1]), trace_lines: 0 } };
  }
  // the server's `Shutdown complete`, not InnoDB's `Shutdown completed; log sequence number` before it
  if (body.includes('Shutdown complete') && !body.startsWith('InnoDB')) return { kind: 'mysql.shutdown', data: {} };
  if (body === 'Aborting' || (level === 'error' && body.startsWith('Aborting'))) return { kind: 'mysql.abort', data: {} };
  if (/Database was not shut ?down normally!/.test(body) || /^InnoDB: Starting crash recovery/.test(body)) {
    return { kind: 'mysql.crash_recovery', data: {} };
  }
  const alloc = MALLOC_BYTES.exec(body);
  if (alloc && body.includes('InnoDB')) return { kind: 'mysql.log', data: {}, allocBytes: Number(alloc[1]) };
  return { kind: 'mysql.log', data: {} };
}

/** `[Note]` → info, `[ERROR]` → error; InnoDB lines without a level guess from their words. */
export function levelOf(bracket: string | undefined, body: string): string {
  if (bracket) {
    if (bracket === '[Note]') return 'info';
    if (bracket === '[Warning]') return 'warning';
    if (bracket === '[ERROR]') return 'error';
    const b = bracket.slice(1, -1).toLowerCase();
    if (b === 'note' || b === 'system' || b === 'information') return 'info';
    if (b === 'warning') return 'warning';
    if (b === 'error') return 'error';
    return b;
  }
  if (/\b(?:Fatal error|Error|ERROR|errno)\b/.test(body) || body.includes('Assertion failure')) return 'error';
  if (/\bWarning\b/.test(body)) return 'warning';
  return 'info';
}
