# What kubectl prints about pods and nodes, a line at a time: `describe` fields (`Last State:
# Terminated`, `Reason: OOMKilled`, `Finished: Sat, 17 May 2025 09:45:58 +0300`), container headings,
# event rows (`Warning  SystemOOM  3m57s  kubelet  System OOM encountered, victim process: x, pid: N`),
# `get pods` rows (`mysql-0  0/4  OOMKilled  0  16s`), the command line and `[...]`.
# Postprocessors return token indexes, as in every grammar here.
@preprocessor typescript
@{%
import moo from 'moo';

export const lexer = moo.states({
  main: {
    ws: /[ \t]{1,64}/,
    command: /(?:\$ ?)?kubectl [^\n]{0,2048}/,
    elided: /\[\.\.\.\]/,
    evType: { match: /(?:Normal|Warning) {1,20}(?=[A-Z])/, next: 'evReason' },
    header: /Type {1,20}Reason {1,20}Age {1,40}From {1,20}Message|NAME {1,60}READY {1,20}STATUS[^\n]{0,256}/,
    rule: /-{2,}[ -]{0,256}/,
    label: { match: /[A-Z][A-Za-z0-9 ()-]{0,40}:(?= |$)/, next: 'value' },
    heading: /[a-z0-9][a-z0-9.-]{0,252}:(?=$)/,
    podRow: { match: /[a-z0-9][a-z0-9.-]{0,252} {1,40}\d{1,3}\/\d{1,3} {1,40}/, next: 'podStatus' },
    cont: /[^\s][^\n]{0,4096}/,
  },
  value: {
    sp: / {1,64}/,
    text: /[^\s][^\n]{0,4096}/,
  },
  evReason: {
    reason: { match: /[A-Za-z]{1,64}/, next: 'rest' },
  },
  podStatus: {
    status: { match: /[A-Za-z][A-Za-z0-9:/]{0,63}/, next: 'rest' },
  },
  rest: {
    rest: /[^\n]+/,
  },
});
%}
@lexer lexer

record -> line                               {% (d) => ({ ...d[0], indent: 0 }) %}
        | %ws line                           {% (d) => ({ ...d[1], indent: d[0].index }) %}
        | %ws %cont                          {% (d) => ({ kind: 'cont', indent: d[0].index }) %}

# kubectl describe pod crashloop-example-7f99469c89-zctf6
line -> %command                             {% () => ({ kind: 'command' }) %}
      | %elided                              {% () => ({ kind: 'other' }) %}
      | %header                              {% () => ({ kind: 'other' }) %}
      | %rule                                {% () => ({ kind: 'other' }) %}
# crashlooplearning:
      | %heading                             {% (d) => ({ kind: 'heading', name: d[0].index }) %}
# Last State:     Terminated
      | %label                               {% (d) => ({ kind: 'label', label: d[0].index }) %}
      | %label %sp                           {% (d) => ({ kind: 'label', label: d[0].index }) %}
      | %label %sp %text                     {% (d) => ({ kind: 'label', label: d[0].index, value: d[2].index }) %}
# Warning  SystemOOM   3m57s   kubelet   System OOM encountered, victim process: stress-ng-vm, pid: 3103923
      | %evType %reason %rest:?              {% (d) => ({ kind: 'event', reason: d[1].index, rest: d[2] ? d[2].index : undefined }) %}
# radondb-xw553z-mysql-0      0/4     OOMKilled         0          16s
      | %podRow %status %rest:?              {% (d) => ({ kind: 'pod', pod: d[0].index, status: d[1].index }) %}
