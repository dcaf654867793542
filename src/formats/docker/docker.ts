// The docker format: `docker inspect` output (whole, or its `.State`) and `docker events` lines,
// read by docker-parser.ts. A container Docker marks `"OOMKilled": true` and a `container oom`
// event are kills (killer `container-runtime`); exit code 137 alone is not, nor a `docker ps -a`
// row's `Exited (137)`.
import type { Format } from '../types.js';
import { DockerParser, dockerShapes } from './docker-parser.js';

const ID = 'docker';
const OOM_KEY = /^\s*"OOMKilled": (?:true|false),?\s*$/;
const PS_HEAD = /^CONTAINER ID {2,}IMAGE {2,}COMMAND {2,}CREATED {2,}STATUS/;

function sniff(lines: readonly string[]): number {
  let read = 0;
  let oomKey = false;
  for (const raw of lines) {
    const t = raw.trim() === '' ? null : dockerShapes.lex(raw);
    if (t && dockerShapes.shape(t)) read++;
    if (OOM_KEY.test(raw) || PS_HEAD.test(raw)) oomKey = true;
  }
  if (lines.length === 0 || read === 0) return 0;
  // JSON alone is not Docker's: an inspect document says OOMKilled, `docker ps` has its header;
  // events lines are Docker's own
  const events = lines.filter((l) => / container [a-z_]{1,32}(?:: \S{1,64})? [0-9a-f]{12,64}/.test(l)).length;
  if (!oomKey && events === 0) return 0;
  return 0.3 + (0.7 * read) / lines.length;
}

export const docker: Format = {
  id: ID,
  dataset: 'docker',
  sniff,
  create: (ctx) => new DockerParser(ctx, ID),
  samples: [
    { line: '  "OOMKilled": true,', kind: 'container.oom_kill' },
    { line: 'e5c656e1e1e1        ubuntu              "/bin/sh -c \'while..."   10 minutes ago      Exited (137) 5 seconds ago                       daemon_dave', kind: 'container.state' },
    { line: '  "FinishedAt": "2026-03-10T20:14:03.658991947Z"', kind: 'container.state' },
    { line: '    "State": {', kind: 'container.state' },
    { line: '2024-02-19T10:21:33.123456789+01:00 container oom 3f4e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f (image=mysql:8.0, name=db)', kind: 'container.oom_kill' },
  ],
  commands: ['docker ps', 'docker ps -a', 'docker ps --all', 'docker ps -a --no-trunc', 'docker container ls', 'docker container ls -a', 'docker container ps -a'],
  kinds: ['container.oom_kill', 'container.state', 'container.event', 'line.unrecognized'],
};
