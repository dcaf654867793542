# earlyoom's log (rfjakob/earlyoom: meminfo.c print_mem_stats, kill.c kill_process), over a moo
# lexer: the memory report it prints every so often, and the line it prints as it sends a signal
# to its victim (three wordings across versions). Every other line (banner, limits, `low memory!`,
# `process exited after`) is a plain `earlyoom.log`. Journal prefixes are stripped before lexing.
@preprocessor typescript
@{%
import moo from 'moo';

export const lexer = moo.states({
  main: {
    memAvail: { match: 'mem avail:', next: 'mem' },
    sending: { match: 'sending ', next: 'kill' },
    killing: { match: 'killing process ', next: 'kill' },
    text: /[^\n]+/,
  },
  mem: {
    sp: / +/,
    num: /\d{1,15}/,
    of: 'of',
    mib: 'MiB',
    pct: /\( *\d{1,3}(?:\.\d{1,4})? ?%\)/,
    comma: ',',
    swap: 'swap free:',
    other: { match: /[^\n]/, lineBreaks: false },
  },
  kill: {
    sig: /SIG[A-Z]{2,8}/,
    sp: / +/,
    toProcess: 'to process',
    withSignal: 'with signal',
    uid: 'uid',
    num: /\d{1,10}/,
    name: /"[^"\n]{0,64}"/,
    tail: /: [^\n]*/,
    other: /[^\n]/,
  },
});
%}
@lexer lexer

# mem avail:    21 of   950 MiB ( 2.27%), swap free:   81 of 1023 MiB ( 7.95%)
line -> %memAvail %sp %num %sp %of %sp %num %sp %mib %sp %pct %comma %sp %swap %sp %num %sp %of %sp %num %sp %mib %sp %pct
    {% (d) => ({ avail: d[2].index, total: d[6].index, swapFree: d[15].index, swapTotal: d[19].index }) %}
# sending SIGTERM to process 397 uid 61876 "earlyoom": badness 0, VmRSS 1 MiB
  | %sending %sig %sp %toProcess %sp %num %sp %uid %sp %num %sp %name %tail
    {% (d) => ({ sig: d[1].index, pid: d[5].index, uid: d[9].index, name: d[11].index, tail: d[12].index }) %}
# sending SIGTERM to process 12006 "python3": badness 209, VmRSS 2891 MiB
  | %sending %sig %sp %toProcess %sp %num %sp %name %tail
    {% (d) => ({ sig: d[1].index, pid: d[5].index, name: d[7].index, tail: d[8].index }) %}
# killing process 27541 "bash" with signal 15: badness 550, VmRSS 7609 MiB
  | %killing %num %sp %name %sp %withSignal %sp %num %tail
    {% (d) => ({ pid: d[1].index, name: d[3].index, signo: d[7].index, tail: d[8].index }) %}
