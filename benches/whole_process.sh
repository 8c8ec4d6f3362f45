#!/usr/bin/env bash
# Whole-process check: `mercato export` over a generated corpus (~25 MB of article text by
# default), timed with /usr/bin/time -v; prints every run and the medians.
#
#   benches/whole_process.sh                     # 5 runs, all cores
#   THREADS=1 benches/whole_process.sh           # 5 runs, one rayon thread
#   RUNS=7 BYTES=5000000 DIR=/tmp/c5 benches/whole_process.sh
#
# The corpus is generated once into DIR (kept between runs; delete it to regenerate).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
BYTES=${BYTES:-25000000}
DIR=${DIR:-${TMPDIR:-/tmp}/mercato-corpus-$BYTES}
THREADS=${THREADS:-}
AS_OF=${AS_OF:-2026-01-01}

if [ ! -x /usr/bin/time ]; then
  echo "needs GNU time: apt-get install time" >&2
  exit 1
fi

cargo build --release --quiet --bin mercato --example gen_corpus
if [ ! -f "$DIR/.gen_corpus.txt" ]; then
  rm -rf "$DIR"
  target/release/examples/gen_corpus --bytes "$BYTES" --seed 1 "$DIR" 2>"$DIR.summary"
  mv "$DIR.summary" "$DIR/.gen_corpus.txt" # hidden: the loader skips it
fi
cat "$DIR/.gen_corpus.txt"
text_bytes=$(sed -n 's/.*article text: \([0-9]*\) bytes.*/\1/p' "$DIR/.gen_corpus.txt")
disk_bytes=$(sed -n 's/.*on disk: \([0-9]*\) bytes.*/\1/p' "$DIR/.gen_corpus.txt")

log=$(mktemp)
trap 'rm -f "$log"' EXIT
results=()
echo "run  wall_s  user_s  sys_s  cpu%  peak_rss_MB  text_MB/s"
for run in $(seq "$RUNS"); do
  env ${THREADS:+RAYON_NUM_THREADS=$THREADS} /usr/bin/time -v \
    target/release/mercato --corpus "$DIR" --as-of "$AS_OF" export >/dev/null 2>"$log"
  line=$(awk -v text="$text_bytes" -v run="$run" '
    /Elapsed \(wall clock\)/ {
      n = split($NF, p, ":"); wall = 0
      for (i = 1; i <= n; i++) wall = wall * 60 + p[i]
    }
    /User time/ { user = $NF }
    /System time/ { sys = $NF }
    /Percent of CPU/ { cpu = $NF; sub("%", "", cpu) }
    /Maximum resident set size/ { rss = $NF * 1024 / 1e6 }
    END { printf "%3d  %6.2f  %6.2f  %5.2f  %4d  %11.1f  %9.2f\n", run, wall, user, sys, cpu, rss, text / 1e6 / wall }
  ' "$log")
  echo "$line"
  results+=("$line")
done
printf '%s\n' "${results[@]}" | awk -v text="$text_bytes" -v disk="$disk_bytes" '
  { wall[NR] = $2; rss[NR] = $6; cpu[NR] = $5 }
  function median(a, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    w = median(wall, NR); r = median(rss, NR); c = median(cpu, NR)
    printf "median of %d: wall %.2f s, %.2f MB/s of article text (%.1f MB), CPU %d%%, peak RSS %.1f MB\n", NR, w, text / 1e6 / w, text / 1e6, c, r
    printf "RSS budget 2.5 x corpus + 30 MB = %.1f MB (corpus on disk %.1f MB)\n", 2.5 * disk / 1e6 + 30, disk / 1e6
  }'
