// The correlator on events built by hand: each shape of evidence a real bundle can have.
import { describe, expect, it } from 'vitest';
import { correlate } from '../../src/correlate/index.js';
import type { Event } from '../../src/event.js';
import { MiB, ev, free, min, mmap, top, workers } from './build.js';

const opts = { lookbackSeconds: 15 * 60 };
const sorted = (events: Event[]) => [...events].sort((a, b) => a.time.ms - b.time.ms || a.seq - b.seq);

describe('correlate', () => {
  it('the seed shape: no snapshot before, one after; says so plainly and blames nobody', () => {
    const f = mmap(min(0));
    const later = top(min(12 * 60), { total: 994, free: 67 }, workers(2, 30));
    const { failures } = correlate(sorted([f, later]), opts);
    expect(failures).toHaveLength(1);
    expect(failures[0].before).toBeNull();
    expect(failures[0].after?.gap_seconds).toBe(12 * 3600);
    expect(failures[0].culprit).toBeNull();
    expect(failures[0].verdict).toMatch(/No memory snapshot in the 15 m before this failure; the first one after it was taken 12 h 00 m later/);
  });

  it('a watcher every minute, php-fpm growing to 32 workers on 1 GB: php-fpm is the culprit and max_children is cut', () => {
    const events: Event[] = [ev('config.phpfpm', min(-120), { pool: 'www', settings: { 'pm.max_children': '50', pm: 'dynamic' } })];
    for (let i = 0; i <= 30; i++) {
      const n = 2 + i; // 2 → 32 workers, each 25 MiB
      const used = 150 + n * 25;
      events.push(top(min(i - 30), { total: 994, free: 994 - used, buffers: 2, cached: 10 }, [...workers(n, 25), { pid: 1, command: 'init', rss_bytes: 1 * MiB }]));
    }
    const fail = mmap(min(0) + 20_000);
    events.push(fail);
    const { failures, advice } = correlate(sorted(events), opts);
    const f = failures[0];
    expect(f.before?.gap_seconds).toBe(20);
    expect(f.before?.php_fpm?.processes).toBe(32);
    expect(f.before?.php_fpm?.rss_bytes).toBe(32 * 25 * MiB);
    expect(f.culprit).toBe('php-fpm');
    expect(f.verdict).toMatch(/32 php-fpm workers held 800 MiB \(80% of 994 MiB\)/);
    const mc = advice.find((a) => a.setting === 'pm.max_children');
    expect(mc?.current).toBe('50');
    expect(Number(mc?.recommended)).toBeLessThan(50);
    expect(mc?.reason).toMatch(/90th percentile/);
  });

  it('plenty of free memory: no culprit, and the verdict points at limits instead', () => {
    const events = [top(min(-1), { total: 24000, free: 20000, available: 21000 }, workers(10, 25)), mmap(min(0), 1024 * MiB)];
    const { failures } = correlate(sorted(events), opts);
    expect(failures[0].culprit).toBeNull();
    expect(failures[0].verdict).toMatch(/not short.*ulimit -v.*cgroup/);
  });

  it('a kernel OOM kill with its task table: the table is the state at the kill', () => {
    const table = ev('snapshot.top', min(0), { rows: [...workers(40, 20), { pid: 7082, command: 'mysqld', rss_bytes: 150 * MiB }] });
    const kill = ev('kernel.oom_kill', min(0), { anon_rss_bytes: 150 * MiB }, { process: { pid: 7082, name: 'mysqld' } });
    const { failures, incidents } = correlate(sorted([table, kill]), opts);
    expect(failures).toHaveLength(1);
    expect(failures[0].before?.gap_seconds).toBe(0);
    expect(failures[0].before?.php_fpm?.processes).toBe(40);
    expect(failures[0].culprit).toBe('php-fpm');
    expect(incidents[0].deaths + incidents[0].failures).toBeGreaterThan(0);
  });

  it('an interval-dated snapshot counts only if its whole interval lies before the failure', () => {
    const straddling: Event = { ...free(min(-2), 994, 30), time: { ms: min(-2), latestMs: min(1), source: 'interval' } };
    const inside: Event = { ...free(min(-5), 994, 40), time: { ms: min(-6), latestMs: min(-4), source: 'interval' } };
    const { failures } = correlate(sorted([inside, straddling, mmap(min(0))]), opts);
    expect(failures[0].before?.event).toBe(inside);
  });

  it('lookback edges: exactly 15 m before counts, a second more does not', () => {
    const at = correlate(sorted([free(min(-15), 994, 30), mmap(min(0))]), opts).failures[0];
    expect(at.before?.gap_seconds).toBe(900);
    const past = correlate(sorted([free(min(-15) - 1000, 994, 30), mmap(min(0))]), opts).failures[0];
    expect(past.before).toBeNull();
  });

  it('failures with no snapshots at all', () => {
    const { failures, advice } = correlate([mmap(min(0))], opts);
    expect(failures[0].before).toBeNull();
    expect(failures[0].after).toBeNull();
    expect(failures[0].verdict).toMatch(/No memory snapshot anywhere near/);
    expect(advice).toEqual([]);
  });

  it('counts one failure per start attempt: the Fatal error after an mmap failure is the same failure', () => {
    const events = [
      ev('mysql.buffer_pool_init', min(0), { bytes: 128 * MiB }),
      mmap(min(0)),
      ev('mysql.buffer_pool_alloc_failed', min(0), {}),
      ev('mysqld_safe.restart', min(1), {}),
      ev('mysql.buffer_pool_alloc_failed', min(1), {}),
    ];
    const { failures } = correlate(events, opts);
    expect(failures.map((f) => [f.event.kind, f.requested_bytes])).toEqual([
      ['mysql.mmap_failed', 137363456],
      ['mysql.buffer_pool_alloc_failed', null],
    ]);
  });

  it('an incident with no ready afterwards is down; one with nothing after it is unknown', () => {
    const down = correlate([mmap(min(0)), ev('mysqld_safe.restart', min(1), {}), ev('mysql.start', min(1), {})], opts).incidents;
    expect(down.map((i) => [i.outcome, i.restarts, i.downtime_seconds])).toEqual([['down', 1, 60]]);
    const unknown = correlate([mmap(min(0))], opts).incidents;
    expect(unknown.map((i) => [i.outcome, i.downtime_seconds])).toEqual([['unknown', null]]);
  });

  it('a kill of another process is a failure but opens no database incident', () => {
    const kill = ev('kernel.oom_kill', min(0), { anon_rss_bytes: 20 * MiB }, { process: { pid: 4321, name: 'php-fpm' } });
    const later = ev('mysql.log', min(10), {});
    const { failures, incidents } = correlate(sorted([kill, later]), opts);
    expect(failures).toHaveLength(1);
    expect(failures[0].verdict).toMatch(/when the kernel killed php-fpm \(pid 4321\)/);
    expect(incidents).toEqual([]);
  });

  it('a kill long after the last snapshot is hedged: the table is named as older than the kill', () => {
    const snap = top(min(-10), { total: 1000, free: 100, available: 650 }, [...workers(10, 20), { pid: 9, command: 'mysqld', rss_bytes: 300 * MiB }]);
    const kill = ev('kernel.oom_kill', min(0), {}, { process: { pid: 2000, name: 'php-fpm' } });
    const f = correlate(sorted([snap, kill]), opts).failures[0];
    expect(f.culprit).toBe('mysqld');
    expect(f.verdict).toMatch(/^The kernel ran out of memory and killed php-fpm \(pid 2000\); the process table 10 m before it .* shows mysqld \(1 process\) held 300 MiB .*likely culprit if nothing changed in between\): mysqld itself held the most/);
  });

  it('names a snapshot that fell just outside the lookback', () => {
    const f = correlate(sorted([free(min(-19), 994, 30), mmap(min(0))]), opts).failures[0];
    expect(f.before).toBeNull();
    expect(f.verdict).toMatch(/the nearest earlier one was taken 19 m before \(test\.log:\d+\), outside --lookback/);
  });

  it('an incident with the server\'s own lines after it and no ready is down until its last line', () => {
    const events = [mmap(min(0)), ev('mysql.abort', min(0), {}), ev('mysqld_safe.ended', min(0), {}), ev('mysql.log', min(5), {}), free(min(9), 994, 500)];
    const [inc] = correlate(sorted(events), opts).incidents;
    expect([inc.outcome, inc.downtime_seconds]).toEqual(['down', 300]);
  });

  it('another file\'s later lines do not make a downtime: unknown after the server\'s last line', () => {
    const events = [mmap(min(0)), ev('mysql.abort', min(0), {}), ev('mysqld_safe.ended', min(0), {}), free(min(5), 994, 500), free(min(60 * 24 * 319), 994, 500)];
    const [inc] = correlate(sorted(events), opts).incidents;
    expect([inc.outcome, inc.downtime_seconds]).toEqual(['unknown', null]);
  });

  it('counts each aborted attempt that logged no start line as a restart (Windows)', () => {
    const attempt = (m: number) => [ev('mysql.buffer_pool_alloc_failed', min(m), {}), ev('mysql.abort', min(m), {})];
    const [inc] = correlate([...attempt(0), ...attempt(1), ...attempt(15)], opts).incidents;
    expect([inc.failures, inc.restarts]).toEqual([3, 2]);
  });

  it('adds up pm.max_children over several pools', () => {
    const pools = [
      ev('config.phpfpm', min(-60), { pool: 'www', settings: { 'pm.max_children': '50' } }),
      ev('config.phpfpm', min(-60), { pool: 'api', settings: { 'pm.max_children': '30' } }),
    ];
    const { advice } = correlate(sorted([...pools, top(min(-1), { total: 994, free: 100 }, workers(30, 25)), mmap(min(0))]), opts);
    const mc = advice.find((a) => a.setting === 'pm.max_children');
    expect(mc?.current).toBe('80');
    expect(mc?.reason).toMatch(/2 pools: 50 at .*, 30 at /);
  });

  it('when pm.max_children goes down, the spare settings php-fpm checks against it follow (or it would not start)', () => {
    const conf = (settings: Record<string, string>) => ev('config.phpfpm', min(-60), { pool: 'www', settings: { 'pm.max_children': '50', pm: 'dynamic', ...settings } });
    const state = top(min(-1), { total: 994, free: 100 }, workers(30, 25));
    const settingsOf = (advice: { setting: string; current: string | null; recommended: string }[]) => advice.map((a) => [a.setting, a.current, a.recommended]);
    // the seed's pool: max_spare 35 would exceed the new max_children
    const seed = correlate(sorted([conf({ 'pm.start_servers': '5', 'pm.min_spare_servers': '5', 'pm.max_spare_servers': '35' }), state, mmap(min(0))]), opts).advice;
    const children = Number(seed.find((a) => a.setting === 'pm.max_children')?.recommended);
    expect(children).toBeLessThan(35);
    expect(children).toBeGreaterThan(5);
    expect(settingsOf(seed).slice(1)).toEqual([['pm.max_spare_servers', '35', String(children)]]);
    expect(seed[1].reason).toContain(`cannot be greater than pm.max_children(${children})`);
    // a pool whose spares all sit above a limit of 4 workers (mysqld leaves little): all three follow
    const rows = [...workers(10, 35), { pid: 9, command: 'mysqld', rss_bytes: 879 * MiB }];
    const tight = [ev('mysql.buffer_pool_init', min(-30), { bytes: 768 * MiB }), conf({ 'pm.start_servers': '10', 'pm.min_spare_servers': '8', 'pm.max_spare_servers': '12' }), top(min(-1), { total: 1000, free: 20 }, rows), mmap(min(0), 768 * MiB)];
    expect(settingsOf(correlate(sorted(tight), opts).advice).slice(1)).toEqual([
      ['pm.max_children', '50', '4'],
      ['pm.max_spare_servers', '12', '4'],
      ['pm.min_spare_servers', '8', '4'],
      ['pm.start_servers', '10', '4'],
    ]);
    // start_servers unset or 0: php-fpm derives it from the spares it loads, so it always fits
    for (const start of [{}, { 'pm.start_servers': '0' }] as Record<string, string>[]) {
      const unset = correlate(sorted([conf({ 'pm.min_spare_servers': '20', 'pm.max_spare_servers': '40', ...start }), state, mmap(min(0))]), opts).advice;
      expect(unset.map((a) => a.setting)).toEqual(['pm.max_children', 'pm.max_spare_servers']);
    }
    // spares that already fit, pm = static, or several pools: nothing more is said
    for (const quiet of [conf({ 'pm.start_servers': '2', 'pm.min_spare_servers': '1', 'pm.max_spare_servers': '3' }), conf({ pm: 'static', 'pm.max_spare_servers': '35', 'pm.min_spare_servers': '5' })]) {
      expect(settingsOf(correlate(sorted([quiet, state, mmap(min(0))]), opts).advice).map(([s]) => s)).toEqual(['pm.max_children']);
    }
    const two = [conf({ 'pm.min_spare_servers': '5', 'pm.max_spare_servers': '35' }), ev('config.phpfpm', min(-60), { pool: 'api', settings: { 'pm.max_children': '30', pm: 'dynamic', 'pm.min_spare_servers': '5', 'pm.max_spare_servers': '35' } })];
    expect(correlate(sorted([...two, state, mmap(min(0))]), opts).advice.map((a) => a.setting)).toEqual(['pm.max_children']);
  });

  it('when mysqld leaves php-fpm too little, the buffer pool shrinks first and the arithmetic stays true', () => {
    const rows = [...workers(10, 35), { pid: 9, command: 'mysqld', rss_bytes: 879 * MiB }];
    const events = [ev('mysql.buffer_pool_init', min(-30), { bytes: 768 * MiB }), ev('config.phpfpm', min(-60), { pool: 'www', settings: { 'pm.max_children': '10' } }), top(min(-1), { total: 1000, free: 20 }, rows), mmap(min(0), 768 * MiB)];
    const { advice } = correlate(sorted(events), opts);
    expect(advice.map((a) => a.setting)).toEqual(['innodb_buffer_pool_size', 'pm.max_children']);
    expect(advice[0].current).toBe('768M');
    expect(Number(advice[0].recommended.replace('M', ''))).toBeLessThan(768);
    expect(advice[0].reason).toMatch(/leaves 0 MiB for php-fpm, less than 4 workers/);
    expect(advice[1].recommended).toBe('4');
  });
});

