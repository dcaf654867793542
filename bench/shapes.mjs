// The benchmark's shapes of evidence, generated (seeded: the same scale gives the same bytes, never
// committed): watcher rounds in both `top` layouts, crash loops in three wordings, a year-less
// syslog, a MySQL 8.0 log of many notes, a busy php-fpm month, a pt-stalk collection, many small
// bundles for `--each`, and a log for the NDJSON export. Each `make(dir, units)` writes one input.
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, mulberry32 } from './generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pad = (n, w = 2) => String(n).padStart(w, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const START = Date.UTC(2026, 4, 1);
/** The syslog host's boot: its kernel stamps count seconds from it. */
const BOOT = Date.UTC(2024, 11, 1);

/** A buffered writer: `line(s)` appends, `done()` flushes and closes. */
function writer(file) {
  const w = createWriteStream(file);
  let buf = [];
  let size = 0;
  return {
    async line(s) {
      buf.push(s);
      size += s.length;
      if (size > 1 << 20) {
        const chunk = `${buf.join('\n')}\n`;
        buf = [];
        size = 0;
        if (!w.write(chunk)) await new Promise((r) => w.once('drain', r));
      }
    },
    async done() {
      if (buf.length) w.write(`${buf.join('\n')}\n`);
      await new Promise((r) => w.end(r));
    },
  };
}

const d = (ms) => new Date(ms);
const hms = (t) => `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
const dateLine = (ms) => {
  const t = d(ms);
  return `${DAYS[t.getUTCDay()]} ${MONTHS[t.getUTCMonth()]} ${String(t.getUTCDate()).padStart(2)} ${hms(t)} UTC ${t.getUTCFullYear()}`;
};
const uptime = (ms) => {
  const m = Math.floor((ms - START) / 60000) + 600;
  const days = Math.floor(m / 1440);
  const hm = `${String(Math.floor((m % 1440) / 60)).padStart(2)}:${pad(m % 60)}`;
  return days > 0 ? `${days} days, ${hm}` : hm;
};
const stamp55 = (ms, padHour = true) => {
  const t = d(ms);
  const h = t.getUTCHours();
  return `${pad(t.getUTCFullYear() % 100)}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())} ${padHour && h < 10 ? ` ${h}` : pad(h)}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
};
const iso = (ms) => d(ms).toISOString().replace('Z', '000Z');
const mariaStamp = (ms) => {
  const t = d(ms);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${String(t.getUTCHours()).padStart(2)}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
};
const sysStamp = (ms) => {
  const t = d(ms);
  return `${MONTHS[t.getUTCMonth()]} ${String(t.getUTCDate()).padStart(2)} ${hms(t)}`;
};

/** The processes of a small LNMP server: php-fpm workers grow, mysqld holds its pool. */
function processes(rnd, round) {
  const rows = [
    [1, 'root', 'systemd', 168000, 11000],
    [420, 'root', 'sshd', 15400, 7200],
    [512, 'root', 'cron', 8500, 2900],
    [800, 'www-data', 'nginx', 56000, 9000],
    [801, 'www-data', 'nginx', 56000, 8800],
    [900, 'mysql', 'mysqld', 1320000, 180000 + (round % 97) * 100],
    [1000, 'root', 'php-fpm', 220000, 18000],
  ];
  const workers = 8 + (round % 13);
  for (let i = 0; i < workers; i++) rows.push([1100 + i, 'www-data', 'php-fpm', 240000, 20000 + Math.floor(rnd() * 12000)]);
  return rows;
}

