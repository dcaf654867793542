// The transcript container: prompt lines open blocks (and become `shell.command` events), the
// output after each is typed by the command when that is certain, and files whose `#` lines are
// comments or MySQL log text are not claimed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatForCommand, transcript } from '../../src/containers/transcript.js';
import { looksLikeCommand, parsePrompt } from '../../src/formats/shell-prompt/shell-prompt.js';
import type { Line } from '../../src/read/lines.js';
import { CORPUS, HAS_CORPUS, SEED, expectConserved, run, runText } from '../helpers.js';

const SESSION = path.join(SEED, 'shell-session.txt');

function lines(text: string): Line[] {
  let offset = 0;
  return text.replace(/\n$/, '').split('\n').map((t, i) => {
    const l = { text: t, no: i + 1, offset };
    offset += Buffer.byteLength(t) + 1;
    return l;
  });
}

describe('prompt lines', () => {
  it('reads user, host and directory from named prompts', () => {
    expect(parsePrompt('[root@iZ28l1ca1vhZ ~]# free -m')).toEqual({ command: 'free -m', named: true, user: 'root', host: 'iZ28l1ca1vhZ', cwd: '~' });
    expect(parsePrompt('user@host:~$ top -b -n1')).toEqual({ command: 'top -b -n1', named: true, user: 'user', host: 'host', cwd: '~' });
    expect(parsePrompt('root@host:/var/log# tail -n 50 mysqld.err')).toMatchObject({ command: 'tail -n 50 mysqld.err', cwd: '/var/log' });
    expect(parsePrompt('[root@iZ28l1ca1vhZ ~]# ')).toMatchObject({ command: '', named: true });
  });

  it('takes a bare `$ cmd` / `# cmd` only when the command looks typed', () => {
    expect(parsePrompt('$ free -m')).toEqual({ command: 'free -m', named: false });
    expect(parsePrompt('# cat /proc/meminfo')).toEqual({ command: 'cat /proc/meminfo', named: false });
    expect(parsePrompt('# service mysqld restart')).toMatchObject({ command: 'service mysqld restart' });
    for (const comment of ['# free memory is low', '# The MySQL server', '# Time: 160521 18:49:27', '# User@Host: root[root] @ localhost []', '#free -m', '$ 12 apples']) {
      expect(parsePrompt(comment), comment).toBeNull();
    }
    expect(looksLikeCommand('ps aux --sort=-%mem | head', true)).toBe(true);
    expect(looksLikeCommand('top of the file', true)).toBe(false);
  });

  it('forces a format only when the command makes it certain', () => {
    expect(['free -m', 'top', 'top -b -n1', 'sudo ps -eaF', 'cat /proc/meminfo', 'date -Is', 'vmstat 1 5'].map(formatForCommand)).toEqual([
      'free', 'top', 'top', 'ps', 'meminfo', 'watcher-date', 'vmstat',
    ]);
    expect(['free -m | grep Mem', 'tail -n 50 /var/log/mysqld.err', 'service mysqld restart', 'cat /etc/my.cnf'].map(formatForCommand)).toEqual([
      undefined, undefined, undefined, undefined,
    ]);
  });
});

