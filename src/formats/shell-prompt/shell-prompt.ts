// Adapter for shell prompt lines of pasted transcripts (`[root@host ~]# free -m`, `user@host:~$
// top -b -n1`, `$ free -m`, `# cat /proc/meminfo`). The transcript container finds prompts with
// `parsePrompt` and forces this format on each prompt line; each becomes one `shell.command`
// event (its time comes later from its neighbours). A bare `# ...` counts only if command-like.
import grammar, { lexer } from '../../generated/shell-prompt.js';
import type { Line } from '../../read/lines.js';
import { shapeParser } from '../token-parse.js';
import type { Event, EventDataMap } from '../../event.js';
import { type Format, type FormatContext, type LineParser, UNPLACED, makeEvent, unrecognized } from '../types.js';

const ID = 'shell-prompt';

interface Shape {
  prompt: number;
  command?: number;
  bare?: boolean;
}

export const promptShapes = shapeParser<Shape>(grammar, lexer);

export interface Prompt {
  command: string;
  user?: string;
  host?: string;
  cwd?: string;
  /** A `[user@host dir]#`-style prompt, not a bare `$` / `#`. */
  named: boolean;
}

/** Commands a bare `$ ` / `# ` prompt may start with (after an optional `sudo`). */
const KNOWN = new Set(
  ('free top htop atop ps pstree pmap smem vmstat iostat mpstat pidstat sar dstat slabtop uptime date cat tail tailf head less more ' +
    'grep egrep fgrep zgrep zcat zless dmesg journalctl service systemctl chkconfig mysql mysqladmin mysqld mysqld_safe mysqldump ' +
    'ls ll df du cd echo watch pt-stalk pt-summary pt-mysql-summary pt-sift pt-mext pt-pmp pt-diskstats numastat numactl initctl php-fpm php-fpm7 nginx apachectl kill pkill killall uname hostname ' +
    'who w last sysctl ulimit sed awk sort uniq wc find docker kubectl lsof netstat ss ip ifconfig crontab swapon swapoff sync ' +
    'yum dnf apt apt-get rpm dpkg reboot shutdown strace php sh bash vi vim nano export env').split(' '),
);
/** Commands whose arguments are ordinary words (`service mysqld restart`). */
const WORDY = new Set('service systemctl chkconfig grep egrep fgrep zgrep kill pkill killall sudo watch journalctl mysql mysqladmin echo docker kubectl apt apt-get yum dnf'.split(' '));
const PATHLIKE = /^(?:\.{0,2}\/|~\/)[^\s]+$/;
const OPTION_LIKE = /^(?:-{1,2}[\w=.,:/%+-]*|[/~.][^\s]*|\d[\w.:]*|'[^']*'|"[^"]*"|\d?>{1,2}\S*|[\w.-]+\.(?:log|err|txt|cnf|conf|ini|gz))$/;
const OPERATOR = /^(?:\||\|\||&&|;)$/;
/** `ps aux`, `ps auxf`, `ps ef`: BSD-style options have no dash. */
const BSD_PS = /^[A-Za-z]{1,6}$/;

function words(command: string): string[] {
  return command.split(/[ \t]+/).filter((w) => w !== '');
}

/** Does the text after a bare prompt look like a command someone typed? */
export function looksLikeCommand(command: string, hash: boolean): boolean {
  let w = words(command);
  if (w[0] === 'sudo') w = w.slice(1);
  if (w.length === 0) return false;
  const path = PATHLIKE.test(w[0]);
  if (!path && !KNOWN.has(w[0])) return false;
  if (!hash || WORDY.has(w[0])) return true;
  // `# free memory is low` is a comment; `# free -m`, `# ps aux | head` and
  // `# tail -n 50 /var/log/mysqld.err` are commands: after an operator comes a command again.
  // So is `# ./mysqld --help`, but not my.cnf's `# ~/.my.cnf to set user-specific options.`
  let cmd = w[0];
  for (let i = 1; i < w.length; i++) {
    const a = w[i];
    if (OPERATOR.test(a)) {
      cmd = w[i + 1] ?? '';
      if (!KNOWN.has(cmd) && !PATHLIKE.test(cmd)) return false;
      i++;
    } else if (!(OPTION_LIKE.test(a) || WORDY.has(cmd) || (cmd === 'ps' && BSD_PS.test(a)))) return false;
  }
  return true;
}

