#!/usr/bin/env bash
# Where fnas's training steps spend their time, by phase (issue 17), for the children of
# `make bench-trainer`: `perf` samples one epoch of each child (five of those at batch 64;
# `fnas-bench trainer-child`, 6,000 images, 2 threads) and each sample's function is sorted into a phase: GEMM (OpenBLAS), im2col
# (with the phase planes it reads from), col2im (with gathering the image gradient back), batch norm + ReLU (fused), pooling, dense, loss,
# FFT (FFTW's transforms and the spectral path's frame copies and bin reordering), optimizer,
# memory (allocation, zeroing, page faults), threads (waking, yielding, scheduling), other.
# Loading the dataset is left out. Per-layer times: `fnas-bench trainer-profile`.
#
#   bash Benchmarks/trainer-profile.sh                  # every child
#   bash Benchmarks/trainer-profile.sh embedded issue-a
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v perf >/dev/null 2>&1 || ! perf stat -e task-clock true >/dev/null 2>&1; then
  echo "trainer-profile: needs a working perf (Debian: linux-perf; and kernel.perf_event_paranoid <= 2)" >&2
  exit 2
fi
swift build -c release --product fnas-bench >/dev/null
bin="$(swift build -c release --show-bin-path)/fnas-bench"
scratch="$(mktemp -d)"; trap 'rm -rf "$scratch"' EXIT

"$bin" trainer-cases >"$scratch/cases"
wanted=("$@")
echo "| child | GEMM | im2col | col2im | FFT | BN + ReLU | pooling | dense | loss | optimizer | memory | threads | other |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
while IFS=$'\t' read -r name input layers batch; do
  if [ "${#wanted[@]}" -gt 0 ] && ! printf '%s\n' "${wanted[@]}" | grep -qx "$name"; then continue; fi
  # Several epochs of the small children, so that loading the data is a small part of the
  # samples (its own functions are left out below, but not the page faults it causes).
  epochs=1; [ "$batch" -le 64 ] && epochs=5
  FNAS_BENCH_EPOCHS=$epochs perf record -q -F 2000 -o "$scratch/perf.data" -- "$bin" trainer-child "$input" "$layers" "$batch" >/dev/null 2>&1
  perf report -i "$scratch/perf.data" --no-children --sort dso,symbol --percent-limit 0 -g none 2>/dev/null \
    | grep -v '^#' | grep '%' >"$scratch/report"
  awk -v name="$name" '
    {
      pct = $1; sub(/%/, "", pct); dso = $2; sym = $0
      if (dso ~ /libz/ || sym ~ /Dataset|IDXReader|FileBytes|crc32|inflate|as32x32x3/) next
      if (dso ~ /openblas/ || sym ~ /sgemm|sgemv|saxpy|cblas/) phase = "gemm"
      else if (sym ~ /col2im|7unphase_4into/) phase = "col2im"
      else if (sym ~ /im2col|5phase_4into|ColumnSource|4fill/) phase = "im2col"
      else if (dso ~ /fftw/ || sym ~ /[Ss]pectral/) phase = "fft"
      else if (sym ~ /BatchNorm|ReLU/) phase = "bn"
      else if (sym ~ /GlobalAveragePool|MaxPool/) phase = "pool"
      else if (sym ~ /Dense/) phase = "dense"
      else if (sym ~ /SoftmaxCrossEntropy/) phase = "loss"
      else if (sym ~ /Optimizer|Parameter/) phase = "optimizer"
      else if (sym ~ /malloc|free|alloc|memset|memmove|memcpy|swift_retain|swift_release|page|folio|lruvec|cgroup|mas_walk|mmap|munmap|do_anonymous|handle_mm|clear_page|zap_|tlb/) phase = "memory"
      else if (sym ~ /sched|futex|dispatch|yield|switch_to|task_switch|spin_unlock|try_to_wake|wake_up|pthread|Atomic|WorkCounter/) phase = "threads"
      else phase = "other"
      share[phase] += pct; total += pct
    }
    END {
      split("gemm im2col col2im fft bn pool dense loss optimizer memory threads other", order, " ")
      line = "| " name
      for (i = 1; i <= 12; i++) line = line sprintf(" | %.1f %%", total > 0 ? 100 * share[order[i]] / total : 0)
      print line " |"
    }' "$scratch/report"
done <"$scratch/cases"
