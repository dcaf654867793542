// Whether the text report is coloured. A file never gets colour (-o), whatever FORCE_COLOR says;
// --color / --no-color decide next; then FORCE_COLOR (not "0"), as in Node itself; then NO_COLOR
// (any non-empty value, no-color.org) and TERM=dumb turn it off; otherwise only a TTY gets it.
export function colorWanted(env: NodeJS.ProcessEnv, isTTY: boolean, opts: { flag?: boolean; toFile?: boolean } = {}): boolean {
  if (opts.toFile) return false;
  if (opts.flag !== undefined) return opts.flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}
