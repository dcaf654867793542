// Real pt-stalk collector files, Percona Toolkit reports and pasted shell sessions the readers had
// not seen (test/formats/pt-stalk/unseen, test/formats/pt-summary/unseen, test/containers/unseen;
// sources in each SOURCE.md), each checked by hand: formats, the exact lines left unrecognized,
// kinds, memory totals in bytes, process rows, stamped times; and the collector files read again
// as a pt-stalk collection folder. Lines are conserved everywhere.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Event, SnapshotData } from '../../src/event.js';
import { ptSummaryContainer } from '../../src/containers/pt-summary.js';
import { ROOT, expectConserved, run } from '../helpers.js';
import { GiB, KiB, MiB, type UnseenCase, digest } from '../formats/unseen-digest.js';


const STALK = path.join(ROOT, 'test', 'formats', 'pt-stalk', 'unseen');
const SUMMARY = path.join(ROOT, 'test', 'formats', 'pt-summary', 'unseen');
const PASTES = path.join(ROOT, 'test', 'containers', 'unseen');

const CASES: Record<string, UnseenCase> = {
  // ---- pt-stalk collector contents (percona-toolkit samples)
  'pt-stalk/pt-diskstats-002-TS-fraction-no-date-excerpt.log': { formats: [], kinds: { 'ptstalk.sample': 1, 'ptstalk.data': 1 } },
  'pt-stalk/pt-diskstats-006-TS-iso-T-nvme-20-fields-excerpt.log': { formats: [], kinds: { 'ptstalk.sample': 1, 'ptstalk.data': 1 } },
  // df and mysqladmin tables: no format reads them alone; in a pt-stalk folder they fold (below)
  'pt-stalk/pt-lib-bash-diskspace001-df-1M-blocks-capacity.log': {
    formats: ['unknown'],
    unrecognized: ['Filesystem   1M-blocks  Used Available Capacity  Mounted on', '/dev/disk0s2    115383 92637     22496    81%    /'],
    kinds: { 'line.unrecognized': 2 },
  },
  'pt-stalk/pt-mext-001-mysqladmin-ext-table-excerpt.log': { formats: ['unknown'], kinds: { 'line.unrecognized': 10 } },
  'pt-stalk/pt-summary-BSD-freebsd-001-processes-top-username-thr-wcpu.log': {
    formats: ['top'],
    kinds: { 'snapshot.top': 1 },
    facts: [{ top: 'L1+10', memory: {}, rows: 9 }],
  },
  'pt-stalk/pt-summary-BSD-freebsd-001-vmstat-avm-fre-no-swpd.log': {
    formats: ['vmstat'],
    kinds: { 'snapshot.vmstat': 1 },
    facts: [{ vmstat: 'L1+7', memory: { free_bytes: 339792 * KiB }, unit_assumed: 'KiB' }],
  },
  // a bare `uptime` line: no memory, no format reads it
  'pt-stalk/pt-summary-Linux-007-uptime-line.log': {
    formats: ['unknown'],
    unrecognized: [' 14:08:12 up 38 days,  1:34,  6 users,  load average: 3.72, 4.25, 4.97'],
    kinds: { 'line.unrecognized': 1 },
  },
  // ---- Percona Toolkit reports
  'pt-summary/pt-summary-output-009-head-memory-section.log': {
    formats: ['pt-summary'],
    kinds: { 'report.section': 3, 'snapshot.free': 1 },
    facts: [
      {
        free: 'L17+14',
        memory: {
          total_bytes: Math.round(62.6 * GiB),
          free_bytes: Math.round(1.4 * GiB),
          used_bytes: Math.round(26 * GiB),
          buffers_bytes: Math.round(35.3 * GiB),
          cached_bytes: Math.round(33.6 * GiB),
          swap_total_bytes: Math.round(1.9 * GiB),
          swap_free_bytes: 0,
        },
      },
    ],
  },
  'pt-summary/pt-summary-output-009-top-notable-fuzzy-vmstat-tail.log': {
    formats: ['pt-summary', 'top'],
    kinds: { 'report.section': 5, 'snapshot.top': 1 },
    facts: [{ top: 'L2+10', memory: {}, rows: 9 }],
  },
  // ---- pasted shell sessions, `watch` screens
  'containers/top-ubuntuforums-doug-rows-only-terabyte-res-g-virt.log': {
    formats: ['top'],
    kinds: { 'snapshot.top': 1 },
    facts: [{ top: 'L1+5', memory: {}, rows: 4 }],
  },
  'containers/transcript-blog-centos7-pt-summary-tail-then-pt-mysql-summary-head.log': {
    formats: ['pt-summary'],
    kinds: { 'report.section': 6, 'shell.command': 2 },
  },
  'containers/transcript-blog-gt-prompt-pt-mysql-summary-report-head.log': { formats: ['pt-summary'], kinds: { 'shell.command': 1, 'report.section': 4 } },
  'containers/transcript-blog-ja-fish-prompt-ls-and-cat-ptstalk-df.log': {
    formats: [],
    kinds: { 'shell.command': 3, 'shell.output': 1, 'ptstalk.sample': 2, 'ptstalk.data': 2 },
  },
  'containers/transcript-blog-ja-fish-status-prompt-pt-stalk-run-log.log': { formats: [], kinds: { 'shell.command': 1, 'ptstalk.log': 6 } },
  'containers/transcript-blog-ja-pt-sift-report.log': {
    formats: ['pt-summary', 'vmstat'],
    kinds: { 'shell.command': 1, 'report.section': 9, 'snapshot.vmstat': 1 },
    facts: [{ vmstat: 'L12+3', memory: { free_bytes: 5470976 * KiB, buffers_bytes: 80556 * KiB, cached_bytes: 1258644 * KiB } }],
  },
  'containers/transcript-blog-zh-pt-sift-bracket-prompt-diskstats-section.log': {
    formats: ['pt-summary', 'vmstat'],
    kinds: { 'shell.command': 1, 'report.section': 9, 'snapshot.vmstat': 1 },
    facts: [{ vmstat: 'L12+3', memory: { free_bytes: 28597448 * KiB, buffers_bytes: 382308 * KiB, cached_bytes: 1007972 * KiB } }],
  },
  'containers/transcript-blog-zh-pt-stalk-glued-hash-prompt-collect-log.log': { formats: [], kinds: { 'ptstalk.log': 10 } },
  'containers/transcript-indicator-netspeed-3-gentoo-prompt-top-ps-free-comma-decimals.log': {
    formats: ['top', 'ps', 'free'],
    kinds: { 'snapshot.top': 1, 'shell.command': 3, 'snapshot.ps': 1, 'snapshot.free': 1, 'shell.output': 1 },
    facts: [
      {
        top: 'L1+8',
        memory: { total_bytes: 1988524 * KiB, used_bytes: 1754096 * KiB, free_bytes: 234428 * KiB, buffers_bytes: 37360 * KiB, cached_bytes: 566900 * KiB, swap_total_bytes: 6835196 * KiB, swap_free_bytes: 6339524 * KiB },
        rows: 2,
      },
      { ps: 'L12+2', rows: 1 },
      { free: 'L16+4', memory: { total_bytes: 1941 * MiB, used_bytes: 1672 * MiB, free_bytes: 269 * MiB, available_bytes: 838 * MiB, swap_total_bytes: 6674 * MiB, swap_free_bytes: 6191 * MiB } },
    ],
  },
  'containers/transcript-ko-wsl-journal-tail-then-lsof-ls-la-empty-prompt.log': { formats: ['systemd'], kinds: { 'syslog.log': 3, 'shell.command': 3, 'shell.output': 1 } },
  'containers/transcript-ko-wsl-journalctl-pipe-head-korean-month.log': { formats: ['systemd'], kinds: { 'shell.command': 1, 'syslog.log': 6 } },
  'containers/transcript-node-exporter-248-dollar-cat-numastat-trailing-space.log': { formats: [], kinds: { 'shell.command': 1, 'shell.output': 1 } },
  'containers/transcript-percona-toolkit-pr-308-pt-summary-hash-prompt-perl-locale-warnings.log': {
    formats: ['pt-summary'],
    kinds: { 'shell.command': 1, 'report.section': 3, 'snapshot.free': 1 },
    facts: [
      {
        free: 'L26+10',
        memory: { total_bytes: Math.round(7.9 * GiB), free_bytes: Math.round(2.5 * GiB), used_bytes: Math.round(2.6 * GiB), swap_total_bytes: 1024 * MiB, swap_free_bytes: 1024 * MiB },
      },
    ],
  },
  'containers/transcript-tldr-4216-oh-my-zsh-arrow-prompt-ps-sort-size.log': {
    formats: ['ps'],
    kinds: { 'shell.command': 1, 'snapshot.ps': 1 },
    facts: [{ ps: 'L2+3', rows: 2, rss_known: false }],
  },
  // the `initctl status` output line is taken by the kernel reader (its stampless-line rule): not lost
  'containers/transcript-wca-1629-travis-timing-prompt-dmesg-memcg.log': {
    formats: ['kernel'],
    kinds: { 'shell.command': 1, 'kernel.log': 2, 'kernel.oom_kill': 2, 'kernel.oom_invoked': 1 },
  },
  'containers/transcript-wsl-bigorilla-service-restart-ok-ss-journal-mysqld-8.0-output.log': {
    formats: ['mysql-error'],
    kinds: { 'shell.command': 8, 'shell.output': 5, 'mysql.log': 5, 'mysql.start': 1, 'mysql.abort': 1, 'mysql.shutdown': 1 },
  },
  'containers/watch-lightsail-ja-free-m-header-date-1gb-no-swap.log': {
    formats: ['free'],
    kinds: { 'watcher.date': 1, 'snapshot.free': 1 },
    facts: [{ free: 'L3+3', memory: { total_bytes: 982 * MiB, used_bytes: 221 * MiB, free_bytes: 438 * MiB, available_bytes: 614 * MiB, swap_total_bytes: 0 } }],
  },
  'containers/watch-ubuntuforums-doug-free-m-header-date-wide.log': {
    formats: ['free'],
    kinds: { 'watcher.date': 1, 'snapshot.free': 1 },
    facts: [{ free: 'L3+3', memory: { total_bytes: 15743 * MiB, available_bytes: 77 * MiB, swap_free_bytes: 11433 * MiB } }],
  },
};

