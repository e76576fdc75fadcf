#!/usr/bin/env bash
# Makes (once) a Python virtual environment with PyTorch (CPU) and numpy for the benchmarks that
# compare fnas with PyTorch, outside the checkout so nothing of it is ever committed, and prints
# its python on the last line. Idempotent: an environment that already imports torch is reused.
#
#   FNAS_TORCH_VENV   where it lives (default: ${XDG_CACHE_HOME:-~/.cache}/fnas/torch-venv)
#
# torch comes from pip's configured find-links when they hold the CPU wheel, else from the
# PyTorch CPU index. Exit 1, saying why, when it cannot be installed.
set -euo pipefail
venv="${FNAS_TORCH_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/fnas/torch-venv}"
version="2.13.0+cpu"
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import torch, numpy" 2>/dev/null; then
  echo "$venv/bin/python"
  exit 0
fi
echo "torch-venv: creating $venv (torch $version, numpy)" >&2
mkdir -p "$(dirname "$venv")"
if ! python3 -m venv "$venv" >&2; then
  echo "torch-venv: python3 -m venv failed (on Debian: apt-get install python3-venv)" >&2
  exit 1
fi
pip=("$venv/bin/python" -m pip install --quiet)
if ! "${pip[@]}" "torch==$version" numpy >&2; then
  echo "torch-venv: torch $version is not in pip's find-links; trying the PyTorch CPU index" >&2
  if ! "${pip[@]}" --index-url https://download.pytorch.org/whl/cpu torch numpy >&2; then
    echo "torch-venv: could not install torch into $venv" >&2
    exit 1
  fi
fi
"$venv/bin/python" -c "import torch, numpy" >&2
echo "$venv/bin/python"
