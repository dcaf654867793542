// Lines a person adds when pasting a log: the shell command that printed it (`root@vultr:~#
// journalctl | grep mysql`, `[11:56:41 server1 root@7481361 /var/log]cPs# grep -i killed messages`)
// or a banner naming a section (`===========dmesg=============`). Formats that meet them say so
// (`paste.header`) instead of counting them unrecognized; anchored, linear regexes only.

export interface PasteHeader {
  command?: string;
  title?: string;
}

// user@host:path#  |  [anything]tag#  |  a bare `$ ` / `# `
const PROMPT = /^(?:[\w.-]{1,32}@[\w.-]{1,64}(?::[^\s#$]{0,200})?|\[[^\]\n]{1,100}\][\w.-]{0,16})?[#$] ([^\n]{1,2000})$/;
// The commands people paste kernel and syslog output from.
const LOG_COMMAND = /^(?:sudo )?(?:dmesg|journalctl|grep|egrep|zgrep|fgrep|zcat|cat|tail|head|less|more|awk|sed|tac|logread)\b/;
// A command typed without its prompt: only the log readers whose name no kernel message starts with.
const BARE_COMMAND = /^(?:sudo )?(?:dmesg|journalctl|logread)(?: [^\n]{1,500})?$/;
const BANNER = /^[=#-]{3,} ?([A-Za-z][\w./ ]{0,40}?) ?[=#-]*$/;
// Bytes no log writes: control characters, or text that did not decode.
const JUNK = /[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/;

/** The command or banner a line adds to a paste, or null. */
export function pasteHeader(text: string): PasteHeader | null {
  const t = text.trimEnd();
  const p = PROMPT.exec(t);
  if (p && LOG_COMMAND.test(p[1])) return { command: p[1] };
  const b = BANNER.exec(t);
  if (b) return { title: b[1].trim() };
  return null;
}

/** `dmesg | grep -i kill` pasted without its prompt (ask only of a line no grammar took). */
export function bareCommand(text: string): PasteHeader | null {
  const t = text.trim();
  return BARE_COMMAND.test(t) ? { command: t } : null;
}

/** Does the line carry bytes no log writes? */
export function isJunk(text: string): boolean {
  return JUNK.test(text);
}
