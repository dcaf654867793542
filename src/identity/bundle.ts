// Who a bundle is, the same from any working directory: its id (the folder's or archive's own
// name, or --bundle-id) and its files' paths relative to the bundle root, as the store sees them
// (`mysqld.err`, not `samples/x/mysqld.err` or `/home/me/samples/x/mysqld.err`).
import path from 'node:path';

const ARCHIVE = /\.(?:tar\.gz|tgz|tar|gz)$/i;

/** An input's own name: `incidents/web-7.tar.gz` → `web-7`; `.` → the folder's name. */
function ownName(input: string): string {
  if (input === '-') return 'stdin';
  const base = path.basename(path.resolve(input));
  return base.replace(ARCHIVE, '') || base;
}

/** The bundle id: `--bundle-id`, else its input's own name (several inputs: joined with `+`). */
export function bundleIdOf(inputs: readonly string[], given?: string): string {
  if (given !== undefined && given !== '') return given;
  return inputs.length === 0 ? 'stdin' : inputs.map(ownName).join('+');
}

interface Root {
  /** The input as typed (a file's, an archive's own path) and normalised (a folder's files). */
  typed: string;
  norm: string;
  /** What a path under it starts with in the result: '' for a lone input, its name/ else. */
  lead: string;
}

/** Paths relative to the bundle root: a lone folder is the root itself; with several inputs, each
 * input's files sit under its own name. A path under no input is kept as it is. */
export class BundleRoots {
  private readonly roots: Root[];
  private readonly cache = new Map<string, string>();

  constructor(inputs: readonly string[]) {
    // stdin (`-`) is a root too: an archive piped in shows its entries as `-:inner/path`
    this.roots = inputs.map((typed) => {
      const norm = typed === '-' ? '-' : path.normalize(typed).replace(/(?<=.)[/\\]+$/, '');
      return { typed, norm, lead: inputs.length === 1 ? '' : `${typed === '-' ? 'stdin' : path.basename(path.resolve(typed))}/` };
    });
  }

  relative(shown: string): string {
    let rel = this.cache.get(shown);
    if (rel === undefined) {
      rel = this.compute(shown);
      this.cache.set(shown, rel);
    }
    return rel;
  }

  private compute(shown: string): string {
    for (const r of this.roots) {
      // the input itself (a file, a .gz) or an entry of it as an archive (`x.tar.gz:inner/path`)
      if (shown === r.typed) return path.basename(r.norm);
      if (shown.startsWith(`${r.typed}:`)) return `${r.lead}${shown.slice(r.typed.length + 1)}`;
      if (r.typed === '-') continue;
      // `.`: the walk shows its files without a leading `./`
      if (r.norm === '.' && !path.isAbsolute(shown) && !shown.startsWith('..')) return `${r.lead}${shown}`;
      for (const base of [r.norm, r.typed]) {
        if (shown.startsWith(`${base}/`) || (base === '/' && shown.startsWith('/'))) return `${r.lead}${shown.slice(base === '/' ? 1 : base.length + 1)}`;
      }
    }
    return shown;
  }
}
