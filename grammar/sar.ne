# `sar -r` (and `sar -S`) output, one line at a time: the banner `Linux 5.18.0-2-amd64 (opsproc3)
# 10/08/22 _x86_64_ (12 CPU)`, a header `00:00:02 kbmemfree kbavail ...` (or `12:00:01 AM ...`),
# rows of numbers under a time of day, `Average:` rows and `LINUX RESTART` markers.
# Postprocessors return token indexes.
@preprocessor typescript
@{%
import moo from 'moo';

export const lexer = moo.states({
  main: {
    linux: { match: /Linux(?= )/, next: 'banner' },
    sp: /[ \t]+/,
    time: /\d\d:\d\d:\d\d/,
    ampm: /[AP]M(?=[ \t])/,
    average: /Average:/,
    restart: /LINUX RESTART/,
    cpus: /\(\d+ CPU\)/,
    num: /-?\d+(?:[.,]\d+)?/,
    colname: /%?[a-z][a-z0-9%-]*/,
  },
  banner: {
    sp: /[ \t]+/,
    host: /\([^()\s]*\)/,
    cpus: /\(\d+ CPU\)/,
    date: /\d\d\/\d\d\/\d\d(?:\d\d)?|\d{4}-\d\d-\d\d/,
    word: /[^\s()]+/,
  },
});
%}
@lexer lexer

# Linux 5.18.0-2-amd64 (opsproc3) 	10/08/22 	_x86_64_	(12 CPU)
line -> %linux %sp %word %sp %host %sp %date arch cpus %sp:?
                                       {% (d) => ({ date: d[6].index }) %}
# 00:00:02    kbmemfree   kbavail kbmemused  %memused ...
      | clock names %sp:?              {% (d) => ({ ...d[0], names: d[1] }) %}
# 00:10:01      2751536  20160848  11453448     35.25 ...
      | clock nums %sp:?               {% (d) => ({ ...d[0], values: d[1] }) %}
# Average:      2744260 ...
      | %average nums %sp:?            {% (d) => ({ average: d[0].index, values: d[1] }) %}
# 00:05:01     LINUX RESTART	(2 CPU)
      | clock %sp %restart (%sp %cpus):? %sp:? {% (d) => ({ ...d[0], restart: d[2].index }) %}

clock -> %time                         {% (d) => ({ time: d[0].index }) %}
       | %time %sp %ampm               {% (d) => ({ time: d[0].index, ampm: d[2].index }) %}
arch -> null | %sp %word
cpus -> null | %sp %cpus
names -> %sp %colname                  {% (d) => [d[1].index] %}
       | names %sp %colname            {% (d) => [...d[0], d[2].index] %}
nums -> %sp %num                       {% (d) => [d[1].index] %}
      | nums %sp %num                  {% (d) => [...d[0], d[2].index] %}
