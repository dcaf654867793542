// The baseline: a bare Node readline loop that only counts the lines of a file.
import { createReadStream } from 'node:fs';
import readline from 'node:readline';

let n = 0;
for await (const _line of readline.createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity })) n++;
console.log(n);
