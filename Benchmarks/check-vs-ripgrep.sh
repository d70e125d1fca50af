#!/usr/bin/env bash
# Times `rocfault check` against `rg -c -f` over the same rules' patterns on one large log, in one
# run, and measures peak memory at two file sizes. Prints a Markdown report (see docs/performance.md).
#
# Baseline: ripgrep's default engine counting matching lines. ripgrep's regex engine has no
# lookaround, no back-reference, and one alternation cannot repeat a group name, so the patterns are
# given to it with names dropped, lookarounds turned into plain groups and back-references into
# \w+: a superset search, never harder for rg.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${BENCH_DATA:-bench-data}
size_mib=${BENCH_SIZE_MIB:-512}
runs=${BENCH_RUNS:-3}
rocfault=.build/release/rocfault
mkdir -p "$data"
log="$data/journal-${size_mib}MiB.log"
small="$data/journal-64MiB.log"
[[ -s "$log" ]] || python3 Benchmarks/generate_log.py "$log" "$size_mib" 0.001 >&2
[[ -s "$small" ]] || python3 Benchmarks/generate_log.py "$small" 64 0.001 >&2

"$rocfault" rules list --patterns Rules >"$data/patterns.pcre"
python3 - "$data/patterns.pcre" "$data/patterns.rg" <<'PY'
import re, sys
out = []
for pattern in open(sys.argv[1]).read().splitlines():
    for start in ("(?<=", "(?<!", "(?=", "(?!", "(?|"):
        pattern = pattern.replace(start, "(?:")
    pattern = re.sub(r"\\k<[A-Za-z_]\w*>", r"\\w+", pattern)
    out.append(re.sub(r"\(\?<([A-Za-z_]\w*)>", "(?:", pattern))
open(sys.argv[2], "w").write("\n".join(out) + "\n")
PY

cat "$log" "$small" >/dev/null  # both tools read from the page cache

measure() {  # prints "seconds kib"
    /usr/bin/time -f "%e %M" -o "$data/time.out" "$@" >/dev/null
    cat "$data/time.out"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

rg_times=() rf_times=() rf_rss=0
for _ in $(seq "$runs"); do
    read -r seconds _ < <(measure rg -c -f "$data/patterns.rg" "$log")
    rg_times+=("$seconds")
    read -r seconds kib < <(measure "$rocfault" check --json=short --rules Rules "$log")
    rf_times+=("$seconds")
    rf_rss=$kib
done
read -r _ small_rss < <(measure "$rocfault" check --json=short --rules Rules "$small")
rg_median=$(printf '%s\n' "${rg_times[@]}" | median)
rf_median=$(printf '%s\n' "${rf_times[@]}" | median)
lines=$(wc -l <"$log")
bytes=$(stat -c %s "$log")
gpu_lines=$(rg -c -f "$data/patterns.rg" "$log")

cat <<REPORT
| measure | value |
|---|---|
| input | $bytes bytes, $lines lines, $gpu_lines lines matching a rule pattern |
| rules | $(wc -l <"$data/patterns.pcre") patterns |
| \`rg -c -f\` wall time (median of $runs) | ${rg_median} s |
| \`rocfault check\` wall time (median of $runs) | ${rf_median} s |
| ratio rocfault / ripgrep | $(python3 -c "print(f'{$rf_median / $rg_median:.2f}x')") |
| \`rocfault check\` peak RSS, 64 MiB input | $((small_rss / 1024)) MiB |
| \`rocfault check\` peak RSS, ${size_mib} MiB input | $((rf_rss / 1024)) MiB |
| machine | $(nproc) cores, $(awk '/MemTotal/ { printf "%d GiB", $2 / 1048576 }' /proc/meminfo), $(rg --version | head -1) |
REPORT