function topNg(ms, rows) {
  const used = rows.reduce((s, r) => s + r[4], 0) / 1024;
  return [
    `top - ${hms(d(ms))} up ${uptime(ms)},  1 user,  load average: 0.52, 0.61, 0.58`,
    `Tasks: ${rows.length} total,   1 running, ${rows.length - 1} sleeping,   0 stopped,   0 zombie`,
    '%Cpu(s):  3.1 us,  1.2 sy,  0.0 ni, 95.1 id,  0.4 wa,  0.0 hi,  0.2 si,  0.0 st',
    `MiB Mem :    983.4 total,  ${(983.4 - used - 120).toFixed(1).padStart(7)} free,  ${used.toFixed(1).padStart(7)} used,    120.0 buff/cache`,
    `MiB Swap:      0.0 total,      0.0 free,      0.0 used.  ${(983.4 - used).toFixed(1).padStart(7)} avail Mem`,
    '',
    '  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND',
    ...rows.map((r) => `${String(r[0]).padStart(5)} ${r[1].padEnd(9)} 20   0 ${String(r[3]).padStart(7)} ${String(r[4]).padStart(6)}   4000 S   0.0   ${((r[4] / 1007001) * 100).toFixed(1)}   0:01.00 ${r[2]}`),
    '',
  ];
}

function top32(ms, rows) {
  const used = Math.round(rows.reduce((s, r) => s + r[4], 0));
  return [
    `top - ${hms(d(ms))} up ${uptime(ms)},  1 user,  load average: 0.52, 0.61, 0.58`,
    `Tasks: ${rows.length} total,   1 running, ${rows.length - 1} sleeping,   0 stopped,   0 zombie`,
    'Cpu(s):  3.1%us,  1.2%sy,  0.0%ni, 95.1%id,  0.4%wa,  0.0%hi,  0.2%si,  0.0%st',
    `Mem:   1007001k total, ${String(used + 120000).padStart(8)}k used, ${String(1007001 - used - 120000).padStart(8)}k free,    20000k buffers`,
    'Swap:        0k total,        0k used,        0k free,   100000k cached',
    '',
    '  PID USER      PR  NI  VIRT  RES  SHR S %CPU %MEM    TIME+  COMMAND',
    ...rows.map((r) => `${String(r[0]).padStart(5)} ${r[1].padEnd(9)} 20   0 ${String(Math.round(r[3] / 1024)).padStart(4)}m ${String(Math.round(r[4] / 1024)).padStart(3)}m 4000 S  0.0  ${((r[4] / 1007001) * 100).toFixed(1)}   0:01.00 ${r[2]}`),
    '',
  ];
}

function freeM(rows, ng) {
  const used = Math.round(rows.reduce((s, r) => s + r[4], 0) / 1024);
  return ng
    ? ['               total        used        free      shared  buff/cache   available', `Mem:             983 ${String(used).padStart(11)} ${String(983 - used - 120).padStart(11)}           4         120 ${String(983 - used).padStart(11)}`, 'Swap:              0           0           0']
    : ['             total       used       free     shared    buffers     cached', `Mem:           983 ${String(used + 120).padStart(10)} ${String(983 - used - 120).padStart(10)}          0         20        100`, `-/+ buffers/cache: ${String(used).padStart(10)} ${String(983 - used).padStart(10)}`, 'Swap:            0          0          0'];
}

const psAux = (rows) => [
  'USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND',
  ...rows.map((r) => `${r[1].padEnd(8)} ${String(r[0]).padStart(5)}  0.0  ${((r[4] / 1007001) * 100).toFixed(1)} ${String(r[3]).padStart(6)} ${String(r[4]).padStart(5)} ?        S    May01   0:01 ${r[2]}`),
];

