// The syslog container and the generic syslog format: a mixed file is split by program (kernel,
// mysqld, php-fpm, the rest), every line lands in one block and one event, other programs' lines
// are `syslog.log`, and kernel lines keep their OOM reading wherever they are.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syslogContainer } from '../../src/containers/syslog.js';
import { formatById } from '../../src/formats/index.js';
import { syslogShapes } from '../../src/formats/syslog/syslog-message.js';
import { ROOT } from '../helpers.js';
import { conserved, parseFile, parseText } from './parse-file.js';

const DIR = path.join(ROOT, 'test', 'formats', 'syslog');
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.log'));

describe('syslog fixtures', () => {
  // golden and line count: the one harness (fixtures.test.ts); what this format adds to it:
  it.each(fixtures)('%s is read by syslog with no line left unrecognized', async (name) => {
    const p = await parseFile(path.join(DIR, name));
    expect(p.stats.unrecognized).toBe(0);
  });
});

describe('syslog container', () => {
  it('routes kernel, mysqld and other programs to their readers, keeping each line once', async () => {
    const p = await parseFile(path.join(DIR, 'froebi-ubuntu-8.04-mixed-syslog.log'));
    expect(p.stats.formats).toEqual(['syslog', 'kernel', 'mysql-error']);
    const byFormat = new Map<string, number[]>();
    for (const e of p.events) {
      for (let i = 0; i < e.src.lines; i++) byFormat.set(e.src.format, [...(byFormat.get(e.src.format) ?? []), e.src.line]);
    }
    expect(byFormat.get('mysql-error')).toEqual([23, 24, 25, 25]); // Version: folds into ready
    expect(p.events.filter((e) => e.src.format === 'kernel').every((e) => e.kind === 'kernel.log')).toBe(true);
    const audio = p.events.find((e) => e.src.line === 70);
    expect([audio?.kind, audio?.process, audio?.src.lines]).toEqual(['syslog.log', { name: 'audio', pid: 6156 }, 2]); // + `last message repeated 3 times`
  });

  it('claims only files that mix readers', () => {
    const kernelOnly = ['May 19 12:19:38 ip-172-26-14-230 kernel: [230460.517037] 32381 total pagecache pages'];
    const mixed = [...kernelOnly, 'Jan 16 11:43:20 vultr.guest systemd[1]: mysql.service: Main process exited, code=killed, status=9/KILL'];
    expect(syslogContainer.detect(kernelOnly, 'messages')).toBe(false);
    expect(syslogContainer.detect(mixed, 'messages')).toBe(true);
    expect(syslogContainer.detect(['Killed process 31217, UID 500, (python3) total-vm:1551216kB'], 'dmesg')).toBe(false);
  });

  it('gives php-fpm lines to the php-fpm format, or accounts them as syslog.log without it', async () => {
    const p = await parseText(
      [
        'Jun 11 09:22:42 warmshowers php-fpm:  [WARNING] fpm_children_bury(), line 252: [pool www] child 14226 exited on signal 15 (SIGTERM) after 7189.199345 seconds from start',
        'Jan 16 11:43:21 vultr.guest kernel: Killed process 763 (mysqld) total-vm:1162552kB, anon-rss:235668kB, file-rss:0kB, shmem-rss:0kB',
      ].join('\n'),
    );
    expect(conserved(p)).toBe(true);
    const fpm = p.events.find((e) => e.src.line === 1);
    expect(fpm?.src.format).toBe(formatById('php-fpm') ? 'php-fpm' : 'syslog');
    expect(p.events.find((e) => e.src.line === 2)?.kind).toBe('kernel.oom_kill');
  });
});

describe('syslog format', () => {
  it('reads a file of systemd lines alone (the systemd format, which owns them), and a systemd unit', async () => {
    const p = await parseText(
      [
        'Jun 16 15:09:07 ubuntu systemd[1]: Mounting FUSE Control File System...',
        'Jan 16 11:43:20 vultr.guest systemd[1]: mysql.service: Main process exited, code=killed, status=9/KILL',
      ].join('\n'),
    );
    expect(p.stats.formats).toEqual(['systemd']);
    expect(p.events.map((e) => [e.kind, e.data])).toEqual([
      ['syslog.log', { program: 'systemd' }],
      ['syslog.log', { program: 'systemd', unit: 'mysql.service' }],
    ]);
  });

  it('still reads an OOM kill that comes after other programs\' lines', async () => {
    const lines = [
      'Aug 30 00:47:51 froebi avahi-daemon[5270]: Successfully dropped root privileges.',
      'Aug 30 00:47:51 froebi avahi-daemon[5270]: avahi-daemon 0.6.22 starting up.',
    ];
    const p = await parseText([...lines, 'Oct  6 13:19:44 afrotc-server kernel: [12541.332222] Killed process 4926 (mysqld)'].join('\n'), { as: 'syslog' });
    expect(p.events.map((e) => e.kind)).toEqual(['syslog.log', 'syslog.log', 'kernel.oom_kill']);
  });

  it('folds a dockerd line the paste hard-wrapped', async () => {
    const p = await parseFile(path.join(DIR, 'moby-38352-dockerd-wrapped-kernel.log'));
    const docker = p.events[0];
    expect([docker.kind, docker.src.lines]).toEqual(['syslog.log', 2]);
    expect(docker.message).toContain('b123cf8c16920598d9/shim.sock');
  });

  it('parses no message more than one way', () => {
    expect([...syslogShapes.ambiguous]).toEqual([]);
  });
});
