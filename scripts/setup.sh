#!/usr/bin/env bash
# Installs the Debian packages fnas needs, only those that are missing, idempotently.
# Uses sudo only when not root. Safe to run on every `make run` / `make test`.
set -euo pipefail

packages=(libncurses-dev libopenblas-dev libfftw3-dev zlib1g-dev tmux pkg-config)
# The full Fashion-MNIST (for --dataset fashion-mnist); optional: the embedded subset works without it.
optional=(dataset-fashion-mnist)

missing=()
for p in "${packages[@]}" "${optional[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: missing packages (${missing[*]}) and no apt-get to install them" >&2
  exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1
  fi
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
required_missing=()
for p in "${missing[@]}"; do
  case " ${optional[*]} " in *" $p "*) ;; *) required_missing+=("$p") ;; esac
done
if ! $sudo apt-get update -qq; then
  # Without a package index only the optional packages may stay missing.
  if [ ${#required_missing[@]} -gt 0 ]; then
    echo "setup: apt-get update failed; cannot install ${required_missing[*]}" >&2; exit 1
  fi
  echo "setup: apt-get update failed; optional ${missing[*]} not installed (the embedded dataset still works)" >&2
  exit 0
fi
if [ ${#required_missing[@]} -gt 0 ]; then
  $sudo apt-get install -y -qq --no-install-recommends "${required_missing[@]}"
fi
for p in "${optional[@]}"; do
  case " ${missing[*]} " in
    *" $p "*) $sudo apt-get install -y -qq --no-install-recommends "$p" \
                || echo "setup: optional package $p could not be installed; continuing" >&2 ;;
  esac
done
