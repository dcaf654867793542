// A bundle's identity, as every output that leaves the machine carries it (CONTRACT.md, "Identity
// (fleets)"): the bundle id, the host and where its name came from, and the bundle's root for
// relative paths. Built by analyze() from the inputs, --bundle-id, --host and the events read.
import { BundleRoots, bundleIdOf } from './bundle.js';
import type { Host } from './host.js';

export interface Identity {
  bundle: string;
  host: Host | null;
  roots: BundleRoots;
}

export function identityOf(inputs: readonly string[], host: Host | null, bundleId?: string, roots = new BundleRoots(inputs)): Identity {
  return { bundle: bundleIdOf(inputs, bundleId), host, roots };
}
