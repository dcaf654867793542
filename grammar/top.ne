# `top -b` output, one line at a time, over a moo lexer: the `top - ` header, the `Tasks:`,
# `Cpu(s):`, `Mem:` and `Swap:` summary lines (procps 3.2, procps-ng, and their translations:
# German `MiB Spch :`, Spanish `Tareas:` / `MiB Intercambio:`, words from src/formats/top/top-words.ts),
# busybox top's `CPU:` and `Load average:` lines, a paste's `...` cut, and the process table
# (grammar/lib/table.ne). Postprocessors return token indexes.
@preprocessor typescript
@{%
import moo from 'moo';
import { CELL_RULES, TEXT_RULE } from '../formats/lexemes.js';
import { CARRIED_WORDS, MEM_LEADS, SWAP_LEADS, TASKS_LEADS, alternation } from '../formats/top/top-words.js';

// a summary label: letters of the Latin, Cyrillic, Vietnamese and Hangul scripts, `/` and `-`
const LETTER = 'A-Za-z\u00c0-\u024f\u0400-\u04ff\u1e00-\u1eff\uac00-\ud7a3';

export const lexer = moo.states({
  main: {
    topDash: { match: /top - (?=\d)/, next: 'head' },
    leadTasks: { match: new RegExp(`(?:${alternation(TASKS_LEADS)}): *`), next: 'list' },
    // busybox: CPU:   0% usr   0% sys ...  |  Load average: 0.00 0.01 0.05 1/111 598
    bbCpu: /CPU: {1,4}(?=\d)[^\n]*/,
    bbLoad: /Load average: (?=\d)[^\n]*/,
    leadCpu: { match: /%?C(?:pu|PU)(?:\(s\)|\d+) *: */, next: 'list' },
    leadMem: { match: new RegExp(`(?:[KMGTPE]iB +)?(?:${alternation(MEM_LEADS)}) *: *`), next: 'list' },
    leadSwap: { match: new RegExp(`(?:[KMGTPE]iB +)?(?:${alternation(SWAP_LEADS)}) *: *`), next: 'list' },
    dots: /(?:\.{3,}|\u2026)(?=[ \t]|$)/,
    ...CELL_RULES,
    // top's column names, also the abbreviated translations: fr `UTIL.` / `COM.`, ro `UTILIZ.`
    col: /(?:%[A-Z]+|[A-Z][A-Z0-9_]*[+.]?)(?=[ \t]|$)/,
    text: TEXT_RULE,
  },
  head: {
    sp: / +/,
    comma: /,/,
    clock: /\d{1,2}:\d\d:\d\d/,
    hhmm: /\d{1,2}:\d\d/,
    dec: /\d+[.,]\d+/,
    int: /\d+/,
    word: {
      match: /[a-z]+:?/,
      type: moo.keywords({ kwUp: 'up', kwDay: ['day', 'days'], kwMin: 'min', kwUser: ['user', 'users'], kwLoad: 'load', kwAverage: 'average:' }),
    },
  },
  list: {
    sp: / +/,
    comma: /,/,
    dot: /\./,
    numTrunc: /\d+\+/,
    num: /\d+(?:[.,]\d+)?[kKmMgGtT]?/,
    // 7172.1 avail Mem | 123632 cached Mem | 1570,6 dispon Mem
    label2: new RegExp(`(?:${alternation(CARRIED_WORDS)}) (?:${alternation(MEM_LEADS)})(?=[ ,.]|$)`),
    label: new RegExp(`%?[${LETTER}][${LETTER}/-]*`),
  },
});
%}
@lexer lexer

line -> topHeader                      {% (d) => d[0] %}
      | listLine                       {% (d) => d[0] %}
      | table                          {% (d) => d[0] %}
      | %bbCpu %sp:?                   {% (d) => ({ bb: d[0].index }) %}
      | %bbLoad                        {% (d) => ({ bbLoad: d[0].index }) %}
#   ...   (a paste cut the frame here)
      | %sp:? %dots %sp:?              {% (d) => ({ dots: d[1].index }) %}

# top - 23:42:33 up 113 days, 23:49,  1 user,  load average: 0.03, 0.05, 0.00
# top - 05:02:02 up 27 min,  1 user,  load average: 3.92, 3.93, 3.32
topHeader -> %topDash %clock %sp %kwUp %sp uptime %comma %sp users load %sp:?
    {% (d) => ({ clock: d[1].index, ...d[5], ...d[8], ...d[9] }) %}

uptime -> days                         {% (d) => d[0] %}
        | days %comma %sp hm           {% (d) => ({ ...d[0], ...d[3] }) %}
        | hm                           {% (d) => d[0] %}
days -> %int %sp %kwDay                {% (d) => ({ days: d[0].index }) %}
hm -> %hhmm                            {% (d) => ({ hhmm: d[0].index }) %}
    | %int %sp %kwMin                  {% (d) => ({ mins: d[0].index }) %}

users -> null                          {% () => ({}) %}
       | %int %sp %kwUser %comma %sp   {% (d) => ({ users: d[0].index }) %}

load -> %kwLoad %sp %kwAverage %sp num %comma %sp:? num %comma %sp:? num
    {% (d) => ({ load: [d[4], d[7], d[10]] }) %}
num -> %dec {% (d) => d[0].index %} | %int {% (d) => d[0].index %}

# Tasks: 110 total,   1 running, 109 sleeping,   0 stopped,   0 zombie
# Cpu(s):  0.0%us,  0.0%sy, ...  |  %Cpu(s):  0.0 us,  0.0 sy,  0.0 ni,100.0 id, ...
# Mem:   1018508k total,   949960k used,    68548k free,     2616k buffers
# MiB Swap:   2048.0 total,   2048.0 free,      0.0 used.   7172.1 avail Mem
# KiB Swap:        0 total,        0 used,        0 free.   123632 cached Mem
listLine -> lead items %sp:?           {% (d) => ({ lead: d[0], items: d[1] }) %}
lead -> %leadTasks {% (d) => d[0].index %} | %leadCpu {% (d) => d[0].index %}
      | %leadMem {% (d) => d[0].index %} | %leadSwap {% (d) => d[0].index %}
items -> item                          {% (d) => [d[0]] %}
       | items sep item                {% (d) => [...d[0], d[2]] %}
item -> value %sp:? label              {% (d) => [d[0], d[2]] %}
# fr: 2 en cours, 62 en veille
       | value %sp %label %sp %label   {% (d) => [d[0], d[2].index, d[4].index] %}
value -> %num {% (d) => d[0].index %} | %numTrunc {% (d) => d[0].index %}
label -> %label {% (d) => d[0].index %} | %label2 {% (d) => d[0].index %}
sep -> %comma %sp:? | %dot %sp

@include "lib/table.ne"