const BRACKET = /^\[([^\]\s@]+)@([^\]\s]+)(?: ([^\]]*))?\]/;
const USERHOST = /^([^@\s]+)@([^:\s]+)[: ]\s?([^\s#$>]*)/;
/** oh-my-zsh's `➜  ~ git:(main) ✗ free -m`: the directory and git words before the command. */
const ZSH_DIR = /^\S+ (?:git:\([^)\s]*\) )?(?:\u2717 )?/;
const HOSTCWD = /^([^:\s]+):(\S*)/;

/** The prompt of a line, or null when the line is not one. */
export function parsePrompt(text: string): Prompt | null {
  if (text.length === 0 || text.length > 4096) return null;
  const c = text.charCodeAt(0);
  // Cheap pre-check: prompts start with `[`, `$`, `#` or a user/host name character.
  if (c === 32 || c === 9) return null;
  const t = promptShapes.lex(text);
  const shape = t ? promptShapes.shape(t) : null;
  if (!t || !shape) return null;
  const command = shape.command !== undefined ? t.tokens[shape.command].text.trim() : '';
  const tok = t.tokens[shape.prompt];
  if (tok.type === 'arrow') {
    // The directory word is there unless the paste dropped it: the command is what looks typed.
    if (looksLikeCommand(command, false)) return { command, named: false };
    const m = ZSH_DIR.exec(command);
    const rest = m ? command.slice(m[0].length) : '';
    return rest !== '' && looksLikeCommand(rest, false) ? { command: rest, named: false, cwd: m?.[0].split(' ')[0] } : null;
  }
  if (shape.bare) {
    // `$ ` takes any known command; `# ` (a comment) and `> ` (a quote) only typed-looking ones
    return looksLikeCommand(command, tok.text !== '$') ? { command, named: false } : null;
  }
  const p: Prompt = { command, named: true };
  if (tok.type === 'timed') return p; // a CI log's `0.01s$`: no user, host or directory
  const m = tok.type === 'bracket' ? BRACKET.exec(tok.text) : tok.type === 'hostcwd' ? null : USERHOST.exec(tok.text);
  if (m) {
    p.user = m[1];
    p.host = m[2];
    if (m[3]) p.cwd = m[3];
  } else {
    const h = HOSTCWD.exec(tok.text);
    if (h) {
      p.host = h[1];
      p.cwd = h[2];
    }
  }
  return p;
}

/**
 * The shell's word that a job died of SIGKILL: `Killed` alone (a foreground job), job control's
 * `[1]+  Killed                  mysqld_safe --skip-grant-tables`, a script's `bash: line 1:  1234
 * Killed   mysqld ...`. Not the kernel's `Killed process N (x)`: a word must follow a job or pid.
 */
const KILLED = /^(?:\[(\d{1,6})\][+-]? +Killed +(\S.{0,400})|(?:[^\s:]{1,200}: line \d{1,9}: +)?(\d{1,10}) +Killed +(\S.{0,400})|Killed)$/;

function killedData(command: string, m: RegExpExecArray): EventDataMap['shell.killed'] {
  const data: EventDataMap['shell.killed'] = { command };
  if (m[1]) data.job = Number(m[1]);
  if (m[3]) data.pid = Number(m[3]);
  const target = (m[2] ?? m[4])?.trimEnd();
  if (target) data.target = target;
  return data;
}

class ShellPromptParser implements LineParser {
  /** The output of a command no format reads, folded whole (this parser is that block's fallback). */
  private output: Event | null = null;

  constructor(private readonly ctx: FormatContext) {}

  line(l: Line): void {
    if (l.text.trim() === '') return;
    const p = parsePrompt(l.text);
    const command = this.ctx.meta?.['shell.command'];
    if (!p && command !== undefined) {
      const k = KILLED.exec(l.text.trim());
      if (k) {
        this.end();
        const e = makeEvent(this.ctx, ID, 'shell.killed', l, l.text.trim(), killedData(command, k), UNPLACED);
        e.level = 'warning';
        const d = e.data as EventDataMap['shell.killed'];
        // the job's program (`mysqld_safe`, `/usr/sbin/mysqld` → `mysqld`): the victim, if it was one
        const program = d.target?.split(/\s+/)[0].replace(/^.*\//, '');
        if (program) e.process = d.pid !== undefined ? { name: program, pid: d.pid } : { name: program };
        this.ctx.emit(e);
        return;
      }
      if (this.output) {
        this.output.src.lines++;
        return;
      }
      this.output = makeEvent(this.ctx, ID, 'shell.output', l, l.text.trim().slice(0, 200), { command }, UNPLACED);
      return;
    }
    this.end();
    if (!p) {
      this.ctx.emit(unrecognized(this.ctx, ID, l));
      return;
    }
    const data: { command: string; user?: string; host?: string; cwd?: string } = { command: p.command };
    if (p.user) data.user = p.user;
    if (p.host) data.host = p.host;
    if (p.cwd) data.cwd = p.cwd;
    const e = makeEvent(this.ctx, ID, 'shell.command', l, p.command === '' ? '(empty command)' : p.command, data, UNPLACED);
    // The block's own meta is the command's output context; a prompt line needs none.
    delete e.meta;
    this.ctx.emit(e);
  }

  end(): void {
    if (this.output) this.ctx.emit(this.output);
    this.output = null;
  }
}

export const shellPrompt: Format = {
  id: ID,
  dataset: 'shell.prompt',
  kinds: ['shell.command', 'shell.output', 'shell.killed'],
  // Only the transcript container uses this format: a lone prompt line is no file format.
  sniff: () => 0,
  create: (ctx) => new ShellPromptParser(ctx),
  samples: [
    { line: '[root@iZ28l1ca1vhZ ~]# free -m', kind: 'shell.command' },
    { line: '[root@iZ28l1ca1vhZ ~]# top', kind: 'shell.command' },
    { line: 'user@host:~$ top -b -n1', kind: 'shell.command' },
    { line: 'root@host:/var/log# tail -n 50 mysqld.err', kind: 'shell.command' },
    { line: '$ free -m', kind: 'shell.command' },
    { line: '# cat /proc/meminfo', kind: 'shell.command' },
    { line: 'linux-ab12:~ # free -m', kind: 'shell.command' },
    { line: 'root@masami-L /v/l/pt-stalk# cat 2024_05_28_21_10_40-df', kind: 'shell.command' },
    { line: 'root@masami-L /e/percona-toolkit [1]# pt-stalk --variable=Threads_connected', kind: 'shell.command' },
    { line: '0.01s$ initctl status mysql-5.6', kind: 'shell.command' },
    { line: '\u279c ps --sort size', kind: 'shell.command' },
    { line: '> ./pt-mysql-summary', kind: 'shell.command' },
  ],
};