function file(name: string): string {
  const [dir, base] = name.split('/');
  return path.join(dir === 'pt-stalk' ? STALK : dir === 'pt-summary' ? SUMMARY : PASTES, base);
}

async function read(name: string) {
  const a = await run([file(name)], { tz: 'UTC' });
  expectConserved(a);
  return a;
}

const iso = (e: Event | undefined) => (e ? new Date(e.time.ms).toISOString() : undefined);

describe('unseen pt-stalk files, Percona Toolkit reports and pasted sessions', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`reads ${name}`, async () => {
      const d = digest(await read(name));
      expect(d.formats).toEqual(c.formats);
      if (c.unrecognized) expect(d.unrecognized).toEqual(c.unrecognized);
      else if (!c.kinds['line.unrecognized']) expect(d.unrecognized).toEqual([]);
      expect(d.kinds).toEqual(c.kinds);
      expect(d.facts).toMatchObject(c.facts ?? d.facts.map(() => ({})));
      if (c.facts) expect(d.facts.length).toBe(c.facts.length);
    });
  }
});

describe('what the unseen pastes say, read by hand', () => {
  it('reads fish, Travis, oh-my-zsh and `> ` prompts with their user, host and directory', async () => {
    const cmds = async (name: string) => (await read(name)).events.filter((e) => e.kind === 'shell.command').map((e) => e.data);
    expect((await cmds('containers/transcript-blog-ja-fish-prompt-ls-and-cat-ptstalk-df.log'))[2]).toEqual({ command: 'cat 2024_05_28_21_10_40-df', user: 'root', host: 'masami-L', cwd: '/v/l/pt-stalk' });
    expect(await cmds('containers/transcript-blog-ja-fish-status-prompt-pt-stalk-run-log.log')).toEqual([{ command: 'pt-stalk --variable=Threads_connected --t', user: 'root', host: 'masami-L', cwd: '/e/percona-toolkit' }]);
    expect(await cmds('containers/transcript-wca-1629-travis-timing-prompt-dmesg-memcg.log')).toEqual([{ command: 'initctl status mysql-5.6' }]);
    expect(await cmds('containers/transcript-tldr-4216-oh-my-zsh-arrow-prompt-ps-sort-size.log')).toEqual([{ command: 'ps --sort size' }]);
    expect(await cmds('containers/transcript-blog-gt-prompt-pt-mysql-summary-report-head.log')).toEqual([{ command: './pt-mysql-summary' }]);
  });

  it('splits a `cat` of a pt-stalk file at its TS lines, the samples stamped and typed by the collector', async () => {
    const a = await read('containers/transcript-blog-ja-fish-prompt-ls-and-cat-ptstalk-df.log');
    const ts = a.events.filter((e) => e.kind === 'ptstalk.sample');
    expect(ts.map((e) => [e.src.line, iso(e), e.data])).toEqual([
      [38, '2024-05-28T12:10:42.004Z', { epoch: 1716898242.004, collector: 'df', offset_minutes: 540 }],
      [47, '2024-05-28T12:10:43.004Z', { epoch: 1716898243.004, collector: 'df', offset_minutes: 540 }],
    ]);
    const data = a.events.filter((e) => e.kind === 'ptstalk.data');
    expect(data.map((e) => [e.src.line, e.src.lines, e.time.note, e.meta?.['shell.command']])).toEqual([
      [39, 8, 'dated by the TS line at line 38', 'cat 2024_05_28_21_10_40-df'],
      [48, 8, 'dated by the TS line at line 47', 'cat 2024_05_28_21_10_40-df'],
    ]);
  });

  it('stamps pt-stalk\'s own log lines in --tz and reads its trigger checks', async () => {
    const a = await run([file('containers/transcript-blog-zh-pt-stalk-glued-hash-prompt-collect-log.log')], { tz: 'Asia/Shanghai' });
    const logs = a.events.filter((e) => e.kind === 'ptstalk.log');
    // the glued `#pt-stalk ...` command line is folded into the first log line, not lost
    expect([logs[0].src.line, logs[0].src.lines, logs[0].time.source, a.clock.iso(logs[0].time.ms)]).toEqual([1, 2, 'stamped', '2014-10-19T12:41:19.000+08:00']);
    expect(logs[5].data).toEqual({ variable: 'Host', value: 2, matched: true });
    expect(logs.slice(6).map((e) => e.message)).toEqual(['Collect 1 triggered', 'Collect 1 PID 28678', 'Collect 1 done', 'Sleeping 10 seconds after collect']);
    // in a terminal, the client warnings between log lines are pt-stalk's stderr, folded into them
    const run2 = await read('containers/transcript-blog-ja-fish-status-prompt-pt-stalk-run-log.log');
    expect(run2.events.filter((e) => e.kind === 'ptstalk.log').map((e) => `L${e.src.line}+${e.src.lines} ${iso(e)}`)).toEqual([
      'L2+4 2024-05-28T21:10:36.000Z', 'L6+2 2024-05-28T21:10:36.000Z', 'L8+2 2024-05-28T21:10:37.000Z',
      'L10+2 2024-05-28T21:10:38.000Z', 'L12+2 2024-05-28T21:10:39.000Z', 'L14+1 2024-05-28T21:10:40.000Z',
    ]);
  });

  it('dates a `watch` screen by its header and reads the unit from the command it names', async () => {
    const a = await read('containers/watch-ubuntuforums-doug-free-m-header-date-wide.log');
    const [date, free] = [...a.events].sort((x, y) => x.src.line - y.src.line);
    expect([date.kind, date.data, iso(date)]).toEqual(['watcher.date', { form: 'watch' }, '2019-06-30T07:34:15.000Z']);
    expect([iso(free), free.time.note, (free.data as SnapshotData).command, (free.data as SnapshotData).unit_assumed]).toEqual([
      '2019-06-30T07:34:15.000Z', 'dated by the `watch` header at line 1', 'free -m', undefined,
    ]);
  });

  it('stamps a Percona Toolkit report by its UTC Date and a pt-sift screen by its collection prefix', async () => {
    const r = await read('containers/transcript-percona-toolkit-pr-308-pt-summary-hash-prompt-perl-locale-warnings.log');
    const banner = r.events.find((e) => e.kind === 'report.section' && e.src.line === 10);
    expect([banner?.data, banner?.time.source, iso(banner)]).toEqual([{ tool: 'pt-summary', section: 'Percona Toolkit System Summary Report' }, 'stamped', '2018-02-25T16:05:16.000Z']);
    const mem = r.events.find((e) => e.kind === 'snapshot.free');
    expect([mem?.src.format, (mem?.data as SnapshotData).command, iso(mem)]).toEqual(['pt-summary', 'pt-summary', '2018-02-25T16:05:16.000Z']);
    const my = await read('containers/transcript-blog-centos7-pt-summary-tail-then-pt-mysql-summary-head.log');
    const sections = [...my.events].filter((e) => e.kind === 'report.section').sort((x, y) => x.src.line - y.src.line);
    expect(sections.map((e) => (e.data as { tool: string; section: string }).tool + ':' + (e.data as { section: string }).section)).toEqual([
      'pt-summary:Notable Processes', 'pt-summary:Memory mamagement', 'pt-summary:The End',
      'pt-mysql-summary:Percona Toolkit MySQL Summary Report', 'pt-mysql-summary:Instances', 'pt-mysql-summary:MySQL Executable',
    ]);
    expect(iso(sections[3])).toBe('2022-03-01T13:56:57.000Z');
    const sift = await run([file('containers/transcript-blog-zh-pt-sift-bracket-prompt-diskstats-section.log')], { tz: 'Asia/Shanghai' });
    const at = sift.events.find((e) => e.kind === 'report.section' && (e.data as { section: string }).section === 'pt-sift');
    expect(at && sift.clock.iso(at.time.ms)).toBe('2014-10-19T12:51:21.000+08:00');
    // the bar chart under the vmstat rows stays in the vmstat section
    const bar = sift.events.find((e) => e.src.line === 15);
    expect([bar?.kind, bar?.data]).toEqual(['report.section', { tool: 'pt-sift', section: 'vmstat' }]);
  });

  it('claims a report by its banner, rows or 62-wide rules, not a config file\'s banner comments', () => {
    const tail = readFileSync(file('pt-summary/pt-summary-output-009-top-notable-fuzzy-vmstat-tail.log'), 'utf8').split('\n');
    expect(ptSummaryContainer.detect(tail, 'x')).toBe(true);
    const cnf = ['# The MySQL server ####', '[mysqld]', '# Buffers ####', 'innodb_buffer_pool_size = 16M', '# Logs ####', 'log-error = /var/log/mysqld.err'];
    expect(ptSummaryContainer.detect(cnf, 'my.cnf')).toBe(false);
  });

  it('reads pt-summary\'s and FreeBSD top rows with their sizes in bytes', async () => {
    const top = async (name: string) => ((await read(name)).events.find((e) => e.kind === 'snapshot.top')?.data as SnapshotData).rows ?? [];
    expect((await top('pt-summary/pt-summary-output-009-top-notable-fuzzy-vmstat-tail.log'))[0]).toEqual({ pid: 783789, user: 'sveta', command: 'mysqld', rss_bytes: 506824 * KiB, vsz_bytes: 2822620 * KiB });
    expect((await top('pt-stalk/pt-summary-BSD-freebsd-001-processes-top-username-thr-wcpu.log'))[0]).toEqual({ pid: 23318, user: 'root', command: 'sh', rss_bytes: 1744 * KiB, vsz_bytes: 3632 * KiB });
    const doug = await top('containers/top-ubuntuforums-doug-rows-only-terabyte-res-g-virt.log');
    expect(doug[0]).toEqual({ pid: 28456, user: 'doug', command: 'testm', rss_bytes: Math.round(0.014 * 1024 ** 4), vsz_bytes: Math.round(22.356 * GiB) });
  });
});

