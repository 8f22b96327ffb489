# shellcheck shell=bash
# Sourced by scripts that need a running emulator (demo, bench): the one way
# to start it on a free loopback port and read what it prints.
#
#   start_emulator DIR [FLAGS…]  builds and starts it, files and log in DIR;
#                                sets emulator_pid, emulator_base (site root),
#                                emulator_key (main user), emulator_admin_key,
#                                emulator_org (the main user's organization).
#   stop_emulator                stops it (safe to call when none runs).
#   emulator_control METHOD PATH [BODY]
#                                calls its control API (/_emulator/PATH) with
#                                the site admin's key: requests, faults, …

emulator_pid=

start_emulator() {
  local dir=$1; shift
  mkdir -p "$dir"
  go build -o "$dir/datagouv-emulator" ./cmd/datagouv-emulator
  # Port 0: the system picks a free loopback port, the emulator prints it.
  "$dir/datagouv-emulator" -listen 127.0.0.1:0 -data "$dir/files" "$@" >"$dir/emulator.log" 2>&1 &
  emulator_pid=$!
  local _
  for _ in $(seq 1 100); do
    grep -q 'organization id:' "$dir/emulator.log" && break
    kill -0 "$emulator_pid" 2>/dev/null || break
    sleep 0.1
  done
  local api
  api=$(sed -n 's/^ *API=\(http[^ ]*\).*/\1/p' "$dir/emulator.log")
  emulator_key=$(sed -n 's/^ *main user key[^:]*: *\([^ ]*\).*/\1/p' "$dir/emulator.log")
  emulator_admin_key=$(sed -n 's/^ *site admin[^:]*: *\([^ ]*\).*/\1/p' "$dir/emulator.log")
  emulator_org=$(sed -n 's/^ *organization id: *\([^ ]*\).*/\1/p' "$dir/emulator.log")
  emulator_base=${api%/api/1}
  if [ -z "$api" ] || [ -z "$emulator_key" ] || [ -z "$emulator_admin_key" ] || [ -z "$emulator_org" ]; then
    echo "could not read the emulator's address, keys and organization from its output:" >&2
    cat "$dir/emulator.log" >&2
    return 1
  fi
}

stop_emulator() {
  if [ -n "$emulator_pid" ]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
    emulator_pid=
  fi
}

emulator_control() {
  curl -sS -f -X "$1" -H "X-API-KEY: $emulator_admin_key" -H 'Content-Type: application/json' ${3:+--data "$3"} "$emulator_base/_emulator/$2"
}
