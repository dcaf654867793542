#!/usr/bin/env bash
# A private ClickHouse server for the fleet test: Debian's clickhouse-server (18.16) run as a plain
# process (not systemd) with its own config, users and data under one folder, on loopback only.
#   scripts/clickhouse.sh start [DIR]   start it (HTTP on $OOMTRAIL_CH_HTTP_PORT, default 18123)
#   scripts/clickhouse.sh stop [DIR]    stop it and remove DIR
# DIR defaults to ${TMPDIR:-/tmp}/oomtrail-clickhouse. Prints the URL to use as OOMTRAIL_CLICKHOUSE_URL.
set -euo pipefail
cmd=${1:-}
dir=${2:-${TMPDIR:-/tmp}/oomtrail-clickhouse}
http=${OOMTRAIL_CH_HTTP_PORT:-18123}
tcp=${OOMTRAIL_CH_TCP_PORT:-19000}
server=$(command -v clickhouse-server || echo /usr/sbin/clickhouse-server)

case "$cmd" in
start)
  [ -x "$server" ] || { echo "clickhouse.sh: clickhouse-server is not installed (apt-get install clickhouse-server)" >&2; exit 2; }
  mkdir -p "$dir/data/tmp" "$dir/data/user_files" "$dir/log"
  cat >"$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$dir/log/server.log</log><errorlog>$dir/log/server.err.log</errorlog><size>10M</size><count>1</count></logger>
  <http_port>$http</http_port>
  <tcp_port>$tcp</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <max_connections>64</max_connections>
  <keep_alive_timeout>3</keep_alive_timeout>
  <max_concurrent_queries>16</max_concurrent_queries>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <mark_cache_size>67108864</mark_cache_size>
  <path>$dir/data/</path>
  <tmp_path>$dir/data/tmp/</tmp_path>
  <user_files_path>$dir/data/user_files/</user_files_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mlock_executable>false</mlock_executable>
</yandex>
XML
  cat >"$dir/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage><load_balancing>random</load_balancing></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
  "$server" --config-file="$dir/config.xml" >"$dir/log/stdout.log" 2>&1 &
  echo $! >"$dir/pid"
  for _ in $(seq 1 100); do
    # node is there wherever oomtrail is (curl may not be, on a clean machine)
    if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "http://127.0.0.1:$http/ping"; then
      echo "http://127.0.0.1:$http"
      exit 0
    fi
    kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
    sleep 0.2
  done
  echo "clickhouse.sh: the server did not start; its log:" >&2
  tail -n 20 "$dir/log/server.err.log" "$dir/log/stdout.log" >&2 2>/dev/null || true
  exit 2
  ;;
stop)
  if [ -f "$dir/pid" ]; then
    pid=$(cat "$dir/pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: scripts/clickhouse.sh start|stop [DIR]" >&2
  exit 2
  ;;
esac
