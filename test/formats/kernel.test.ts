// The kernel format on real fixtures (golden events before dating, lines conserved) and on one
// real line per shape: kills folded across lines, invoker pids, task tables in bytes, the four
// kinds of stamp, hard wraps, and bad lines that stay lines.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Event, EventOf, SnapshotData } from '../../src/event.js';
import { kernelShapes } from '../../src/formats/kernel/kernel.js';
import { ROOT, contentFormats } from '../helpers.js';
import { parseFile, parseText } from './parse-file.js';

const DIR = path.join(ROOT, 'test', 'formats', 'kernel');
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.log'));

function kills(events: Event[]): EventOf<'kernel.oom_kill'>[] {
  return events.filter((e): e is EventOf<'kernel.oom_kill'> => e.kind === 'kernel.oom_kill');
}

function tables(events: Event[]): SnapshotData[] {
  return events.filter((e) => e.kind === 'snapshot.oom_tasks').map((e) => e.data as SnapshotData);
}

async function kernelLines(text: string, tz = 'UTC') {
  return parseText(`${text}\n`, { as: 'kernel', tz });
}

describe('kernel fixtures', () => {
  // golden and line count: the one harness (fixtures.test.ts); what this format adds to it:
  it.each(fixtures)('%s is read by kernel alone', async (name) => {
    const p = await parseFile(path.join(DIR, name));
    expect(contentFormats(p.stats.formats)).toEqual(['kernel']);
  });

  it('keeps bad lines as lines and still folds the kill around a junk line', async () => {
    const p = await parseFile(path.join(DIR, 'bad-lines.log'));
    expect(p.stats.blank).toBe(2);
    expect(p.stats.unrecognized).toBe(3); // NUL junk, HTML, GBK bytes
    // the coloured line, its colour codes removed, reads as the hard-wrapped tail of the long kill line
    expect(kills(p.events).map((e) => [e.src.line, e.src.lines, e.process?.pid])).toEqual([[9, 3, 11648]]);
  });
});

describe('kernel OOM lines', () => {
  it('reads journalctl -o short-monotonic (`[uptime] host kernel: ...`) as dmesg', async () => {
    const p = await kernelLines(
      [
        '[ 3888.822099] web1 kernel: mysqld invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0',
        '[ 3888.822112] web1 kernel: Out of memory: Killed process 812 (mysqld) total-vm:1776380kB, anon-rss:452188kB, file-rss:0kB, shmem-rss:0kB',
      ].join('\n'),
    );
    expect(kills(p.events).map((e) => [e.process?.pid, e.process?.name, e.pending?.uptime_seconds])).toEqual([[812, 'mysqld', 3888.822112]]);
    expect(p.stats.unrecognized).toBe(0);
  });

  it('folds `Kill process` and the `Killed process` of a child into one kill of the child', async () => {
    const p = await kernelLines(
      [
        'Oct  6 13:19:44 afrotc-server kernel: [12541.408282] Out of memory: kill process 5662 (x-session-manag) score 26980 or a child',
        'Oct  6 13:19:44 afrotc-server kernel: [12541.408328] Killed process 6147 (trackerd)',
      ].join('\n'),
    );
    const [k] = kills(p.events);
    expect(p.events).toHaveLength(1);
    expect(k.process).toEqual({ pid: 6147, name: 'trackerd' });
    expect(k.data).toEqual({ score: 26980, selected_pid: 5662, selected_name: 'x-session-manag' });
    expect(k.src.lines).toBe(2);
  });

  it('folds the oom-kill summary and the reaper line into the kill of the same pid, and reads its memory in bytes', async () => {
    const p = await parseFile(path.join(ROOT, 'test', 'formats', 'kernel', 'ert-7797-dmesg-time-format-iso.log'));
    const [k] = kills(p.events);
    expect(k.process).toEqual({ pid: 1440763, name: 'perl' });
    expect(k.src.line).toBe(5); // `oom-kill:constraint=...,task=perl,pid=1440763,uid=21417`
    expect(k.src.lines).toBe(3);
    expect(k.meta?.['oom.task_memcg']).toBe('/user.slice/user-21417.slice/user@21417.service');
    expect(k.data).toEqual({ total_vm_bytes: 87033376 * 1024, anon_rss_bytes: 60356340 * 1024 });
  });

  it('keeps a reaper line of another pid as kernel.log about that process', async () => {
    const p = await kernelLines('Jan 16 11:43:21 vultr.guest kernel: oom_reaper: reaped process 763 (mysqld), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB');
    expect(p.events.map((e) => [e.kind, e.process])).toEqual([['kernel.log', { pid: 763, name: 'mysqld' }]]);
  });

  it.each([
    ['RHEL 6', 'Mar  2 17:35:10 server1 kernel: [2858609.598568] Killed process 11726, UID 498, (mysqld) total-vm:7823732kB, anon-rss:2539268kB, file-rss:768kB', 11726, 'mysqld'],
    ['RHEL 7', 'Jun 19 22:42:14 rhel78 kernel: Killed process 45465 (tail), UID 0, total-vm:7582132kB, anon-rss:7420324kB, file-rss:0kB, shmem-rss:0kB', 45465, 'tail'],
    ['5.x one line', '[Fri Nov 21 14:22:56 2025] Out of memory: Killed process 3581527 (uwsgi) total-vm:517892kB, anon-rss:263092kB, file-rss:29128kB, shmem-rss:0kB, UID:33 pgtables:740kB oom_score_adj:0', 3581527, 'uwsgi'],
    ['2.4 with a period', 'Mar 10 22:02:34 monster kernel: Out of Memory: Killed process 475 (identd).', 475, 'identd'],
  ])('reads the victim of a %s kill line', async (_what, line, pid, name) => {
    const [k] = kills((await kernelLines(line)).events);
    expect(k.process).toEqual({ pid, name });
  });

  it('marks memory-cgroup kills', async () => {
    const line = '[ 1836.276684] Memory cgroup out of memory: Killed process 4971 (netdata) total-vm:47820kB, anon-rss:7560kB, file-rss:0kB, shmem-rss:0kB, UID:201 pgtables:100kB oom_score_adj:1000';
    const [k] = kills((await kernelLines(line)).events);
    expect(k.data.cgroup).toBe(true);
    expect(k.data.anon_rss_bytes).toBe(7560 * 1024);
  });

  it('reads OpenVZ beancounter kills: total rss, the UB as metadata', async () => {
    const [k] = kills((await kernelLines('[1982048.529636] Out of memory in UB 317592: OOM killed process 2946 (npm) score 0 vm:1506164kB, rss:237752kB, swap:120052kB')).events);
    expect(k.process).toEqual({ pid: 2946, name: 'npm' });
    expect(k.data).toEqual({ score: 0, total_vm_bytes: 1506164 * 1024, rss_bytes: 237752 * 1024, cgroup: true });
    expect(k.meta?.['openvz.ub']).toBe('317592');
  });

  it('names the invoking process and finds its pid on the CPU/Pid line after it', async () => {
    const p = await parseFile(path.join(ROOT, 'test', 'formats', 'kernel', 'relate-1383-dmesg-T.log'));
    const inv = p.events.find((e) => e.kind === 'kernel.oom_invoked');
    expect(inv?.process).toEqual({ name: 'postgres', pid: 1073875 });
    expect(inv?.data).toEqual({ gfp_mask: '0x140dca', order: 0 });
  });

  it('reads an invoker with no name (2.6.24) and takes the pid from `Pid: N, comm:`', async () => {
    const p = await kernelLines(
      [
        'Oct  6 13:19:44 afrotc-server kernel: [12541.403664]    invoked oom-killer: gfp_mask=0x40d0, order=1, oomkilladj=0',
        'Oct  6 13:19:44 afrotc-server kernel: [12541.403670] Pid: 6575, comm:    Not tainted 2.6.24-19-generic #1',
      ].join('\n'),
    );
    expect(p.events.map((e) => [e.kind, e.process])).toEqual([
      ['kernel.oom_invoked', { pid: 6575 }],
      ['kernel.log', undefined],
    ]);
  });
});

