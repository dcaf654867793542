#!/usr/bin/env node
// The oomtrail command: runs the built CLI (npm run build makes dist/, bundled in dist/bundle/). A
// reader that goes away early (`oomtrail timeline x | head`) ends the run quietly, as Unix tools do;
// signals and fatal errors remove temporary reports and restore the terminal (src/cli/cleanup.ts).
import { installExitGuards, main } from '../dist/bundle/main.js';

installExitGuards();
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  // any other write error reaches the write's callback: one line, exit 2 (src/cli/output.ts)
});
process.exitCode = await main(process.argv.slice(2));
