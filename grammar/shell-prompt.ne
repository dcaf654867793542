# A shell prompt line of a pasted transcript, over a moo lexer: the prompt is one token (its user,
# host and directory are read from it by the adapter), the command the rest of the line. A bare
# `$ ` or `# ` prompt needs a command after it; whether that command looks like one is the
# adapter's call (a `# comment` is not a prompt).
@preprocessor typescript
@{%
import moo from 'moo';

export const lexer = moo.states({
  main: {
    // [root@iZ28l1ca1vhZ ~]# free -m | [mysql@db1 log]$ tail mysqld.err
    bracket: { match: /\[[^\]\s@]{1,64}@[^\]\s]{1,255}(?: [^\]]{0,1024})?\][#$]/, next: 'cmd' },
    // user@host:~$ top -b -n1 | root@host:/var/log# tail -n 50 syslog
    userhost: { match: /[A-Za-z0-9._-]{1,64}@[A-Za-z0-9._-]{1,255}:[^\s#$]{0,1024}[#$]/, next: 'cmd' },
    // user@host ~ $ free -m (Gentoo) | root@host /v/l/pt-stalk# ls | root@host ~/x [1]# (fish, last status)
    userhostsp: { match: /[A-Za-z0-9._-]{1,64}@[A-Za-z0-9._-]{1,255} [~/][^\s#$>]{0,1024}(?: \[\d{1,3}\])? ?[#$>]/, next: 'cmd' },
    // linux-ab12:~ # free -m (SUSE)
    hostcwd: { match: /[A-Za-z0-9._-]{1,255}:[~/][^\s#$]{0,1024} [#$]/, next: 'cmd' },
    // 0.01s$ initctl status mysql-5.6 (a Travis CI log: the step's duration, then the prompt)
    timed: { match: /\d{1,6}\.\d\ds\$/, next: 'cmd' },
    // ➜  ~ git:(main) free -m (oh-my-zsh): the arrow, then the directory words are the command's
    arrow: { match: /\u279c/, next: 'cmd' },
    // $ free -m | # cat /proc/meminfo | > ./pt-mysql-summary
    bare: { match: /[#$>]/, next: 'cmd' },
  },
  cmd: {
    sp: /[ \t]+/,
    rest: /[^\n]+/,
  },
});
%}
@lexer lexer

# [root@iZ28l1ca1vhZ ~]#
line -> named                            {% (d) => ({ prompt: d[0] }) %}
# [root@iZ28l1ca1vhZ ~]# free -m
      | named %sp %rest                  {% (d) => ({ prompt: d[0], command: d[2].index }) %}
# [root@iZ28l1ca1vhZ ~]#   (trailing blanks)
      | named %sp                        {% (d) => ({ prompt: d[0] }) %}
# [root@iZ28l1ca1vhZ ~]#free -m
      | named %rest                      {% (d) => ({ prompt: d[0], command: d[1].index }) %}
# $ free -m
      | %bare %sp %rest                  {% (d) => ({ prompt: d[0].index, command: d[2].index, bare: true }) %}
# ➜ ps --sort size
      | %arrow %sp %rest                 {% (d) => ({ prompt: d[0].index, command: d[2].index, bare: true }) %}

named -> %bracket                        {% (d) => d[0].index %}
       | %userhost                       {% (d) => d[0].index %}
       | %userhostsp                     {% (d) => d[0].index %}
       | %hostcwd                        {% (d) => d[0].index %}
       | %timed                          {% (d) => d[0].index %}
