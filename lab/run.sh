#!/usr/bin/env bash
# The real-stack incident lab (npm run lab): runs MariaDB, php-fpm and nginx from private configs on
# loopback, drives php-fpm to pm.max_children with a bounded load while a watcher appends `date`,
# `top` and `free` every 2 s, then kills mariadbd so mysqld_safe restarts it under an address-space
# limit (ulimit -v, set with prlimit) too small for its buffer pool. It leaves the bundle a user would
# send (mysqld.err, php-fpm.log, watcher.log, my.cnf, www.conf), prints its path, and stops all it
# started, by pid. Needs root on Debian 12 (installs the packages with apt-get when missing).
#
# With --max-children N --no-failure it makes the "after the fix" bundle instead: a lowered pool
# under the same load, and no forced failure (for `oomtrail compare BEFORE AFTER`).
#
# Usage: lab/run.sh [--out DIR] [--requests N] [--clients N] [--max-children N] [--no-failure] [--keep-lab]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT=""
CLIENTS=60          # parallel connections
REQUESTS=1500       # requests in all: the load is bounded in count...
LOAD_SECONDS=90     # ...and in time
POOL_MB=256         # innodb_buffer_pool_size
CAP_MB=480          # RLIMIT_AS for the restarted server: MariaDB 10.11 needs ~380 MB besides the
                    # pool, and maps the whole pool at once (it fails between ~380 and ~700 MB)
MAX_CHILDREN=40
PERIOD=2            # watcher period, seconds
KEEP_LAB=0
FAILURE=1           # --no-failure: the run after the fix, no forced failure
ARGS=("$@")

while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT="$2"; shift 2 ;;
    --requests) REQUESTS="$2"; shift 2 ;;
    --clients) CLIENTS="$2"; shift 2 ;;
    --max-children) MAX_CHILDREN="$2"; shift 2 ;;
    --no-failure) FAILURE=0; shift ;;
    --keep-lab) KEEP_LAB=1; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "lab: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
[ -n "$OUT" ] || OUT="$ROOT/lab-output/bundle-$(date -u +%Y%m%dT%H%M%SZ)"
if [ -z "${OOMTRAIL_LAB_SUBREAPER:-}" ] && [ -n "$(ls -A "$OUT" 2>/dev/null)" ]; then
  echo "lab: $OUT exists and is not empty; give another --out" >&2; exit 2
fi

# Every stamp the stack writes (mysqld.err, php-fpm.log, `date`, `top`) is UTC: analyse with --tz UTC.
export TZ=UTC LC_ALL=C
T0=$SECONDS
say() { printf '[lab %3ss] %s\n' "$((SECONDS - T0))" "$*" >&2; }
die() { say "FAILED: $*"; exit 1; }

# Orphans must come back to us: this machine's PID 1 does not reap, so a process whose parent died
# would stay a zombie. As a child subreaper (prctl PR_SET_CHILD_SUBREAPER) bash reaps them itself.
if [ -z "${OOMTRAIL_LAB_SUBREAPER:-}" ]; then
  case "$(uname -m)" in x86_64) NR=157 ;; aarch64) NR=167 ;; *) NR="" ;; esac
  if [ -n "$NR" ] && command -v perl >/dev/null; then
    export OOMTRAIL_LAB_SUBREAPER=1
    exec perl -e 'syscall('"$NR"', 36, 1, 0, 0, 0) == 0 or die "prctl: $!\n"; exec @ARGV or die "exec: $!\n"' \
      bash "$0" ${ARGS[@]+"${ARGS[@]}"} --out "$OUT"
  fi
fi

# ---- 1. packages (only what is missing; the distro services are never started) ----------------
need=()
command -v mariadbd >/dev/null && command -v mysqld_safe >/dev/null && command -v mariadb-install-db >/dev/null || need+=(mariadb-server)
command -v php-fpm8.2 >/dev/null || need+=(php-fpm)
command -v nginx >/dev/null || need+=(nginx)
command -v curl >/dev/null || need+=(curl)
command -v top >/dev/null && command -v free >/dev/null && command -v prlimit >/dev/null || need+=(procps util-linux)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing ${need[*]}; run as root (or install them) first"
  say "installing ${need[*]}"
  POLICY=/usr/sbin/policy-rc.d
  made_policy=0
  if [ ! -e "$POLICY" ]; then  # tell invoke-rc.d not to start mariadb/nginx/php-fpm on install
    printf '#!/bin/sh\nexit 101\n' >"$POLICY"; chmod 755 "$POLICY"; made_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt_log="$(mktemp /tmp/oomtrail-lab-apt.XXXXXX)"
  if apt-get update -qq >"$apt_log" 2>&1 && apt-get install -y -qq --no-install-recommends "${need[@]}" >>"$apt_log" 2>&1; then
    rm -f "$apt_log"
  else
    [ $made_policy = 0 ] || rm -f "$POLICY"
    die "apt-get failed (log: $apt_log): $(tail -3 "$apt_log")"
  fi
  [ $made_policy = 0 ] || rm -f "$POLICY"
  say "installed in $((SECONDS - T0)) s"
