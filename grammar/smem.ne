# `smem` output (its process view), one line at a time over a moo lexer: the header of column
# names (`  PID User     Command                         Swap      USS      PSS      RSS `, any set
# `-c` picks), a row per process (`14621 apache   /usr/sbin/httpd      0   152.0K   292.0K     2.4M`),
# the `-t` rule and total. The command may hold spaces: the adapter reads cells by the header's
# columns, counting from both ends. Postprocessors return token indexes.
@preprocessor typescript
@{%
import moo from 'moo';

export const lexer = moo.compile({
  sp: /[ \t]+/,
  // smem's column titles (smem.py `fields`): PID User Command Swap USS PSS RSS VSS Name Maps ...
  col: /(?:PID|User|Command|Name|Swap|USS|PSS|RSS|VSS|Maps|Area|Used|Cache|Noncache|Count|Map|PIDs|AVGPSS|AVGUSS|AVGRSS)(?=[ \t]|$)/,
  int: /\d+(?=[ \t]|$)/,
  // 152.0K | 2.4M | 23.2G (-k)
  size: /\d+(?:\.\d+)?[KMGTPE](?=[ \t]|$)/,
  // 0.03% (-p)
  pct: /\d+(?:\.\d+)?%(?=[ \t]|$)/,
  dashes: /-{20,}(?=[ \t]|$)/,
  word: /[^ \t\r\n]+/,
});
%}
@lexer lexer

#   PID User     Command                         Swap      USS      PSS      RSS
line -> %sp:? header %sp:?             {% (d) => ({ header: d[1] }) %}
# 14621 apache   /usr/sbin/httpd                    0   152.0K   292.0K     2.4M
#     9 2                                           0     2.3M     3.5M    23.2M   (-t: the total)
      | %sp:? %int cells %sp:?         {% (d) => ({ cells: [d[1].index, ...d[2]] }) %}
# -------------------------------------------------------------------------------
      | %sp:? %dashes %sp:?            {% () => ({ rule: true }) %}

header -> %col                         {% (d) => [d[0].index] %}
        | header %sp %col              {% (d) => [...d[0], d[2].index] %}
cells -> null                          {% () => [] %}
       | cells %sp cell                {% (d) => [...d[0], d[2]] %}
# a command word that is a column title or a rule is not read (the row stays unrecognized)
cell -> %int {% (d) => d[0].index %} | %size {% (d) => d[0].index %} | %pct {% (d) => d[0].index %}
      | %word {% (d) => d[0].index %}
