# /proc/meminfo, one line at a time: `MemTotal:        1018508 kB`, `HugePages_Total:       0`.
# Postprocessors return token indexes.
@preprocessor typescript
@{%
import moo from 'moo';

export const lexer = moo.compile({
  sp: /[ \t]+/,
  key: /[A-Za-z][\w()]*:/,
  int: /\d+/,
  kb: /kB\b/,
});
%}
@lexer lexer

line -> %key %sp:? %int unit %sp:?    {% (d) => ({ key: d[0].index, value: d[2].index, kb: d[3] }) %}
unit -> null                           {% () => false %}
      | %sp %kb                        {% () => true %}