fi
[ "$(id -u)" = 0 ] || die "the lab runs mariadbd and php-fpm as root with pool user nobody: run it as root"

# ---- 2. a private lab dir and configs ---------------------------------------------------------
LAB="$(mktemp -d /tmp/oomtrail-lab.XXXXXX)"
chmod 755 "$LAB"   # php-fpm's workers (nobody) read the page under it
B="$LAB/bundle"    # what the user would send
mkdir -p "$B" "$LAB/run" "$LAB/www" "$LAB/nginx/tmp"

free_port() {  # a random high port nobody listens on (loopback)
  local p
  for _ in $(seq 100); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}
DB_PORT=$(free_port); FPM_PORT=$(free_port); WEB_PORT=$(free_port)

cat >"$B/my.cnf" <<EOF
[mysqld]
user=root
datadir=$LAB/db
socket=$LAB/run/mysqld.sock
port=$DB_PORT
bind-address=127.0.0.1
pid-file=$LAB/run/mysqld.pid
log-error=$B/mysqld.err
innodb_buffer_pool_size=${POOL_MB}M
EOF

cat >"$B/www.conf" <<EOF
[global]
pid = $LAB/run/php-fpm.pid
error_log = $B/php-fpm.log
log_level = notice
[www]
user = nobody
group = nogroup
listen = 127.0.0.1:$FPM_PORT
pm = dynamic
pm.max_children = $MAX_CHILDREN
pm.start_servers = $(( MAX_CHILDREN < 5 ? MAX_CHILDREN : 5 ))
pm.min_spare_servers = $(( MAX_CHILDREN < 5 ? MAX_CHILDREN : 5 ))
pm.max_spare_servers = $(( MAX_CHILDREN < 35 ? MAX_CHILDREN : 35 ))
php_admin_value[memory_limit] = 256M
EOF

cat >"$LAB/www/hold.php" <<'EOF'
<?php
// A heavy page: holds 24 MB for 0.4 s, so php-fpm spawns workers until pm.max_children.
$s = str_repeat("x", 24 * 1024 * 1024);
usleep(400000);
echo strlen($s), "\n";
EOF

cat >"$LAB/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $LAB/run/nginx.pid;
error_log $LAB/nginx/error.log notice;
events { worker_connections 512; }
http {
  access_log $LAB/nginx/access.log;
  client_body_temp_path $LAB/nginx/tmp/body;
  fastcgi_temp_path $LAB/nginx/tmp/fastcgi;
  proxy_temp_path $LAB/nginx/tmp/proxy;
  uwsgi_temp_path $LAB/nginx/tmp/uwsgi;
  scgi_temp_path $LAB/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$WEB_PORT;
    root $LAB/www;
    location ~ \.php\$ {
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
      fastcgi_pass 127.0.0.1:$FPM_PORT;
    }
  }
}
EOF