/** A month of watcher rounds (a round a minute: date, top, free; ps every tenth) and a crash inside. */
async function watcher(dir, units, ng) {
  mkdirSync(dir, { recursive: true });
  const rnd = mulberry32(7);
  const w = writer(path.join(dir, 'watcher.log'));
  const rounds = units;
  for (let i = 0; i < rounds; i++) {
    const ms = START + i * 60000;
    const rows = processes(rnd, i);
    await w.line(dateLine(ms));
    for (const l of ng ? topNg(ms + 1000, rows) : top32(ms + 1000, rows)) await w.line(l);
    for (const l of freeM(rows, ng)) await w.line(l);
    if (i % 10 === 0) for (const l of psAux(rows)) await w.line(l);
  }
  await w.done();
  // the crash: mysqld dies half-way and cannot map its buffer pool twice
  const mid = START + Math.floor(rounds / 2) * 60000 + 30000;
  writeFileSync(path.join(dir, 'mysqld.err'), [...crash55(mid - 3600000, 100, false), ...crash55(mid, 200, true), ...crash55(mid + 20000, 300, true)].join('\n') + '\n');
  return dir;
}

function crash55(ms, pid, fail) {
  const s = stamp55(ms);
  const t = stamp55(ms, false);
  const start = [`${t} mysqld_safe Number of processes running now: 0`, `${t} mysqld_safe mysqld restarted`, `${s} [Note] /usr/sbin/mysqld (mysqld 5.5.49-log) starting as process ${pid} ...`, `${s} InnoDB: Initializing buffer pool, size = 128.0M`];
  if (!fail) return [...start, `${s} [Note] /usr/sbin/mysqld: ready for connections.`, "Version: '5.5.49-log'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  Source distribution"];
  return [...start, 'InnoDB: mmap(137363456 bytes) failed; errno 12', `${s} InnoDB: Fatal error: cannot allocate memory for the buffer pool`, `${s} [ERROR] Plugin 'InnoDB' init function returned error.`, `${s} [ERROR] Aborting`, '', `${s} [Note] /usr/sbin/mysqld: Shutdown complete`, ''];
}

function crash80(ms, pid) {
  const s = iso(ms);
  return [
    `${s} 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld 8.0.36) starting as process ${pid}`,
    `${s} 1 [System] [MY-013576] [InnoDB] InnoDB initialization has started.`,
    `${s} 1 [ERROR] [MY-012681] [InnoDB] mmap(137428992 bytes) failed; errno 12`,
    `${s} 1 [ERROR] [MY-012956] [InnoDB] Cannot allocate memory for the buffer pool`,
    `${s} 1 [ERROR] [MY-012930] [InnoDB] Plugin initialization aborted with error Generic error.`,
    `${s} 1 [ERROR] [MY-010334] [Server] Failed to initialize DD Storage Engine`,
    `${s} 0 [ERROR] [MY-010020] [Server] Data Dictionary initialization failed.`,
    `${s} 0 [ERROR] [MY-010119] [Server] Aborting`,
    `${s} 0 [System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld 8.0.36)  MySQL Community Server - GPL.`,
  ];
}

function crashMaria(ms, pid) {
  const s = mariaStamp(ms);
  const t = stamp55(ms, false);
  return [
    `${t} mysqld_safe Number of processes running now: 0`,
    `${t} mysqld_safe mysqld restarted`,
    `${s} 0 [Note] Starting MariaDB 10.11.6-MariaDB-0+deb12u1 source revision fecd78b83785d5ae96f2c6ff340375be803cd299 as process ${pid}`,
    `${s} 0 [Note] InnoDB: Compressed tables use zlib 1.2.13`,
    `${s} 0 [ERROR] InnoDB: Cannot map innodb_buffer_pool_size_max=256m`,
    `${s} 0 [ERROR] Plugin 'InnoDB' registration as a STORAGE ENGINE failed.`,
    `${s} 0 [ERROR] Aborting`,
  ];
}

/** mysqld restarting every few seconds for days, each start failing for its buffer pool. */
async function crashLoop(file, units, kind) {
  const w = writer(file);
  const rnd = mulberry32(11);
  let ms = START;
  for (let i = 0; i < units; i++) {
    ms += 1000 + Math.floor(rnd() * 3000);
    const lines = kind === '5.5' ? crash55(ms, 1000 + i, true) : kind === '8.0' ? crash80(ms, 1000 + i) : crashMaria(ms, 1000 + i);
    for (const l of lines) await w.line(l);
  }
  await w.done();
  return file;
}

