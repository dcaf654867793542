# A program's own message inside a syslog / journal line (after `host prog[pid]: `, which
# src/formats/syslog-prefix.ts strips). Only the systemd unit a message is about is picked out;
# the rest is one token. Postprocessors return token indexes, as in every grammar here.
@preprocessor typescript
@{%
import moo from 'moo';

export const lexer = moo.states({
  main: {
    // mysql.service: Main process exited, code=killed, status=9/KILL
    unit: { match: /[\w@\\.-]{1,200}\.(?:service|socket|timer|mount|automount|scope|slice|target|path|device|swap)(?=: )/, next: 'colon' },
    body: /[^\n]+/,
  },
  colon: {
    colon: { match: /: ?/, next: 'rest' },
  },
  rest: {
    body: /[^\n]+/,
  },
});
%}
@lexer lexer

# Started Session 12 of user root.
record -> %body                       {% (d) => ({ body: d[0].index }) %}
# mysql.service: Main process exited, code=killed, status=9/KILL
        | %unit %colon %body:?        {% (d) => ({ unit: d[0].index, body: d[2] ? d[2].index : undefined }) %}