describe('kernel task tables', () => {
  it('makes one snapshot of a headerless run of rows: nine php-fpm rows of ~180 MB (bitnami-927)', async () => {
    const p = await parseFile(path.join(DIR, 'bitnami-927-php-fpm-task-rows.log'));
    const [t] = tables(p.events);
    expect(p.events).toHaveLength(1);
    expect(t.groups).toEqual([{ command: 'php-fpm', count: 9, rss_bytes: 394936 * 4096, max_rss_bytes: 47549 * 4096 }]);
    expect(t.rows?.[0]).toEqual({ pid: 3736, command: 'php-fpm', rss_bytes: 47549 * 4096, vsz_bytes: 120816 * 4096 });
    expect(t.partial).toBe(true); // the tenth row is cut
  });

  it('reads the RHEL 6 columns and the memory totals the dump printed before the table', async () => {
    const p = await parseFile(path.join(DIR, 'rhel6-java-table-blank-then-kill.log'));
    const [t] = tables(p.events);
    expect(t.rows).toEqual([{ pid: 28656, command: 'java', rss_bytes: 437298 * 4096, vsz_bytes: 965531 * 4096 }]);
    expect(t.memory).toEqual({ total_bytes: 524255 * 4096, swap_free_bytes: 0, swap_total_bytes: 0 });
    expect(kills(p.events).map((k) => [k.process, k.src.lines])).toEqual([[{ pid: 28656, name: 'java' }, 2]]);
  });

  it('takes the `Tasks state` line and the newest header into the table, and a cut `[` marks it partial', async () => {
    const p = await parseFile(path.join(DIR, 'bitnami-639-tasks-state-dmesg.log'));
    const snap = p.events.find((e) => e.kind === 'snapshot.oom_tasks');
    expect(snap?.src).toMatchObject({ line: 4, lines: 14 });
    const d = snap?.data as SnapshotData;
    expect(d.rows).toHaveLength(11);
    expect(d.partial).toBe(true);
    expect(d.memory?.total_bytes).toBe(4194190 * 4096);
  });
});

