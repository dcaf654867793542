// The kubectl format: `kubectl describe pod|node`, `kubectl get pods [-w]` and `kubectl get events`
// output, read by kubectl-parser.ts. A container Kubernetes reports `OOMKilled` and a node's
// `SystemOOM` event are kills (killer `kubelet`); `Exit Code: 137` alone is not.
import type { Format } from '../types.js';
import { KubectlParser, kubectlShapes } from './kubectl-parser.js';

const ID = 'kubectl';
const OWN = /^\s*(?:(?:\$ ?)?kubectl |(?:Last State|State|Reason|Exit Code|Finished|Restart Count|Container ID|Init Containers|Containers):|(?:Normal|Warning) {1,20}[A-Z]|NAME {1,60}READY {1,20}STATUS)/;

function sniff(lines: readonly string[]): number {
  let own = 0;
  let read = 0;
  for (const raw of lines) {
    if (OWN.test(raw)) own++;
    const t = raw.trim() === '' ? null : kubectlShapes.lex(raw);
    if (t && kubectlShapes.shape(t)) read++;
  }
  // kubectl's own words, not any `Key: value` text
  if (lines.length === 0 || own < 2) return 0;
  return 0.2 + (0.4 * own + 0.3 * read) / lines.length;
}

export const kubectl: Format = {
  id: ID,
  dataset: 'kubernetes',
  sniff,
  create: (ctx) => new KubectlParser(ctx, ID),
  samples: [
    { line: '    Last State:     Terminated', kind: 'kubectl.output' },
    { line: '      Reason:       OOMKilled', kind: 'kubectl.output' },
    { line: 'Warning  SystemOOM   3m57s                   kubelet         System OOM encountered, victim process: stress-ng-vm, pid: 3103923', kind: 'kubelet.oom_kill' },
    { line: 'radondb-xw553z-mysql-0      0/4     OOMKilled         0          16s', kind: 'kubelet.oom_kill' },
    { line: 'kubectl describe pod crashloop-example-7f99469c89-zctf6', kind: 'kubectl.output' },
  ],
  kinds: ['kubelet.oom_kill', 'kubectl.output', 'line.unrecognized'],
};
