// The snapshot family's command echoes come from what its members declare: every declared command
// (and echo-only command) typed at a prompt, bare, or after `sudo` / `&&` is an echo that leads a
// block, its output the family's; a command no member declares is neither.
import { describe, expect, it } from 'vitest';
import { familyCommands } from '../../src/formats/family-commands.js';
import { SNAPSHOT_MEMBERS } from '../../src/formats/snapshots.js';

const family = familyCommands(SNAPSHOT_MEMBERS);
const declared = SNAPSHOT_MEMBERS.flatMap((m) => [...m.commands, ...(m.echoes ?? [])]);

describe('snapshot family commands, derived from the members', () => {
  it('has every member declare at least one command', () => {
    for (const m of SNAPSHOT_MEMBERS) expect(m.commands.length, m.id).toBeGreaterThan(0);
    expect(declared).toEqual(expect.arrayContaining(['free', 'top', 'ps', 'vmstat', 'sar', 'cat /proc/meminfo', 'head /proc/meminfo', 'pstree', 'htop']));
  });

  it.each(declared)('takes `%s` as an echo in every shape a transcript types it', (cmd) => {
    const withArg = cmd.includes(' ') ? cmd : `${cmd} -b`;
    expect(family.echoed(`$ ${cmd}`)).toBe(cmd);
    expect(family.echoed(`[root@db ~]# ${withArg}`)).toBe(withArg);
    expect(family.echoed(`user@web-1:~$ sudo ${cmd}`)).toBe(cmd);
    expect(family.echoed(`# date && ${cmd}`)).toBe(cmd);
    expect(family.echoed(cmd)).toBe(cmd);
    expect(family.owns(cmd)).toBe(true);
    if (!cmd.includes(' ')) expect(family.owns(`/usr/bin/${cmd} -n 1`)).toBe(true);
  });

  it('reads an OSWatcher heading and cuts a zsh right prompt', () => {
    expect(family.echoed('# Collection Command:\t/usr/bin/vmstat  5  2')).toBe('vmstat  5  2');
    expect(family.echoed('$ vmstat -a                                ~')).toBe('vmstat -a');
  });

  it('takes no command no member declares', () => {
    for (const other of ['service php-fpm restart', 'cat /etc/my.cnf', 'topgrade', 'psql -l', 'freeze', 'tail -f /var/log/mysqld.err']) {
      expect(family.echoed(`$ ${other}`), other).toBeNull();
      expect(family.echoed(other), other).toBeNull();
      expect(family.owns(other), other).toBe(false);
    }
  });
});