describe('the collector files as a pt-stalk collection folder', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'oomtrail-ptstalk-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const P = '2024_05_28_21_10_40';
  const lines = (name: string, from: number, to: number) => `${readFileSync(file(name), 'utf8').split('\n').slice(from - 1, to).join('\n')}\n`;
  writeFileSync(path.join(dir, `${P}-df`), lines('containers/transcript-blog-ja-fish-prompt-ls-and-cat-ptstalk-df.log', 38, 54));
  writeFileSync(path.join(dir, `${P}-numastat`), lines('containers/transcript-node-exporter-248-dollar-cat-numastat-trailing-space.log', 2, 7));
  writeFileSync(path.join(dir, `${P}-trigger`), lines('containers/transcript-blog-zh-pt-stalk-glued-hash-prompt-collect-log.log', 2, 11));
  cpSync(file('pt-stalk/pt-diskstats-006-TS-iso-T-nvme-20-fields-excerpt.log'), path.join(dir, `${P}-diskstats`));
  cpSync(file('pt-stalk/pt-lib-bash-diskspace001-df-1M-blocks-capacity.log'), path.join(dir, `${P}-disk-space`));
  cpSync(file('pt-stalk/pt-mext-001-mysqladmin-ext-table-excerpt.log'), path.join(dir, `${P}-mysqladmin`));
  cpSync(file('containers/top-ubuntuforums-doug-rows-only-terabyte-res-g-virt.log'), path.join(dir, `${P}-top`));
  cpSync(file('pt-stalk/pt-summary-BSD-freebsd-001-vmstat-avm-fre-no-swpd.log'), path.join(dir, `${P}-vmstat`));
  // pt-stalk's `--prefix` may be a date only (t/lib/samples/bash/collect001.txt lists `2011_12_05-df`)
  cpSync(file('pt-stalk/pt-lib-bash-diskspace001-df-1M-blocks-capacity.log'), path.join(dir, '2011_12_05-disk-space'));

  it('folds every collector no format reads, types the others, and dates them by TS lines or the prefix', async () => {
    const a = await run([dir], { tz: 'UTC' });
    expectConserved(a);
    expect(a.stats.unrecognized).toBe(0);
    const per = (suffix: string) => a.events.filter((e) => e.src.path.endsWith(suffix)).sort((x, y) => x.src.line - y.src.line);
    const show = (e: Event) => `${e.kind} L${e.src.line}+${e.src.lines} ${e.time.source} ${iso(e)}`;
    expect(per(`${P}-df`).map(show)).toEqual([
      'ptstalk.sample L1+1 stamped 2024-05-28T12:10:42.004Z', 'ptstalk.data L2+8 inferred 2024-05-28T12:10:42.004Z',
      'ptstalk.sample L10+1 stamped 2024-05-28T12:10:43.004Z', 'ptstalk.data L11+7 inferred 2024-05-28T12:10:43.004Z',
    ]);
    expect(per(`${P}-diskstats`).map(show)).toEqual(['ptstalk.sample L1+1 stamped 2024-03-15T16:07:00.182Z', 'ptstalk.data L2+9 inferred 2024-03-15T16:07:00.182Z']);
    for (const f of ['disk-space', 'mysqladmin', 'numastat']) {
      const [e] = per(`${P}-${f}`);
      expect([e.kind, e.data, iso(e)], f).toEqual(['ptstalk.data', { collector: f, prefix: P }, '2024-05-28T21:10:40.000Z']);
      expect(e.time.note, f).toMatch(/^no time of its own; the pt-stalk collection start \(file name prefix 2024_05_28_21_10_40\)/);
    }
    expect(per(`${P}-top`).map(show)).toEqual(['snapshot.top L1+5 inferred 2024-05-28T21:10:40.000Z']);
    expect(per(`${P}-vmstat`).map(show)).toEqual(['snapshot.vmstat L1+7 inferred 2024-05-28T21:10:40.000Z']);
    const trigger = per(`${P}-trigger`);
    expect(trigger.map((e) => e.kind)).toEqual(Array(10).fill('ptstalk.log'));
    expect([trigger[5].data, iso(trigger[5])]).toEqual([{ collector: 'trigger', variable: 'Host', value: 2, matched: true }, '2014-10-19T12:51:02.000Z']);
    const [short] = per('2011_12_05-disk-space');
    expect([short.kind, short.data]).toEqual(['ptstalk.data', { collector: 'disk-space', prefix: '2011_12_05' }]);
  });
});
