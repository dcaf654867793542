// The baseline: a bare Node readline loop that only counts the lines of the given files (folders
// walked, hidden files skipped), one after another.
import { createReadStream, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

function* files(p) {
  if (!statSync(p).isDirectory()) return yield p;
  const stack = [p];
  while (stack.length > 0) {
    const dir = stack.pop();
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const f = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(f);
      else yield f;
    }
  }
}

let n = 0;
for (const arg of process.argv.slice(2))
  for (const f of files(arg)) for await (const _line of readline.createInterface({ input: createReadStream(f), crlfDelay: Infinity })) n++;
console.log(n);