/** A 5.5 log where one line in five says the database was not shut down normally. */
async function recovery(file, units) {
  const w = writer(file);
  const rnd = mulberry32(5);
  let ms = START;
  for (let i = 0; i < units; i++) {
    ms += Math.floor(rnd() * 3000);
    const s = stamp55(ms);
    if (i % 5 === 0) await w.line(`${s}  InnoDB: Database was not shut down normally!`);
    else await w.line(`${s} [Warning] Aborted connection ${Math.floor(rnd() * 900000)} to db: 'wordpress' user: 'wp' host: 'localhost' (Got an error reading communication packets)`);
  }
  await w.done();
  return file;
}

function oomKill(ms, host, pid) {
  const s = `${sysStamp(ms)} ${host} kernel: [${((ms - BOOT) / 1000).toFixed(6).padStart(12)}]`;
  return [
    `${s} php-fpm invoked oom-killer: gfp_mask=0x201da, order=0, oom_score_adj=0`,
    `${s} CPU: 0 PID: 2211 Comm: php-fpm Not tainted 4.15.0-112-generic #113-Ubuntu`,
    `${s} Mem-Info:`,
    `${s} [ pid ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name`,
    `${s} [  900]   111   900   330000    45000   802816        0             0 mysqld`,
    `${s} [ 2211]    33  2211    60000     7000   300000        0             0 php-fpm`,
    `${s} [ 2212]    33  2212    60000     7100   300000        0             0 php-fpm`,
    `${s} Out of memory: Kill process ${pid} (mysqld) score 234 or sacrifice child`,
    `${s} Killed process ${pid} (mysqld) total-vm:1320000kB, anon-rss:180000kB, file-rss:0kB, shmem-rss:0kB`,
  ];
}

/** A year-less syslog: cron, sshd and systemd noise with a kernel OOM kill now and then. */
async function syslog(file, units) {
  const w = writer(file);
  const rnd = mulberry32(3);
  let ms = Date.UTC(2025, 0, 1);
  const step = Math.floor((360 * 86400000) / units);
  for (let i = 0; i < units; i++) {
    ms += Math.floor(rnd() * step * 2);
    const s = sysStamp(ms);
    const r = rnd();
    if (i % 5000 === 2500) for (const l of oomKill(ms, 'web', 900 + i)) await w.line(l);
    else if (r < 0.3) await w.line(`${s} web CRON[${10000 + Math.floor(rnd() * 50000)}]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)`);
    else if (r < 0.6) await w.line(`${s} web sshd[${10000 + Math.floor(rnd() * 50000)}]: Failed password for invalid user admin from 203.0.113.${Math.floor(rnd() * 255)} port ${1024 + Math.floor(rnd() * 60000)} ssh2`);
    else if (r < 0.8) await w.line(`${s} web systemd[1]: Started Session ${Math.floor(rnd() * 90000)} of user root.`);
    else await w.line(`${s} web systemd-logind[612]: New session ${Math.floor(rnd() * 90000)} of user root.`);
  }
  await w.done();
  return file;
}

