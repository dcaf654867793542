// Whether the text report is coloured: FORCE_COLOR (not "0") forces it, as in Node itself;
// otherwise NO_COLOR (any non-empty value, no-color.org) turns it off; otherwise only a TTY gets it.
export function colorWanted(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  return isTTY;
}
