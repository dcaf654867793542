// Log text is attacker-controlled. These make it inert for each output: terminal control
// sequences shown as visible escapes, HTML/XML special characters escaped, Markdown neutralised.

/** For terminals and plain text: control characters (ESC, CSI, BEL, ...) become `\xNN`. */
export function plain(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** For HTML and XML text and attribute values. */
export function xml(text: string): string {
  return plain(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string).replace(/[\ud800-\udfff\ufffe\uffff]/g, '\ufffd');
}

/** For a Markdown table cell or line: no HTML, no links, no emphasis, no pipes breaking the table. */
export function markdown(text: string): string {
  return plain(text).replace(/[\\`*_{}[\]()<>#+!|~&]/g, (c) => `\\${c}`);
}

/**
 * For JSON text: C1 controls (U+0080-U+009F, CSI is U+009B), DEL and the line separators escaped
 * as \uXXXX. They can only occur inside JSON strings, so the result parses to the same value,
 * and a terminal showing it meets no control sequence (JSON.stringify already escapes C0).
 */
export function jsonSafe(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
