// Lines of other programs that travel inside a log: an installer's progress, a container
// entrypoint's chatter, a shell prompt, MySQLTuner's report around the lines it quotes, a paste's
// `...` elision. They are recognized as `line.other` (kept, not unrecognized, never parsed further).
// First-character dispatch keeps this to at most one small anchored regex per line.

export type OtherSource = 'installer' | 'entrypoint' | 'shell' | 'mysqltuner' | 'elision' | 'syslog';

const IPKG = /^(?:Installing \S+ \([^()\s]+\) to \S|Downloading https?:\/\/\S|Configuring [\w.+-]+$)/;
const ENTRY = /^(?:=> |Initializing database$|Database initialized$|MySQL init process (?:in progress|done)|'[^']{1,200}' -> '[^']{1,200}'$|\/usr\/local\/bin\/docker-entrypoint\.sh: )/;
// `mysql 06:00:45.73 INFO  ==> Starting MySQL setup`: a Bitnami-style container script's own stamp
const SCRIPT = /^[a-z][\w-]{0,30} \d\d:\d\d:\d\d\.\d\d(?: |$)/;
// `~/Open-Journal-Systems$ tail -n 100 ...` (a prompt with only the directory)
const SHELL = /^(?:\$ \S|~\S{0,200}[#$] |\S{1,64}@[\w.-]{1,64}:\S{0,200}[#$] |\[\S{1,64}@[\w.-]{1,64} [^\]]{0,200}\][#$] )/;
// a shell's job control and kubectl's note: `[1] 300`, `[1]+  Done   mysqld_safe ...`, `Defaulted container "mysql" out of: ...`
const JOBS = /^(?:\[\d{1,3}\][+-]? {1,2}(?:\d{1,9}$|Done|Exit \d|Killed|Running|Stopped)|Defaulted container "[^"]{1,64}" out of: )/;
const TUNER = /^(?:\[(?:OK|!!|--)\] |-{3,} [A-Z][\w /-]{0,60} -{3,}$)/;

/** What kind of foreign line this is, or null when it is not one we know. */
export function otherSource(text: string): OtherSource | null {
  const t = text.trimEnd();
  switch (t.charCodeAt(0)) {
    case 73: // I
    case 68: // D
    case 67: // C
      if (IPKG.test(t)) return 'installer';
      if (ENTRY.test(t)) return 'entrypoint';
      return JOBS.test(t) ? 'shell' : null;
    case 47: // /
    case 61: // =
    case 77: // M
    case 39: // '
      return ENTRY.test(t) ? 'entrypoint' : null;
    case 91: // [
      if (TUNER.test(t)) return 'mysqltuner';
      return SHELL.test(t) || JOBS.test(t) ? 'shell' : null;
    case 45: // -
      return TUNER.test(t) ? 'mysqltuner' : null;
    case 46: // .
    case 0x2026: // …
      return t === '...' || t === '…' ? 'elision' : null;
    case 36: // $
    case 126: // ~
      return SHELL.test(t) ? 'shell' : null;
    default: {
      const c = t.charCodeAt(0);
      if (c < 97 || c > 122) return null;
      if (SCRIPT.test(t)) return 'entrypoint';
      return SHELL.test(t) ? 'shell' : null; // root@dev:~# docker run ...
    }
  }
}
