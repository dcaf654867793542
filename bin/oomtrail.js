#!/usr/bin/env node
// The oomtrail command: runs the built CLI (npm run build makes dist/, bundled in dist/bundle/).
import { main } from '../dist/bundle/main.js';

process.exitCode = await main(process.argv.slice(2));
