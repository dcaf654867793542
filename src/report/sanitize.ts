// Log text is attacker-controlled. These make it inert for each output: terminal control and
// bidi-override characters shown as visible escapes, HTML/XML special characters escaped (and
// characters XML cannot carry replaced), Markdown neutralised (no HTML, links, emphasis, math).

/** C0/C1 controls (tab kept), DEL, line/paragraph separators, bidi overrides and isolates. */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_KEEP_NL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(c: string): string {
  const n = c.charCodeAt(0);
  return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/** Lone surrogates: not text in any encoding we write; shown as U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * For terminals and plain text, one line: control characters (ESC, CSI, BEL, LF...) become
 * `\xNN`, bidi overrides `\uNNNN`, lone surrogates U+FFFD.
 */
export function plain(text: string): string {
  return text.replace(CONTROL, visible).replace(LONE_SURROGATE, '\ufffd');
}

/** Like `plain`, but line feeds stay (for multi-line blocks such as a folded stack trace). */
export function plainLines(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(CONTROL_KEEP_NL, visible).replace(LONE_SURROGATE, '\ufffd');
}

const XML_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** U+FFFE and U+FFFF are not XML characters (lone surrogates are gone after `plain`). */
function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITY[c]).replace(/[\ufffe\uffff]/g, '\ufffd');
}

/** For HTML and XML text and attribute values, one line. */
export function xml(text: string): string {
  return escapeXml(plain(text));
}

/** For HTML and XML element text that may span lines (line feeds kept). */
export function xmlLines(text: string): string {
  return escapeXml(plainLines(text));
}

/**
 * For Markdown prose (a verdict, a reason): no HTML, no links or autolinks, no emphasis, no math,
 * no pipes breaking a table, no heading or list at the start of a line. Every punctuation mark
 * Markdown gives meaning to is backslash-escaped; `://`, `www.` and `@` too, so GitHub's
 * autolinker leaves log text alone.
 */
export function markdown(text: string): string {
  return plain(text)
    .replace(/[\\`*_{}[\]()<>#+!|~&$]/g, (c) => `\\${c}`)
    // GitHub links @mentions after rendering, escaped or not: a zero-width space breaks them
    .replace(/@/g, '@\u200b')
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/^[-=]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * Log text as a Markdown code span: nothing inside is interpreted (no HTML, links, mentions,
 * issue references, math). The fence is one backtick longer than the longest run inside; in a
 * table cell `|` is escaped, which GFM undoes inside code spans.
 */
export function markdownCode(text: string, inTable = true): string {
  let t = plain(text);
  if (t.trim() === '') return '';
  if (inTable) t = t.replace(/\|/g, '\\|');
  let longest = 0;
  for (const run of t.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || (t.startsWith(' ') && t.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** Cut a string to `max` characters (by code point, never mid-pair), marking the cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${text.slice(0, end)}… (${text.length - end} more characters)`;
}

/**
 * For JSON text: C1 controls (U+0080-U+009F, CSI is U+009B), DEL, the line separators and the bidi
 * marks, overrides and isolates (Trojan Source) escaped as \uXXXX. They can only occur inside JSON
 * strings, so the result parses to the same value, and a terminal showing it meets no control
 * sequence and no reordering (JSON.stringify already escapes C0).
 */
export function jsonSafe(json: string): string {
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
