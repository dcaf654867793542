# MySQL 8's JSON error log (log_sink_json, `<log_error>.00.json`): one flat JSON object a line,
# over a moo lexer: `{ "prio" : 2, "err_code" : 4356, ..., "msg" : "...", "time" : "...", ... }`.
# Only a flat object of string, number, true/false/null values is a record; anything else (a
# nested object, a cut line) is not. Postprocessors return the token indexes of each key and value.
@preprocessor typescript
@{%
import moo from 'moo';

export const lexer = moo.compile({
  ws: /[ \t]+/,
  lbrace: '{',
  rbrace: '}',
  colon: ':',
  comma: ',',
  // a JSON string: no raw control characters, escapes one character (or \uXXXX) each
  string: /"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4}){0,65536}"/,
  number: /-?(?:0|[1-9]\d{0,30})(?:\.\d{1,30})?(?:[eE][+-]?\d{1,4})?/,
  literal: /true|false|null/,
  // anything else, a run at a time (a hostile line is a few tokens, not one per character)
  other: /[^\s{}:,"]+|[^\n]/,
});
%}
@lexer lexer

# { "prio" : 2, "err_code" : 4356, "subsystem" : "", "msg" : "Shutting down plugin 'binlog'", "time" : "2017-10-15T12:29:08.863758Z", "label" : "Note" }
line -> _ %lbrace _ pairs _ %rbrace _    {% (d) => d[3] %}

pairs -> pair                            {% (d) => [d[0]] %}
       | pairs _ %comma _ pair           {% (d) => [...d[0], d[4]] %}

pair -> %string _ %colon _ value         {% (d) => [d[0].index, d[4]] %}

value -> %string                         {% (d) => d[0].index %}
       | %number                         {% (d) => d[0].index %}

_ -> null | %ws                          {% () => null %}
