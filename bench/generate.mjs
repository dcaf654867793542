// A deterministic MySQL 5.5 error log for benchmarks: months of resolver warnings and aborted
// connections, with a crash cycle (errno 12, mysqld_safe restart, recovery) every ~50k lines.
// Seeded PRNG: the same arguments give the same bytes. Usage: node bench/generate.mjs OUT LINES
import { createWriteStream } from 'node:fs';

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n) => String(n).padStart(2, '0');
function stamp55(ms) {
  const d = new Date(ms);
  const h = d.getUTCHours();
  return `${pad(d.getUTCFullYear() % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${h < 10 ? ` ${h}` : h}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
function stampSafe(ms) {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear() % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function crashCycle(ms, pid) {
  const s = stamp55(ms);
  const t = stampSafe(ms);
  return [
    `${t} mysqld_safe Number of processes running now: 0`,
    `${t} mysqld_safe mysqld restarted`,
    `${s} [Note] /usr/local/mysql/bin/mysqld (mysqld 5.5.49-log) starting as process ${pid} ...`,
    `${s} InnoDB: Initializing buffer pool, size = 128.0M`,
    'InnoDB: mmap(137363456 bytes) failed; errno 12',
    `${s} InnoDB: Fatal error: cannot allocate memory for the buffer pool`,
    `${s} [ERROR] Aborting`,
    '',
    `${s} [Note] /usr/local/mysql/bin/mysqld: Shutdown complete`,
    '',
    `${t} mysqld_safe mysqld from pid file /usr/local/mysql/data/web.pid ended`,
    `${t} mysqld_safe Starting mysqld daemon with databases from /usr/local/mysql/data`,
    `${s} [Note] /usr/local/mysql/bin/mysqld (mysqld 5.5.49-log) starting as process ${pid + 1} ...`,
    `${s} InnoDB: Initializing buffer pool, size = 16.0M`,
    `${s}  InnoDB: Database was not shut down normally!`,
    'InnoDB: Starting crash recovery.',
    `${s} [Note] /usr/local/mysql/bin/mysqld: ready for connections.`,
    "Version: '5.5.49-log'  socket: '/tmp/mysql.sock'  port: 3306  Source distribution",
  ];
}

export async function generate(out, lines, seed = 42) {
  const rnd = mulberry32(seed);
  const w = createWriteStream(out);
  let ms = Date.UTC(2016, 0, 1);
  let n = 0;
  let pid = 1000;
  let buf = [];
  const flush = async () => {
    if (!w.write(`${buf.join('\n')}\n`)) await new Promise((r) => w.once('drain', r));
    buf = [];
  };
  while (n < lines) {
    ms += Math.floor(rnd() * 4000);
    const r = rnd();
    if (r < 0.00002 * 1) {
      const c = crashCycle(ms, (pid += 2));
      buf.push(...c);
      n += c.length;
    } else if (r < 0.55) {
      const ip = `${Math.floor(rnd() * 223) + 1}.${Math.floor(rnd() * 255)}.${Math.floor(rnd() * 255)}.${Math.floor(rnd() * 255)}`;
      buf.push(`${stamp55(ms)} [Warning] IP address '${ip}' could not be resolved: Name or service not known`);
      n++;
    } else {
      const id = Math.floor(rnd() * 900000);
      buf.push(`${stamp55(ms)} [Warning] Aborted connection ${id} to db: 'wordpress' user: 'wp' host: 'localhost' (Got an error reading communication packets)`);
      n++;
    }
    if (buf.length >= 4096) await flush();
  }
  await flush();
  await new Promise((r) => w.end(r));
}

if (process.argv[1] && process.argv[1].endsWith('generate.mjs')) {
  await generate(process.argv[2] ?? 'bench/.data/mysql-5.5.log', Number(process.argv[3] ?? 2_000_000));
}
