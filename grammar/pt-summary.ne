# The lines that give a Percona Toolkit report its structure, over a moo lexer: pt-summary's and
# pt-mysql-summary's section rules (`# Memory #####...`), their `Key | value` rows, pt-sift's
# banner (`======== z6 at 2014_10_19_12_51_21 DEFAULT (2 of 2) ========`) and its `--vmstat--`
# rules. Every other line of a section is its body, folded into the section's event.
@preprocessor typescript
@{%
import moo from 'moo';

export const lexer = moo.states({
  main: {
    rule: { match: /# (?=[^#\n]{1,80} #{3})/, next: 'title' },
    banner: /={8} [^\s=]{1,255} at \d{4}_\d\d_\d\d_\d\d_\d\d_\d\d(?: [^=\n]{0,120})? ={8}/,
    siftrule: /--[a-z][a-z ]{1,30}--/,
    key: { match: /[ \t]{0,40}[A-Za-z][^|\n]{0,60}?\| ?/, lineBreaks: false, next: 'value' },
  },
  title: {
    name: /[^#\n]{1,80}(?= #)/,
    hashes: / #{3,}[ \t]*/,
  },
  value: {
    text: /[^\n]+/,
  },
});
%}
@lexer lexer

# # Memory #####################################################
line -> %rule %name %hashes              {% (d) => ({ rule: d[1].index }) %}
# ======== z6 at 2014_10_19_12_51_21 DEFAULT (2 of 2) ========
      | %banner                          {% (d) => ({ banner: d[0].index }) %}
# --vmstat--
      | %siftrule                        {% (d) => ({ siftrule: d[0].index }) %}
#        Total | 7.9G
      | %key %text                       {% (d) => ({ key: d[0].index, value: d[1].index }) %}
#      Swappiness |
      | %key                             {% (d) => ({ key: d[0].index }) %}
