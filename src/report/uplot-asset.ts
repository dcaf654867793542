// uPlot (MIT, a small fast time-series chart) as text to inline in the HTML report: its minified
// browser build and style sheet, read once from node_modules at report time, so the report loads
// nothing. Resolved through Node's resolver from this module, which works from src/, dist/ and the
// bundled dist/bundle/ alike, and wherever npm put the package (nested or hoisted).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface Vendored {
  version: string;
  script: string;
  css: string;
}

let cached: Vendored | null = null;

export function uplot(): Vendored {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const read = (file: string) => readFileSync(require.resolve(`uplot/${file}`), 'utf8');
  const { version } = JSON.parse(read('package.json')) as { version: string };
  const notice = `/*! uPlot v${version}, (c) 2022 Leon Sorokin, MIT License */`;
  // the build's first line names its home page: the report must not carry a URL, so it is replaced
  const script = `${notice}\n${read('dist/uPlot.iife.min.js').replace(/^\/\*![^*]*\*\/\s*/, '')}`;
  if (/<\/script|<!--/i.test(script)) throw new Error('uPlot build holds a sequence that would end an inline script');
  cached = { version, script, css: `${notice}\n${read('dist/uPlot.min.css')}` };
  return cached;
}