describe('kernel stamps', () => {
  it('leaves a year-less syslog stamp (and the uptime) to the dating stage', async () => {
    const p = await kernelLines('Jun 21 13:18:41 ip-172-26-13-16 kernel: [ 3888.822099] mysqld.bin invoked oom-killer: gfp_mask=0x24201ca, order=0, oom_score_adj=0');
    const [e] = p.events;
    expect(Number.isNaN(e.time.ms)).toBe(true);
    expect(e.pending).toEqual({ stamp: { month: 6, day: 21, hour: 13, minute: 18, second: 41 }, uptime_seconds: 3888.822099 });
    expect(e.meta?.['host.name']).toBe('ip-172-26-13-16');
  });

  it('leaves dmesg seconds since boot in pending.uptime_seconds', async () => {
    const [e] = (await kernelLines('[40525.901799] Tasks state (memory values in pages):')).events;
    expect(Number.isNaN(e.time.ms)).toBe(true);
    expect(e.pending).toEqual({ uptime_seconds: 40525.901799 });
  });

  it('places `dmesg -T` stamps in the --tz zone', async () => {
    const p = await kernelLines('[Fri Nov 21 14:22:56 2025] Out of memory: Killed process 3581527 (uwsgi) total-vm:517892kB, anon-rss:263092kB', 'America/New_York');
    expect(p.clock.iso(p.events[0].time.ms)).toBe('2025-11-21T14:22:56.000-05:00');
    expect(p.events[0].time.source).toBe('stamped');
  });

  it('places `dmesg --time-format iso` stamps with their own offset', async () => {
    const p = await parseFile(path.join(DIR, 'ert-7797-dmesg-time-format-iso.log'));
    const inv = p.events.find((e) => e.kind === 'kernel.oom_invoked');
    expect(new Date(inv?.time.ms ?? 0).toISOString()).toBe('2024-04-29T12:55:41.678Z');
  });

  it('places journalctl short-iso stamps', async () => {
    // The journal's `-o short-iso` prefix around a real kill line (the shape syslog-prefix.ts documents).
    const p = await kernelLines('2016-05-21T18:49:20+0800 host kernel: Killed process 763 (mysqld) total-vm:1162552kB, anon-rss:235668kB, file-rss:0kB');
    expect(new Date(p.events[0].time.ms).toISOString()).toBe('2016-05-21T10:49:20.000Z');
    expect(p.events[0].pending).toBeUndefined();
  });

  it('gives unstamped dmesg lines no time, and lines after a stamped one its time', async () => {
    const p = await parseFile(path.join(DIR, 'odoo-26963-rhel6-no-stamps.log'));
    expect(p.events.every((e) => Number.isNaN(e.time.ms) && e.pending === undefined)).toBe(true);
  });

  it('folds the indented lines of a multi-line printk into the line they continue (raspberrypi/linux#3872)', async () => {
    const p = await kernelLines(
      ['[  500.647279] Mem-Info:', '[  500.648511] active_anon:240 inactive_anon:7360 isolated_anon:0', '                active_file:22429 inactive_file:8028 isolated_file:256'].join('\n'),
    );
    expect(p.events.map((e) => [e.kind, e.src.lines, e.pending?.uptime_seconds])).toEqual([['kernel.log', 3, 500.647279]]);
  });

  it('gives the paste header before the first stamp that stamp, as an inferred time', async () => {
    const p = await parseFile(path.join(DIR, 'cpanel-76-rhel6-uid-prompt.log'));
    expect(p.events.map((e) => [e.kind, e.time.source, e.pending?.stamp?.day])).toEqual([
      ['paste.header', 'inferred', 2],
      ['kernel.oom_kill', 'inferred', 2],
    ]);
    expect(p.events[1].meta?.['shell.command']).toBe('grep -i killed messages');
  });
});

describe('kernel text', () => {
  it('joins hard-wrapped lines back into the zone line they were cut from', async () => {
    const p = await parseFile(path.join(DIR, 'bitnami-999-hard-wrapped.log'));
    expect(p.stats.unrecognized).toBe(0);
    expect(p.events.map((e) => [e.kind, e.src.lines])).toEqual([['kernel.log', 11]]);
    expect(p.events[0].message).toContain('inactive_anon:264kB active_file:20kB');
    expect(p.events[0].message).toMatch(/dirty:0kB writeback:0kB .* pages_scanned:572 all_unreclaimable\? yes$/);
  });

  it('folds a same-second dump into one kernel.log per block', async () => {
    const p = await parseFile(path.join(DIR, 'odoo-26963-rhel6-no-stamps.log'));
    expect(p.events.map((e) => [e.kind, e.src.line, e.src.lines])).toEqual([
      ['paste.header', 1, 1],
      ['kernel.oom_kill', 2, 1],
      ['kernel.oom_invoked', 3, 1],
      ['kernel.log', 4, 26],
    ]);
  });

  it('parses no token sequence more than one way', () => {
    expect([...kernelShapes.ambiguous]).toEqual([]);
  });
});
