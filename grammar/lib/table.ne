# A line of a process table (top, ps), shared by @include: a header of column names or a row of
# cells. The grammar fixes only the line's shape; the adapter reads cells by the header's column
# positions, so any column set and order works. Postprocessors return token indexes.
# The including grammar defines `lexer`; naming it here makes nearleyc emit token tests.
@lexer lexer

#   PID USER      PR  NI  VIRT  RES  SHR S %CPU %MEM    TIME+  COMMAND
#  5563 nginx     20   0  364m  33m 1520 S  0.0  3.4   3:08.90 php-fpm
table -> %sp:? header %sp:?            {% (d) => ({ header: d[1] }) %}
       | %sp:? row %sp:?               {% (d) => ({ cells: d[1] }) %}

header -> %col                         {% (d) => [d[0].index] %}
        | header %sp %col              {% (d) => [...d[0], d[2].index] %}

# A row's first cell that is not a column-name-like token splits it unambiguously: before it,
# cells such as `RT` or `S` lex like column names; after it, any cell goes.
row -> first                           {% (d) => [d[0]] %}
     | header %sp first                {% (d) => [...d[0], d[2]] %}
     | row %sp cell                    {% (d) => [...d[0], d[2]] %}

first -> %int {% (d) => d[0].index %} | %neg {% (d) => d[0].index %} | %dec {% (d) => d[0].index %}
       | %size {% (d) => d[0].index %} | %clock {% (d) => d[0].index %} | %text {% (d) => d[0].index %}

cell -> first                          {% (d) => d[0] %}
      | %col                           {% (d) => d[0].index %}
      | %tproc {% (d) => d[0].index %} | %tthread {% (d) => d[0].index %} | %tgroup {% (d) => d[0].index %}
      | %aconn {% (d) => d[0].index %} | %dots {% (d) => d[0].index %}
