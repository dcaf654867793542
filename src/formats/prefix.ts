// Prefixes added by the way logs are collected (docker compose `db_1  | `, Kubernetes CRI
// `2016-05-21T11:06:36.123456789Z stderr F `), stripped before a grammar sees the line and kept as
// metadata. Regexes are anchored and linear.

export interface Stripped {
  text: string;
  /** Bytes removed from the front (the line's offset moves by this much). */
  cut: number;
  meta?: Record<string, string>;
}

const COMPOSE = /^([A-Za-z0-9][\w.-]{0,63}) *\| ?/;
const CRI = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)) (stdout|stderr) ([FP]) /;

export function stripPrefix(text: string): Stripped {
  const c = text.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    const m = CRI.exec(text);
    if (m) return { text: text.slice(m[0].length), cut: Buffer.byteLength(m[0]), meta: { 'container.time': m[1], 'container.stream': m[2] } };
    return { text, cut: 0 };
  }
  if (text.indexOf('|') < 0) return { text, cut: 0 };
  const m = COMPOSE.exec(text);
  if (m) return { text: text.slice(m[0].length), cut: Buffer.byteLength(m[0]), meta: { 'container.name': m[1] } };
  return { text, cut: 0 };
}
