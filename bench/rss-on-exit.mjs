// Preloaded into benchmarked processes (`node --import`): prints the peak RSS on exit, tagged, on stderr.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
