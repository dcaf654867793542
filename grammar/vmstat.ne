# `vmstat` tables (`procs -----------memory---------- ...` group line, ` r  b   swpd   free ...`
# column line, rows of numbers, `-t` rows ending in a date and time, ExaWatcher rows starting with
# a time of day under a `--time--` group) and `vmstat -s` listings
# (`   498448 K total memory`, `   24927 forks`), one line at a time. Postprocessors return
# token indexes.
@preprocessor typescript
@{%
import moo from 'moo';

export const lexer = moo.compile({
  sp: /[ \t]+/,
  date: /\d{4}-\d\d-\d\d/,
  time: /\d\d:\d\d:\d\d/,
  int: /\d+/,
  // -----------memory---------- | ---swap-- | --procs--
  dashed: /-+[a-z]+-+/,
  kUnit: /K(?= )/,
  // swpd | buff | ad0 (a FreeBSD disk column)
  word: /[A-Za-z][A-Za-z0-9-]*/,
});
%}
@lexer lexer

# procs -----------memory---------- ---swap-- -----io---- -system-- ----cpu----
line -> %sp:? groups %sp:?             {% () => ({ groups: true }) %}
#  r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st
      | %sp:? words %sp:?              {% (d) => ({ columns: d[1] }) %}
#  2  0      0 491008 199604 741304    0    0     2     1  147   54  4  1 95  0
      | %sp:? ints stamp %sp:?         {% (d) => ({ values: d[1], ...d[2] }) %}
# 18:16:32 36  0   4528 22659696 236028 74464608    0    0   374 60698 225848 166357 32  5 63  1  0
      | %time %sp ints %sp:?           {% (d) => ({ values: d[2], time: d[0].index }) %}
#        498448 K total memory  |  22785 non-nice user cpu ticks
      | %sp:? %int %sp unit words %sp:? {% (d) => ({ value: d[1].index, kb: d[3], name: d[4] }) %}

groups -> gpre %dashed
        | groups %sp %dashed
        | groups %sp %word
gpre -> null | words %sp

words -> %word                         {% (d) => [d[0].index] %}
       | words %sp %word               {% (d) => [...d[0], d[2].index] %}
ints -> %int                           {% (d) => [d[0].index] %}
      | ints %sp %int                  {% (d) => [...d[0], d[2].index] %}
stamp -> null                          {% () => ({}) %}
       | %sp %date %sp %time           {% (d) => ({ date: d[1].index, time: d[3].index }) %}
unit -> null                           {% () => false %}
      | %kUnit %sp                     {% () => true %}
