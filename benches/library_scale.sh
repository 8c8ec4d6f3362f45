#!/usr/bin/env bash
# A year of news: libraries of 1k, 10k, 100k and 200k generated articles (`gen_corpus
# --articles N --seed 1`, then `mercato import`), measured with this build and, when BEFORE
# names one, an older build beside it (each on a library of its own: an older build may
# refuse a newer schema). Per size and build: the import (wall, peak RSS), `mercato
# countdowns` (the whole process: wall and peak RSS, median of RUNS), and the dashboard's
# first frame, model on screen and peak RSS (benches/first_frame.py, median of RUNS).
#
#   benches/library_scale.sh                                  # this build only
#   BEFORE=/tmp/mercato-old benches/library_scale.sh          # and an older build
#   SIZES="1000 10000" RUNS=3 DIR=/tmp/scale benches/library_scale.sh
#
# Corpora and libraries are kept in DIR between runs (delete them to make them again).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-1000 10000 100000 200000}
RUNS=${RUNS:-3}
DIR=${DIR:-${TMPDIR:-/tmp}/mercato-scale}
AS_OF=2026-01-01

cargo build --release --quiet --bin mercato --example gen_corpus
mkdir -p "$DIR"
builds=("after=target/release/mercato")
if [ -n "${BEFORE:-}" ]; then
  builds=("before=$BEFORE" "${builds[@]}")
fi
echo "machine: $(uptime)"

# "wall_s peak_rss_MB" of a command, its output discarded.
timed() {
  if ! /usr/bin/time -f "%e %M" -o "$DIR/time.log" "$@" >/dev/null 2>"$DIR/stderr.log"; then
    cat "$DIR/stderr.log" >&2
    return 1
  fi
  awk '{ printf "%.2f %.1f\n", $1, $2 / 1000 }' "$DIR/time.log"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

for size in $SIZES; do
  corpus="$DIR/corpus-$size"
  if [ ! -f "$corpus/.gen_corpus.txt" ]; then
    rm -rf "$corpus"
    target/release/examples/gen_corpus --articles "$size" --seed 1 "$corpus" 2>"$corpus.summary"
    mv "$corpus.summary" "$corpus/.gen_corpus.txt" # hidden: the loader skips it
  fi
  echo "== $size articles: $(cat "$corpus/.gen_corpus.txt")"
  for build in "${builds[@]}"; do
    label=${build%%=*}
    binary=${build#*=}
    db="$DIR/$label-$size.db"
    if [ ! -f "$db" ]; then
      read -r wall rss < <(timed "$binary" --db "$db" import "$corpus")
      echo "$label $size import: ${wall} s, peak ${rss} MB; library $(du -m "$db" | cut -f1) MB"
    fi
    walls=()
    rsss=()
    for _ in $(seq "$RUNS"); do
      read -r wall rss < <(timed "$binary" --db "$db" --as-of "$AS_OF" countdowns)
      walls+=("$wall")
      rsss+=("$rss")
    done
    echo "$label $size countdowns: runs ${walls[*]} s; median $(printf '%s\n' "${walls[@]}" | median) s, peak RSS $(printf '%s\n' "${rsss[@]}" | median) MB"
    python3 benches/first_frame.py --binary "$binary" --db "$db" --runs "$RUNS" --timeout 300 |
      tail -n 3 | sed "s/^/$label $size dashboard: /"
  done
done
