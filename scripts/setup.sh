#!/usr/bin/env bash
# Sets everything up, idempotently: system libraries Qt needs (apt-get), a virtual environment
# in .venv, and the package with its development tools. Safe to run again: it skips what is done.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
SYSTEM_PACKAGES=(
  libegl1 libgl1 libx11-6 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libglib2.0-0 libdbus-1-3 fonts-dejavu-core fonts-noto-cjk poppler-utils
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libx11-xcb1 libxcb-image0 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 xvfb
  binutils  # PyInstaller needs objdump on Linux; build.spec strips the libraries with strip
)

install_system_packages() {
  command -v apt-get >/dev/null 2>&1 || { echo "setup: no apt-get; install Qt's libraries yourself" >&2; return 0; }
  local missing=()
  for package in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_python_packages() {
  if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
  fi
  local stamp=.venv/.crm-desktop-installed
  local wanted
  wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    return 0
  fi
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev]"
  echo "$wanted" > "$stamp"
}

install_system_packages
install_python_packages
