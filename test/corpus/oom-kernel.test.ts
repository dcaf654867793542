// Every kernel OOM file of the shared corpus: at most 2% unrecognized lines, no line lost, and
// exactly the kills a person reads in it (victims hand-checked against each file), each one
// `kernel.oom_kill`. Skips when ../shared is absent.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SnapshotData } from '../../src/event.js';
import { HAS_CORPUS, corpusFiles, expectConserved, run } from '../helpers.js';

const files = corpusFiles('oom-kernel');

/** The victims each file shows, in order, as [pid, name]. */
const VICTIMS: Record<string, [number, string][]> = {
  'blog-vultr-journalctl-grep-mysql-oom-reaper-systemd-killed.log': [[763, 'mysqld']],
  'issue-bitnami-vms-639-dmesg-tasks-state-header-part1.log': [],
  'issue-bitnami-vms-927-part1-zone-info.log': [],
  'issue-bitnami-vms-927-part2-php-fpm-table-rows.log': [],
  'issue-bitnami-vms-999-lightsail-hard-wrapped-lines.log': [],
  'issue-bitnami-vms-999-mysqld.bin-invoked-oom-4.4-aws-hex-stack.log': [],
  'issue-cpanel-ssp-76-centos6-killed-process-mysqld-uid-format.log': [[11726, 'mysqld']],
  'issue-odoo-26963-rhel6-dmesg-no-timestamps-mysqld-invoked.log': [[31217, 'python3']],
  'issue-squidanalyzer-69-rhel6-2.6.32-sshd-invoked-oom.log': [],
  'ubuntuforums-2008-kernel-2.6.24-syslog-oom-mysqld-apache2.log': [
    [4926, 'mysqld'],
    [6147, 'trackerd'],
    [6151, 'python'],
    [6156, 'nm-applet'],
    [6057, 'bonobo-activati'],
    [7446, 'gnome-settings-'],
    [5652, 'apache2'],
    [6257, 'apache2'],
    [6259, 'apache2'],
    [6131, 'gvfs-fuse-daemo'],
    [7452, 'metacity'],
  ],
};

describe.skipIf(!HAS_CORPUS)('corpus: oom-kernel', () => {
  it('has a victim list for every file', () => {
    expect(files.map((f) => path.basename(f)).sort()).toEqual(Object.keys(VICTIMS).sort());
  });

  it.each(files.map((f) => [path.basename(f), f]))('%s', async (name, file) => {
    const a = await run([file]);
    expectConserved(a);
    const input = a.inputs[0];
    expect(input.formats).toContain('kernel');
    expect(input.unrecognized / input.lines).toBeLessThanOrEqual(0.02);
    const kills = a.events.filter((e) => e.kind === 'kernel.oom_kill').sort((x, y) => x.seq - y.seq);
    expect(kills.map((e) => [e.process?.pid, e.process?.name])).toEqual(VICTIMS[name]);
  });

  it('counts the php-fpm rows of the bitnami-927 task table', async () => {
    const file = files.find((f) => f.includes('bitnami-vms-927-part2'));
    const a = await run([file as string]);
    const snaps = a.events.filter((e) => e.kind === 'snapshot.oom_tasks').map((e) => e.data as SnapshotData);
    expect(snaps).toHaveLength(1);
    expect(snaps[0].groups?.find((g) => g.command === 'php-fpm')).toMatchObject({ count: 9, max_rss_bytes: 47549 * 4096 });
  });

  it('gives each kill the memory state of its own task table (vultr journal)', async () => {
    const file = files.find((f) => f.includes('blog-vultr'));
    const a = await run([file as string]);
    expect(a.failures).toHaveLength(1);
    expect(a.failures[0].before?.mysqld).toEqual({ processes: 1, rss_bytes: 58917 * 4096 });
  });
});