describe('transcript container', () => {
  it('splits the seed session at its 12 prompts, each output block carrying its command', () => {
    const ls = lines(readFileSync(SESSION, 'utf8'));
    expect(transcript.detect(ls.slice(0, 40).map((l) => l.text), SESSION)).toBe(true);
    const blocks = transcript.split(ls, SESSION);
    const prompts = blocks.filter((b) => b.format === 'shell-prompt');
    expect(prompts.map((b) => b.lines[0].no)).toEqual([1, 3, 4, 9, 82, 156, 161, 166, 169, 174, 179, 185]);
    const outputs = blocks.filter((b) => b.format !== 'shell-prompt');
    expect(outputs.map((b) => `${b.lines[0].no}:${b.format ?? 'sniff'}:${b.meta?.['shell.command']}`)).toEqual([
      '2:sniff:service mysqld start', '5:free:free -m', '10:top:top', '83:top:top', '157:free:free -m', '162:free:free -m',
      '167:sniff:service php-fpm restart', '170:free:free -m', '175:free:free -m', '180:free:free -m', '186:top:top',
    ]);
    expect(blocks.flatMap((b) => b.lines.map((l) => l.no))).toEqual(ls.map((l) => l.no));
  });

  it('keeps the lines before the first prompt as a block of their own', () => {
    const blocks = transcript.split(lines('pasted by ops\nlog excerpt follows\n$ free -m\n  total used free'), 'x');
    expect(blocks.map((b) => [b.lines.length, b.format, b.meta])).toEqual([
      [2, undefined, undefined],
      [1, 'shell-prompt', undefined],
      [1, 'free', { 'shell.command': 'free -m' }],
    ]);
  });

  it('does not claim a MySQL log, a slow log or a config whose lines contain `#`', () => {
    const notTranscripts = [
      ['160521 11:06:36 InnoDB: Initializing buffer pool, size = 128.0M', "# this line: ERROR 1064 near '#'"],
      ['# Time: 160521 18:49:27', '# User@Host: root[root] @ localhost []  Id:     3', '# Query_time: 0.000172  Lock_time: 0.000000', 'SET timestamp=1463827767;'],
      ['# The MySQL server', '[mysqld]', '# free memory is low on this box', 'innodb_buffer_pool_size = 16M'],
    ];
    for (const w of notTranscripts) expect(transcript.detect(w, 'x'), w[0]).toBe(false);
  });

  it('turns the output of a `date` command into an anchor that dates what follows', async () => {
    const a = await runText('[root@db ~]# date\nSat May 21 18:48:01 CST 2016\n[root@db ~]# free -m\nMem:  994  927  67\n', { tz: 'Asia/Shanghai' });
    const d = a.events.find((e) => e.kind === 'watcher.date');
    expect(d && a.clock.iso(d.time.ms)).toBe('2016-05-21T18:48:01.000+08:00');
    const after = a.events.filter((e) => e.src.line >= 3);
    expect(after.map((e) => [e.kind, e.time.note])).toEqual([
      ['shell.command', 'dated by the `date` line at line 2'],
      [expect.stringMatching(/^(line\.unrecognized|snapshot\.free)$/), 'dated by the `date` line at line 2'],
    ]);
    expectConserved(a);
  });

  it('makes each prompt one `shell.command` event and loses no line', async () => {
    const a = await runText('[root@db ~]# service mysqld restart\nStopping mysqld:  [  OK  ]\n\n[root@db ~]# uptime\n 18:50:01 up 113 days\n');
    const cmds = a.events.filter((e) => e.kind === 'shell.command');
    expect(cmds.map((e) => (e.kind === 'shell.command' ? e.data : null))).toEqual([
      { command: 'service mysqld restart', user: 'root', host: 'db', cwd: '~' },
      { command: 'uptime', user: 'root', host: 'db', cwd: '~' },
    ]);
    expect(cmds.map((e) => e.meta)).toEqual([undefined, undefined]);
    // the output of commands no format reads is kept whole, with its command
    const out = a.events.filter((e) => e.kind === 'shell.output');
    expect(out.map((e) => [e.meta?.['shell.command'], e.src.lines])).toEqual([
      ['service mysqld restart', 1],
      ['uptime', 1],
    ]);
    expect(a.stats.unrecognized).toBe(0);
    expect(a.inputs[0].formats).toEqual(['transcript', 'shell-prompt']);
    expectConserved(a);
  });
});

describe.skipIf(!HAS_CORPUS)('transcript on the corpus', () => {
  it('keeps a pipeline\'s own output (`numfmt ...` → `4.0GB`) as shell.output before the free it also ran', async () => {
    const a = await run([path.join(CORPUS, 'free', 'issue-linuxgsm-1971-free-h-single-letter-units.log')]);
    expectConserved(a);
    expect(a.stats.unrecognized).toBe(0);
    const out = a.events.filter((e) => e.kind === 'shell.output');
    expect(out.map((e) => [e.message, e.meta?.['shell.command']?.startsWith('numfmt')])).toEqual([['4.0GB', true]]);
    expect(a.events.filter((e) => e.kind === 'snapshot.free')).toHaveLength(1);
  });
});
