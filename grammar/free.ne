# `free` output, one line at a time: the column header (any language: `total used free ...`,
# `total utilisé libre ...`) and the labelled rows (`Mem:`, `-/+ buffers/cache:`, `Swap:`,
# `Partition d'échange:`) with plain or unit-suffixed numbers (`994`, `486M`, `5.9M`, `15Gi`, `0B`).
# Postprocessors return token indexes.
@preprocessor typescript
@{%
import moo from 'moo';

export const lexer = moo.compile({
  sp: /[ \t]+/,
  // a row label runs to the first colon: Mem: | -/+ buffers/cache: | Partition d'échange:
  label: /[^\s\d][^:：\t\r\n]{0,40}[:：]/,
  num: /\d+(?:[.,]\d+)?(?:[KMGTPE]i?|B)?(?=[ \t]|$)/,
  word: /[^\s\d:：][^\s:：]*/,
});
%}
@lexer lexer

#               total        used        free      shared  buff/cache   available
line -> %sp:? words %sp:?              {% (d) => ({ header: d[1] }) %}
# Mem:           994        927         67          0          2         19
       | %sp:? %label values %sp:?    {% (d) => ({ label: d[1].index, values: d[2] }) %}

words -> %word                         {% (d) => [d[0].index] %}
       | words %sp %word               {% (d) => [...d[0], d[2].index] %}

values -> %sp:? %num                   {% (d) => [d[1].index] %}
        | values %sp %num              {% (d) => [...d[0], d[2].index] %}
