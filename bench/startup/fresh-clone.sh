#!/usr/bin/env bash
# Times what a new user sees: clone → `npm start` → every service ready through the gateway,
# then Ctrl-C (SIGINT to the whole process group) → everything stopped.
#   bench/startup/fresh-clone.sh [--distributed]
# Distributed mode uses RABBITMQ_URL, DATABASE_URL and REDIS_URL (local defaults otherwise).
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
mode=embedded; args=()
if [ "${1:-}" = "--distributed" ]; then mode=distributed; args=(-- --distributed); fi
work=$(mktemp -d)
port=${PORT:-18190}
git clone -q "$repo" "$work/switchyard"
cd "$work/switchyard"
log="$work/start.log"
now() { date +%s.%N; }
t0=$(now)
setsid bash -c "PORT=$port exec npm start ${args[*]:-}" >"$log" 2>&1 &
leader=$!
sleep 1
pgid=$(ps -o pgid= -p "$leader" | tr -d ' ')
installed=""
ready=""
for _ in $(seq 1 1800); do
  if [ -z "$installed" ] && grep -q "Dependencies installed in" "$log"; then installed=$(echo "$(now) - $t0" | bc); fi
  if curl -sf "localhost:$port/api/system/services" 2>/dev/null | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["ready"] else 1)' 2>/dev/null; then
    ready=$(echo "$(now) - $t0" | bc); break
  fi
  sleep 0.5
done
services=$(curl -s "localhost:$port/api/system/services" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["services"]))' 2>/dev/null)
t1=$(now)
kill -INT -- "-$pgid" 2>/dev/null
for _ in $(seq 1 150); do pgrep -g "$pgid" >/dev/null || break; sleep 0.2; done
stopped=$(echo "$(now) - $t1" | bc)
left=$(pgrep -g "$pgid" | wc -l)
[ "$left" -gt 0 ] && kill -KILL -- "-$pgid" 2>/dev/null
echo "{\"mode\":\"$mode\",\"readySeconds\":${ready:-null},\"installSeconds\":${installed:-null},\"services\":${services:-0},\"stopSeconds\":$stopped,\"leftAfterStop\":$left}"
rm -rf "$work"
