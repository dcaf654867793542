// `--flat`: an ECS document with dotted keys one level deep (`event.action`, `host.name`), for
// stores that take no nested objects (ClickHouse 18.16's JSONEachRow drops them). An array of
// objects becomes one array per key, nulls where an element lacks it: ClickHouse's Nested form
// (`oomtrail.config.settings.name` beside `oomtrail.config.settings.value`).
type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function columns(items: readonly Record<string, Json>[], prefix: string, out: Record<string, Json>): void {
  const keys: string[] = [];
  for (const it of items) for (const k of Object.keys(it)) if (!keys.includes(k)) keys.push(k);
  for (const k of keys) {
    const values = items.map((it) => (k in it ? it[k] : null));
    // a nested object inside an element (rare) is kept whole, as JSON text
    out[`${prefix}.${k}`] = values.map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v));
  }
}

function into(o: Record<string, Json>, prefix: string, out: Record<string, Json>): void {
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isObject(v)) into(v, key, out);
    else if (Array.isArray(v) && v.length > 0 && v.every(isObject)) columns(v, key, out);
    else out[key] = v;
  }
}

export function flatten(doc: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = {};
  into(doc, '', out);
  return out;
}
