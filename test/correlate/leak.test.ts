// A steady leak with a known rate: a watcher log generated here (seeded, so the same bytes every
// run) where memory in use grows 20 MiB/h with noise and a few spikes, and five php-fpm workers
// grow 2 MiB/h each. The trend must recover both rates and the time memory runs out.
import { describe, expect, it } from 'vitest';
import { summary } from '../../src/report/summary.js';
import { mulberry32, runText } from '../helpers.js';

const TOTAL = 1000; // MiB
const START_IN_USE = 300;
const RATE = 20; // MiB/h, memory in use
const WORKER_RATE = 2; // MiB/h, each worker
const ROUNDS = 73; // every 10 minutes for 12 h
const BUFF_CACHE = 100;
const T0 = Date.UTC(2026, 10, 24, 0, 0, 0);
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');
const clock = (d: Date) => `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
/** `date` in the C locale, UTC: `Tue Nov 24 00:10:00 UTC 2026`. */
const dateLine = (d: Date) => `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${clock(d)} UTC ${d.getUTCFullYear()}`;

function watcherLog(seed: number): string {
  const rnd = mulberry32(seed);
  const out: string[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const h = i / 6;
    const t = new Date(T0 + i * 600_000);
    const spike = i % 20 === 7 ? 60 : 0; // three outliers a least-squares fit would follow
    const inUse = START_IN_USE + RATE * h + (rnd() - 0.5) * 16 + spike;
    const avail = TOTAL - inUse;
    const free = avail - BUFF_CACHE;
    const rows = [
      { pid: 900, cmd: 'mariadbd', kib: 150 * 1024 },
      ...Array.from({ length: 5 }, (_, w) => ({ pid: 2000 + w, cmd: 'php-fpm', kib: Math.round((3 + WORKER_RATE * h + (rnd() - 0.5) * 0.6) * 1024) })),
      { pid: 3000, cmd: 'bash', kib: 4152 },
    ];
    out.push(
      dateLine(t),
      `top - ${clock(t)} up 3 days,  2:10,  0 user,  load average: 0.50, 0.40, 0.30`,
      `Tasks:   ${rows.length} total,   1 running,   ${rows.length - 1} sleeping,   0 stopped,   0 zombie`,
      '%Cpu(s):  1.0 us,  0.5 sy,  0.0 ni, 98.5 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st',
      `MiB Mem :   ${TOTAL.toFixed(1)} total,   ${free.toFixed(1)} free,   ${inUse.toFixed(1)} used,   ${BUFF_CACHE.toFixed(1)} buff/cache`,
      `MiB Swap:      0.0 total,      0.0 free,      0.0 used.   ${avail.toFixed(1)} avail Mem`,
      '',
      '  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND',
      ...rows.map((r) => `${String(r.pid).padStart(5)} www-data  20   0  250000 ${String(r.kib).padStart(6)}   3004 S   0.0   0.5   0:01.00 ${r.cmd}`),
    );
  }
  return `${out.join('\n')}\n`;
}

describe('a steady leak (generated watcher log, seed 14)', async () => {
  const a = await runText(watcherLog(14), { tz: 'UTC' });
  const s = summary(a);
  const MiB = 1024 ** 2;

  it('reads every round as one dated top snapshot', () => {
    expect(a.events.filter((e) => e.kind === 'snapshot.top' && e.time.source !== 'interval')).toHaveLength(ROUNDS);
  });

  it('recovers the memory growth rate despite the spikes, and when available memory runs out', () => {
    const t = s.trends.find((x) => x.group === 'memory');
    expect(t?.basis).toBe('fit');
    expect(t?.samples).toBe(ROUNDS);
    expect((t?.rate_bytes_per_hour ?? 0) / MiB).toBeGreaterThan(RATE - 1);
    expect((t?.rate_bytes_per_hour ?? 0) / MiB).toBeLessThan(RATE + 1);
    // at 12 h: 300 + 240 = 540 MiB in use, 460 available, at 20 MiB/h: 23 h more
    const hours = (Date.parse(t?.exhausted_at ?? '') - (T0 + 12 * 3600_000)) / 3600_000;
    expect(hours).toBeGreaterThan(23 - 1.5);
    expect(hours).toBeLessThan(23 + 1.5);
  });

  it('names the per-worker growth as a leak and advises pm.max_requests', () => {
    const fpm = s.trends.find((x) => x.group === 'php-fpm');
    expect(fpm?.per_worker?.workers).toBe(5);
    expect((fpm?.per_worker?.rate_bytes_per_hour ?? 0) / MiB).toBeCloseTo(WORKER_RATE, 0);
    expect((fpm?.rate_bytes_per_hour ?? 0) / MiB).toBeCloseTo(5 * WORKER_RATE, 0);
    const ad = s.advice.find((x) => x.setting === 'pm.max_requests');
    expect(ad?.recommended).toBe('500');
    expect(ad?.reason).toMatch(/5 php-fpm workers seen in 73 tables each grew about 2 MiB\/h/);
  });

  it('finds no trend for the constant mariadbd', () => {
    expect(s.trends.find((x) => x.group === 'mysqld')).toBeUndefined();
  });
});
