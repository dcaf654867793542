#!/usr/bin/env node
// The oomtrail command: runs the built CLI (npm run build makes dist/). A reader that goes away
// early (`oomtrail timeline x | head`) ends the run quietly, as other Unix tools do.
import { main } from '../dist/cli/main.js';

process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
process.exitCode = await main(process.argv.slice(2));