const NOTES80 = [
  '[Note] [MY-010914] [Server] Aborted connection %d to db: \'shop\' user: \'app\' host: \'10.0.0.%d\' (Got an error reading communication packets).',
  '[Warning] [MY-010055] [Server] IP address \'10.0.%d.%d\' could not be resolved: Name or service not known',
  '[Note] [MY-013730] [Server] \'wait_timeout\' period of 28800 seconds was exceeded for `app`@`10.0.0.%d`. The idle time since last command was too long.',
  '[Warning] [MY-013360] [Server] Plugin sha256_password reported: \'\'sha256_password\' is deprecated\' %d %d',
  '[Note] [MY-010926] [Server] Access denied for user \'root\'@\'10.0.%d.%d\' (using password: YES)',
  '[Warning] [MY-010068] [Server] CA certificate ca.pem is self signed. %d %d',
  '[Note] [MY-011953] [InnoDB] Page cleaner took %d ms to flush %d and evict 0 pages',
  '[Warning] [MY-012574] [InnoDB] Unable to create a new thread %d %d',
  '[Note] [MY-012487] [InnoDB] DDL log recovery : begin %d %d',
  '[Warning] [MY-010909] [Server] /usr/sbin/mysqld: Forcing close of thread %d  user: \'app\' %d',
];
for (let i = 0; i < 35; i++) NOTES80.push(`[Note] [MY-0${13000 + i}] [Server] Distinct server note number ${i} about subsystem ${i % 7}: value %d of %d`);

/** A MySQL 8.0 log: ~45 distinct messages and deadlock reports with unstamped continuation lines. */
async function mysql80(file, units) {
  const w = writer(file);
  const rnd = mulberry32(13);
  let ms = START;
  for (let i = 0; i < units; i++) {
    ms += Math.floor(rnd() * 2000);
    const s = iso(ms);
    if (i % 200 === 100) {
      await w.line(`${s} 12 [Note] [MY-012468] [InnoDB] Transactions deadlock detected, dumping detailed information.`);
      await w.line('*** (1) TRANSACTION:');
      await w.line(`TRANSACTION ${Math.floor(rnd() * 1e6)}, ACTIVE 0 sec starting index read`);
      await w.line('mysql tables in use 1, locked 1');
      await w.line('LOCK WAIT 2 lock struct(s), heap size 1136, 1 row lock(s)');
      continue;
    }
    const t = NOTES80[Math.floor(rnd() * NOTES80.length)];
    let k = 0;
    await w.line(`${s} ${Math.floor(rnd() * 40)} ${t.replace(/%d/g, () => String(k++ === 0 ? Math.floor(rnd() * 900000) : Math.floor(rnd() * 255)))}`);
  }
  await w.done();
  return file;
}

/** A busy php-fpm month: children started and exiting, busy warnings, max_children reached. */
async function phpFpm(file, units) {
  const w = writer(file);
  const rnd = mulberry32(17);
  let ms = START;
  let pid = 20000;
  for (let i = 0; i < units; i++) {
    ms += Math.floor(rnd() * 40000);
    const t = d(ms);
    const s = `[${pad(t.getUTCDate())}-${MONTHS[t.getUTCMonth()]}-${t.getUTCFullYear()} ${hms(t)}]`;
    const r = rnd();
    if (r < 0.35) await w.line(`${s} NOTICE: [pool www] child ${pid++} started`);
    else if (r < 0.7) await w.line(`${s} NOTICE: [pool www] child ${pid - 30} exited with code 0 after ${(rnd() * 3600).toFixed(6)} seconds from start`);
    else if (r < 0.95) await w.line(`${s} WARNING: [pool www] seems busy (you may need to increase pm.start_servers, or pm.min/max_spare_servers), spawning ${[8, 16, 32][i % 3]} children, there are 0 idle, and ${10 + (i % 40)} total children`);
    else await w.line(`${s} WARNING: [pool www] server reached pm.max_children setting (50), consider raising it`);
  }
  await w.done();
  return file;
}

const PTS = path.join(root, 'samples', '2026-11-24-lnmp-ptstalk-buffer-pool-failure');
const PT_PREFIX = '2026_11_24_04_26_41';
const ptName = (ms) => {
  const t = d(ms);
  return `${t.getUTCFullYear()}_${pad(t.getUTCMonth() + 1)}_${pad(t.getUTCDate())}_${pad(t.getUTCHours())}_${pad(t.getUTCMinutes())}_${pad(t.getUTCSeconds())}`;
};

