#!/usr/bin/env node
// The oomtrail command: runs the built CLI (npm run build makes dist/, bundled in dist/bundle/). A
// reader that goes away early (`oomtrail timeline x | head`) ends the run quietly, as Unix tools do.
import { main } from '../dist/bundle/main.js';

process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
process.exitCode = await main(process.argv.slice(2));
