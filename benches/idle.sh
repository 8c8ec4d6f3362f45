#!/usr/bin/env bash
# CPU used by the dashboard at rest: only the once-a-second countdown tick, no input.
# Runs the release binary in a private tmux server (120x40), lets it load, then reads its
# CPU time (utime + stime from /proc/PID/stat) over SECONDS seconds.
#
#   benches/idle.sh                       # the embedded corpus, 60 s
#   SECONDS_AT_REST=30 CORPUS=DIR benches/idle.sh
set -euo pipefail
cd "$(dirname "$0")/.."

REST=${SECONDS_AT_REST:-60}
CORPUS=${CORPUS:-}
SERVER=mercato-idle-$$

cargo build --release --quiet --bin mercato
tmux -L "$SERVER" new-session -d -x 120 -y 40 \
  "target/release/mercato --as-of 2026-01-01 ${CORPUS:+--corpus $CORPUS}"
socket=$(tmux -L "$SERVER" display -p '#{socket_path}')
trap 'tmux -L "$SERVER" kill-server 2>/dev/null || true; rm -f "$socket"' EXIT
pid=$(tmux -L "$SERVER" list-panes -F '#{pane_pid}')
echo "measuring pid $pid ($(cat /proc/$pid/comm))"
# Wait for the model: the loading gauge gone.
for _ in $(seq 600); do
  screen=$(tmux -L "$SERVER" capture-pane -p)
  if grep -q "\[as of\]" <<<"$screen" && ! grep -q "Loading the corpus" <<<"$screen"; then
    break
  fi
  sleep 0.1
done
sleep 1
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks)
start=$(date +%s.%N)
sleep "$REST"
after=$(ticks)
end=$(date +%s.%N)
tmux -L "$SERVER" send-keys q
awk -v t=$((after - before)) -v hz="$hz" -v s="$start" -v e="$end" 'BEGIN {
  cpu = t / hz; wall = e - s;
  printf "at rest for %.1f s: %.3f s of CPU = %.3f%% of one core\n", wall, cpu, 100 * cpu / wall
}'