/** A pt-stalk collection: the sample's meminfo, top and ps, one collection an hour. */
function ptStalk(dir, units) {
  mkdirSync(dir, { recursive: true });
  const base = Date.UTC(2026, 10, 24, 4, 26, 41);
  const files = ['meminfo', 'top', 'ps'].map((k) => [k, readFileSync(path.join(PTS, `${PT_PREFIX}-${k}`), 'utf8')]);
  for (let i = 0; i < units; i++) {
    const shift = (i - units) * 3600000;
    for (const [k, text] of files) {
      const out = text.replace(/^TS (\d+)\.(\d+) \S+ \S+$/gm, (_, sec, ns) => {
        const ms = Number(sec) * 1000 + shift;
        return `TS ${Math.floor(ms / 1000)}.${ns} ${d(ms).toISOString().slice(0, 10)} ${hms(d(ms))}`;
      });
      writeFileSync(path.join(dir, `${ptName(base + shift)}-${k}`), out);
    }
  }
  return dir;
}

/** Many small bundles for `--each`: copies of the lab's watcher bundle. */
function bundles(dir, units) {
  const src = path.join(root, 'samples', '2026-11-24-lab-mariadb-buffer-pool-ulimit');
  const names = ['my.cnf', 'mysqld.err', 'php-fpm.log', 'watcher.log', 'www.conf'];
  const texts = names.map((n) => readFileSync(path.join(src, n)));
  const dirs = [];
  for (let i = 0; i < units; i++) {
    const b = path.join(dir, `b${pad(i, 4)}`);
    mkdirSync(b, { recursive: true });
    names.forEach((n, k) => writeFileSync(path.join(b, n), texts[k]));
    dirs.push(b);
  }
  return dirs;
}

const file = (dir, name) => (mkdirSync(dir, { recursive: true }), path.join(dir, name));

/**
 * The shapes: `units` at 1× (10× multiplies them), `make(dir, units)` returns the input path(s),
 * `args` are extra arguments, `each` marks a run over many bundles, `ndjson` a timeline export.
 */
export const SHAPES = [
  { name: 'mysql-5.5-warnings', units: 200_000, make: async (dir, n) => (await generate(file(dir, 'mysqld.err'), n), path.join(dir, 'mysqld.err')) },
  { name: 'mysql-5.5-recovery', units: 200_000, make: (dir, n) => recovery(file(dir, 'mysqld.err'), n) },
  { name: 'watcher-procps-ng', units: 4_320, make: (dir, n) => watcher(dir, n, true) },
  { name: 'watcher-procps-3.2', units: 4_320, make: (dir, n) => watcher(dir, n, false) },
  { name: 'crash-loop-5.5', units: 5_000, make: (dir, n) => crashLoop(file(dir, 'mysqld.err'), n, '5.5') },
  { name: 'crash-loop-8.0', units: 5_000, make: (dir, n) => crashLoop(file(dir, 'mysqld.err'), n, '8.0') },
  { name: 'crash-loop-mariadb', units: 5_000, make: (dir, n) => crashLoop(file(dir, 'mysqld.err'), n, 'mariadb') },
  { name: 'syslog-yearless', units: 150_000, make: (dir, n) => syslog(file(dir, 'syslog'), n) },
  { name: 'mysql-8.0-notes', units: 120_000, make: (dir, n) => mysql80(file(dir, 'mysqld.err'), n) },
  { name: 'php-fpm-month', units: 120_000, make: (dir, n) => phpFpm(file(dir, 'php-fpm.log'), n) },
  { name: 'pt-stalk', units: 40, make: (dir, n) => ptStalk(dir, n) },
  { name: 'each-bundles', units: 20, each: true, make: (dir, n) => bundles(dir, n) },
  { name: 'ndjson-export', units: 100_000, ndjson: true, make: async (dir, n) => (await generate(file(dir, 'mysqld.err'), n, 9), path.join(dir, 'mysqld.err')) },
];
