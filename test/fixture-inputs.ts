// Every input file under a fixture folder (not goldens, digests, notes or tests), sorted. No import
// of src/: the grammar coverage test must load it before any format builds its parser.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export function fixtureInputs(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) out.push(...fixtureInputs(p));
    else if (!/\.(?:ndjson|json|md|ts|golden)$/.test(n)) out.push(p);
  }
  return out;
}