# ---- process bookkeeping: everything is stopped by pid, never by name ------------------------
SAFE=""; FPM=""; NGINX=""; WATCHER=""; LOAD=""
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat" 2>/dev/null; }
wait_gone() {  # pid seconds: true once the process is gone (or a zombie)
  local end=$((SECONDS + $2))
  while alive "$1"; do [ $SECONDS -lt "$end" ] || return 1; sleep 0.2; done
}
wait_for() {  # seconds file pattern: true once the file has a line matching the pattern
  local end=$((SECONDS + $1))
  until grep -qE "$3" "$2" 2>/dev/null; do [ $SECONDS -lt "$end" ] || return 1; sleep 0.2; done
}
db_pid() { cat "$LAB/run/mysqld.pid" 2>/dev/null || true; }
is_db() { [ -n "${1:-}" ] && [ "$(cat "/proc/$1/comm" 2>/dev/null)" = mariadbd ]; }
stop() {  # pid signal seconds: signal, wait, then SIGKILL
  alive "$1" || return 0
  kill "-$2" "$1" 2>/dev/null || true
  wait_gone "$1" "$3" || { say "pid $1 ignored SIG$2; SIGKILL"; kill -9 "$1" 2>/dev/null || true; wait_gone "$1" 5 || true; }
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  touch "$LAB/run/stop"
  stop "$LOAD" TERM 5
  wait_gone "$WATCHER" $((PERIOD + 5)) || stop "$WATCHER" TERM 2
  stop "$NGINX" QUIT 10
  stop "$FPM" QUIT 10
  # mariadbd: a clean shutdown removes the pid file, so mysqld_safe ends instead of restarting it.
  local m; m=$(db_pid)
  if alive "$SAFE"; then ! is_db "$m" || stop "$m" TERM 30; stop "$SAFE" TERM 10; fi
  ! is_db "$m" || stop "$m" KILL 5
  wait 2>/dev/null || true   # reap what is left of our children
  [ ! -f "$LAB/nginx/access.log" ] || say "nginx answered $(grep -c '" 200 ' "$LAB/nginx/access.log" || true) requests with 200"
  if [ -d "$B" ]; then
    mkdir -p "$OUT"
    cp -p "$B"/* "$OUT"/ 2>/dev/null || true
    say "bundle: $OUT ($(du -sh "$OUT" | cut -f1))"
  fi
  if [ "$KEEP_LAB" = 1 ]; then say "lab dir kept: $LAB"; else rm -rf "$LAB"; fi
  say "done in $((SECONDS - T0)) s"
  [ $rc -ne 0 ] || echo "$OUT"
  exit $rc
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT TERM

# ---- 3. the stack: MariaDB under mysqld_safe, php-fpm, nginx (foreground, our children) -------
say "lab dir $LAB; ports mariadb $DB_PORT php-fpm $FPM_PORT nginx $WEB_PORT"
mariadb-install-db --defaults-file="$B/my.cnf" --user=root --skip-test-db >"$LAB/install-db.log" 2>&1 \
  || die "mariadb-install-db failed: $(tail -3 "$LAB/install-db.log")"
: >"$B/mysqld.err"   # the bundle's log starts with the server's first start
mysqld_safe --defaults-file="$B/my.cnf" >"$LAB/mysqld_safe.out" 2>&1 &
SAFE=$!
php-fpm8.2 -F -y "$B/www.conf" >"$LAB/php-fpm.out" 2>&1 &
FPM=$!
nginx -c "$LAB/nginx/nginx.conf" -p "$LAB/nginx" -e "$LAB/nginx/error.log" >"$LAB/nginx.out" 2>&1 &
NGINX=$!
wait_for 60 "$B/mysqld.err" 'ready for connections' || die "mariadbd did not start: $(tail -3 "$B/mysqld.err")"
wait_for 20 "$B/php-fpm.log" 'ready to handle connections' || die "php-fpm did not start: $(cat "$LAB/php-fpm.out")"
code=""
for _ in $(seq 50); do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$WEB_PORT/hold.php" || true)
  [ "$code" = 200 ] && break; sleep 0.2
done
[ "$code" = 200 ] || die "nginx → php-fpm does not answer (HTTP $code): $(tail -3 "$LAB/nginx/error.log")"
say "stack up: mariadbd $(db_pid), php-fpm $FPM, nginx $NGINX"

# ---- 4. the watcher: what users' cron/loop scripts write ----------------------------------------
(
  n=0
  while [ ! -e "$LAB/run/stop" ]; do
    { date; top -b -n1 -w 200; free -m; } >>"$B/watcher.log" 2>&1 || true
    n=$((n + 1)); echo "$n" >"$LAB/run/frames"
    sleep "$PERIOD"
  done
) &
WATCHER=$!
frames() { local n; n=$(cat "$LAB/run/frames" 2>/dev/null || true); echo "${n:-0}"; }  # empty mid-write
wait_frames() {  # n: wait until n more frames are written; true right after the last one
  local want=$(($(frames) + $1)) end=$((SECONDS + $1 * (PERIOD + 5)))
  while [ "$(frames)" -lt "$want" ]; do [ $SECONDS -lt "$end" ] || return 1; sleep 0.1; done
}
wait_frames 2 || die "the watcher writes no frames"

# ---- 5. the load: one curl, $CLIENTS connections, $REQUESTS requests, at most $LOAD_SECONDS s ---
say "load: $REQUESTS requests over $CLIENTS connections"
timeout "$LOAD_SECONDS" curl -s --no-progress-meter --parallel --parallel-immediate --parallel-max "$CLIENTS" --max-time 20 \
  -o /dev/null "http://127.0.0.1:$WEB_PORT/hold.php?n=[1-$REQUESTS]" >"$LAB/load.out" 2>&1 &
LOAD=$!
wait_for 45 "$B/php-fpm.log" 'reached pm.max_children' || die "php-fpm never reached pm.max_children"
say "php-fpm reached pm.max_children"

if [ "$FAILURE" = 0 ]; then   # the run after the fix: the same load, watched, no forced failure
  wait_frames 10 || die "the watcher stopped"
  say "stopping (no forced failure)"
  exit 0
fi

# ---- 6. the failure: mariadbd is killed; mysqld_safe restarts it under an address-space cap ---
# The cap is set on mysqld_safe (prlimit = ulimit -v on a running shell), so the mariadbd it
# restarts inherits it. Right after a watcher frame, so the frame before is unambiguous.
wait_frames 2 || die "the watcher stopped"
sleep 0.3
victim=$(db_pid)
[ -n "$victim" ] || die "no mariadbd pid file"
prlimit --pid "$SAFE" --as=$((CAP_MB * 1024 * 1024))
kill -9 "$victim"
say "SIGKILL mariadbd $victim; mysqld_safe $SAFE restarts it under RLIMIT_AS=${CAP_MB}M (pool ${POOL_MB}M)"
wait_for 30 "$B/mysqld.err" 'Cannot map innodb_buffer_pool|mmap\(.*failed|Cannot allocate memory for the buffer pool' \
  || die "no buffer pool failure logged: $(tail -3 "$B/mysqld.err")"
say "failure logged: $(grep -m1 -E 'Cannot map|mmap\(' "$B/mysqld.err")"
wait_gone "$SAFE" 30 || say "mysqld_safe still running (restart loop?); cleanup stops it"
wait_frames 3 || true   # frames after the failure too
say "stopping"
