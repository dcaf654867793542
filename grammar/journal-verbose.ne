# `journalctl -o verbose`, over a moo lexer: a record's header (`Tue 2017-10-24 10:37:50.315725 UTC
# [s=…;i=…;b=…;m=…;t=…;x=…]`: the wall clock in the zone journalctl printed, then the cursor, whose
# `t=` is the entry's realtime in hex microseconds), its fields (`    KEY=value`, one a line,
# indented by four spaces) and journalctl's own markers (`-- Logs begin at … --`, `-- Boot … --`).
# Postprocessors return token indexes; the adapter reads the values.
@preprocessor typescript
@{%
import moo from 'moo';

export const lexer = moo.states({
  main: {
    weekday: { match: /(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?=\d{4}-)/, next: 'header' },
    indent: { match: /    (?=[A-Za-z0-9_]{1,64}=)/, next: 'field' },
    marker: /-- [^\n]{0,4000}/,
    other: /[^\n]+/,
  },
  header: {
    date: /\d{4}-\d\d-\d\d/,
    clock: /\d\d:\d\d:\d\d(?:\.\d{1,9})?/,
    zone: /[A-Za-z][A-Za-z0-9_/+-]{0,31}|[+-]\d\d:?\d\d/,
    cursor: /\[s=[0-9a-f]{1,64};i=[0-9a-f]{1,16};b=[0-9a-f]{1,64};m=[0-9a-f]{1,16};t=[0-9a-f]{1,16};x=[0-9a-f]{1,16}\]/,
    sp: / /,
    other: /[^\n]/,
  },
  field: {
    // KEY=value: the key is upper case, digits and `_` (journald's rule); the value is the rest
    field: /[A-Za-z0-9_]{1,64}=[^\n]*/,
  },
});
%}
@lexer lexer

# Tue 2017-10-24 10:37:50.315725 UTC [s=6bffb876a10048479266ab251fa82f13;i=524715a;b=0a163cddc55946f889e0c7d0d3b917e8;m=914ed6facb5;t=55c4887dc4ccd;x=98df4480dbf4c068]
line -> %weekday %date %sp %clock %sp %zone %sp %cursor
                                         {% (d) => ({ header: true, date: d[1].index, clock: d[3].index, zone: d[5].index, cursor: d[7].index }) %}
#     MESSAGE=be2net 0000:06:00.0 eno49: Link is Down
      | %indent %field                   {% (d) => ({ field: d[1].index }) %}
# -- Logs begin at Sun 2022-05-22 22:20:52 EDT, end at Mon 2022-05-23 08:50:01 EDT. --
      | %marker                          {% (d) => ({ marker: d[0].index }) %}
