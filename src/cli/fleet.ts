// The fleet commands' wiring: `schema --dialect D` prints src/fleet/schema-text.ts; `-f ndjson
// --table T` writes each bundle's rows of a fleet table (src/fleet/rows.ts), one JSON a line.
import type { Writable } from 'node:stream';
import { DIALECTS, type Dialect } from '../fleet/ddl.js';
import { tableRows } from '../fleet/rows.js';
import { schemaText } from '../fleet/schema-text.js';
import type { Report } from '../report/index.js';
import { jsonSafe } from '../report/sanitize.js';
import { UsageError, didYouMean, echo } from './usage.js';

export async function runSchema(dialect: string | undefined, out: Writable): Promise<number> {
  if (dialect === undefined || !(DIALECTS as readonly string[]).includes(dialect)) {
    throw new UsageError(`schema wants --dialect ${DIALECTS.join('|')}${dialect === undefined ? '' : `, got ${echo(dialect)}${didYouMean(dialect, DIALECTS)}`}`);
  }
  await new Promise<void>((resolve, reject) => out.write(schemaText(dialect as Dialect), (err) => (err ? reject(err) : resolve())));
  return 0;
}

export function rowsText(reports: readonly Report[], table: 'failures' | 'incidents' | 'advice'): string {
  let out = '';
  for (const r of reports) for (const row of tableRows(r.summary, table)) out += `${JSON.stringify(row)}\n`;
  return jsonSafe(out);
}
