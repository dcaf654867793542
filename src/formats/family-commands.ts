// The shell commands of the snapshot family, derived from what its members declare (`commands`,
// and `echoes`: commands whose echo leads a member's block but whose output no transcript routes
// to it, such as `pstree` or `htop`): which typed line is a command echo that leads a block, and
// which commands' output is the family's own. No other list of snapshot commands exists.
import type { SnapshotMember } from './snapshot-family.js';

// `$ `, `# `, `[root@host ~]# `, `user@host:~$ ` before a command.
export const PROMPT = /^(?:\[[^\]]{1,120}\]|[\w.-]{1,64}@[\w.-]{1,64}:[^\s#$]{0,200})?[#$] +/;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export interface FamilyCommands {
  /** The snapshot command a shell line runs (`free -m` from `[root@x ~]# free -m`), or null. */
  echoed(text: string): string | null;
  /** Is this command's output the family's (a line of it no member reads is unrecognized)? */
  owns(command: string): boolean;
}

export function familyCommands(members: readonly SnapshotMember[]): FamilyCommands {
  const declared = members.flatMap((m) => m.commands);
  const echoes = members.flatMap((m) => m.echoes ?? []);
  // single words run with options (`free -m`); a file shown by a pager (`cat /proc/meminfo`)
  const words = declared.filter((c) => !c.includes(' ')).map(escape);
  const echoWords = [...words, ...echoes.map(escape)];
  const files = declared.filter((c) => c.includes(' ')).map((c) => c.split(/ +/).map(escape));
  // in a typed line: `cat meminfo` in /proc counts too
  const typedFiles = files.map(([verb, file]) => `${verb} +(?:\\/proc\\/)?${file.replace(/^\\\/proc\\\//, '')}`);
  const plainFiles = files.map((parts) => parts.join(' +'));
  const tool = new RegExp(`(?:^|&&|;|\\|) *(?:sudo +)?((?:${echoWords.join('|')})(?: [^|;&]*)?|${typedFiles.join('|')})\\s*(?=$|&&|;|\\|)`);
  // Oracle ExaWatcher / OSWatcher file heading: `# Collection Command:	/usr/bin/vmstat  5  2`
  const collection = new RegExp(`^#+ *Collection Command:[ \\t]*(?:\\S*\\/)?((?:${words.join('|')})(?: [^\\n]{0,200})?)$`);
  // Without a prompt only a plain invocation counts: `free -h`, `vmstat -s`, `ps aux`.
  const bare = new RegExp(`^(?:${[...echoWords, ...plainFiles].join('|')})(?: [ \\w%=.,/-]*)?$`);
  const own = new RegExp(`^(?:sudo +)?(?:\\S*\\/)?(?:${[...echoWords, ...plainFiles].join('|')})\\b`);
  return {
    echoed(text) {
      const c = collection.exec(text);
      if (c) return c[1].trim();
      const p = PROMPT.exec(text);
      if (!p) return bare.test(text) ? text.trim() : null;
      const m = tool.exec(text.slice(p[0].length));
      return m ? withoutRightPrompt(m[1].trim()) : null;
    },
    owns: (command) => own.test(command),
  };
}

/** `vmstat -a        ~`: zsh's right prompt, far right of the typed command, is not part of it. */
function withoutRightPrompt(cmd: string): string {
  const gap = cmd.lastIndexOf('    ');
  if (gap < 0) return cmd;
  const tail = cmd.slice(gap).trim();
  return tail.length <= 24 && !tail.includes(' ') ? cmd.slice(0, gap).trimEnd() : cmd;
}
