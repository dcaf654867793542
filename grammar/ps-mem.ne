# `ps_mem` / `ps_mem.py` output (pixelb/ps_mem), one line at a time over a moo lexer: the header
# (` Private  +   Shared  =  RAM used[   Swap used]<TAB>Program`), a row per program
# (`  7.1 MiB + 160.0 KiB =   7.2 MiB       mysqld`, `22.8 MiB + 139.4 MiB = 162.2 MiB<TAB>php-fpm (5)`),
# and the total below its rule (`-----`, `   16.0 MiB`, `=====`). Postprocessors return token indexes.
@preprocessor typescript
@{%
import moo from 'moo';

export const lexer = moo.compile({
  sp: /[ \t]+/,
  //  Private  +   Shared  =  RAM used
  head: /Private +\+ +Shared += +RAM used/,
  swapHead: /Shared Swap|Swap used/,
  progHead: /Program(?:\[pid\])?(?=[ \t]|$)/,
  // 124.0 KiB | 1.6 GiB | 0.5 KiB (a number and its unit: one cell)
  size: /\d+(?:\.\d+)? (?:[KMGTPE]i)?B(?=[ \t]|$)/,
  plus: /\+(?=[ \t])/,
  eq: /=(?=[ \t])/,
  dashes: /-{20,}(?=[ \t]|$)/,
  equals: /={20,}(?=[ \t]|$)/,
  word: /[^ \t\r\n]+/,
});
%}
@lexer lexer

#  Private  +   Shared  =  RAM used       Program
line -> %sp:? %head swapHeads %sp %progHead %sp:?
    {% (d) => ({ header: true }) %}
# 784.0 KiB +   3.3 MiB =   4.1 MiB       php5-fpm (3)
      | %sp:? %size %sp %plus %sp %size %sp %eq %sp %size swaps %sp program %sp:?
    {% (d) => ({ sizes: [d[1].index, d[5].index, d[9].index], swaps: d[10], program: d[12] }) %}
# ---------------------------------
      | %sp:? %dashes %sp:?            {% () => ({ rule: true }) %}
#                          16.0 MiB
      | %sp:? %size swaps %sp:?        {% (d) => ({ total: d[1].index, swaps: d[2] }) %}
# =================================
      | %sp:? %equals %sp:?            {% () => ({ end: true }) %}

swapHeads -> null | swapHeads %sp %swapHead
swaps -> null                          {% () => [] %}
       | swaps %sp %size               {% (d) => [...d[0], d[2].index] %}

# the program: words (`php-fpm (5)`); a program named like a size or a rule is not read
program -> %word                       {% (d) => d[0].index %}
         | program %sp %word           {% (d) => d[0] %}
