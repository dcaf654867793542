// Which host a bundle comes from: --host, else the bundle's own evidence, the best witness first:
// pt-stalk's `-hostname` file, then a syslog line's host field, then a shell prompt's `user@host`.
// `top` and `uptime` banners name no host. Each witness is taken the first time it speaks, in the
// order the bundle is read (folders sorted by name), so the answer is the same on every run.
import type { Event } from '../event.js';

export type HostSource = 'option' | 'pt-stalk' | 'syslog' | 'prompt';

export interface Host {
  name: string;
  source: HostSource;
}

const RANK: Record<HostSource, number> = { option: 0, 'pt-stalk': 1, syslog: 2, prompt: 3 };

/** A host name as a witness writes it: printable, no spaces, not a placeholder. */
function plausible(name: string | undefined): name is string {
  return name !== undefined && /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/.test(name) && name !== 'localhost' && name !== 'host';
}

/** What an event says about its host, if anything. */
function witness(e: Event): Host | null {
  if (e.kind === 'ptstalk.data' && e.data.collector === 'hostname') {
    const name = e.message.slice(e.message.indexOf(': ') + 2).trim();
    return plausible(name) ? { name, source: 'pt-stalk' } : null;
  }
  const syslog = e.meta?.['host.name'];
  if (plausible(syslog)) return { name: syslog, source: 'syslog' };
  if (e.kind === 'shell.command' && plausible(e.data.host)) return { name: e.data.host, source: 'prompt' };
  return null;
}

/** Watches events as they arrive; `host` is the best witness heard so far. */
export class HostWitness {
  host: Host | null;

  constructor(given?: string) {
    this.host = given ? { name: given, source: 'option' } : null;
  }

  see(e: Event): void {
    if (this.host?.source === 'option' || this.host?.source === 'pt-stalk') return;
    const w = witness(e);
    if (w && (this.host === null || RANK[w.source] < RANK[this.host.source])) this.host = w;
  }
}
