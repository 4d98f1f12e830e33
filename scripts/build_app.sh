#!/usr/bin/env bash
# Build the frozen app with PyInstaller (build.spec) and check it, on Linux (after setup.sh):
#
#   bash scripts/build_app.sh            # one folder: dist/crm-desktop/ (what CI builds)
#   bash scripts/build_app.sh --onefile  # one file:   dist/onefile/crm-desktop
#
# Prints how long the build took and the app's size with its largest parts (fails over 400 MB),
# runs the built app's --self-test offscreen (fails when it does), prints its start-to-window
# time (bench/startup.py: the app started as a user starts it, a few times), and fails when
# either wrote anything into the app's own folder.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen

if [ "${1:-}" = "--onefile" ]; then
  dist=dist/onefile
  spec_options=(--distpath "$dist" --workpath build/onefile -- --onefile)
  app=$dist/crm-desktop
else
  dist=dist
  spec_options=()
  app=$dist/crm-desktop/crm-desktop
fi

started=$(date +%s)
.venv/bin/pyinstaller build.spec --noconfirm --log-level WARN "${spec_options[@]}"
echo "build: $(( $(date +%s) - started )) s"

if [ -d "$dist/crm-desktop" ]; then
  .venv/bin/python scripts/app_size.py "$dist/crm-desktop" --top 15 --max-mb 400
  listing() { find "$dist/crm-desktop" -printf '%P %s %T@\n' | sort; }
else
  echo "$app: $(du -m "$app" | cut -f1) MB (one file)"
  listing() { ls -l --time-style=+%s "$dist"; }
fi

before=$(listing)
"$app" --self-test
.venv/bin/python bench/startup.py --exe "$app" --runs 3  # the app as a user starts it
if [ "$before" != "$(listing)" ]; then
  echo "build: the app wrote into its own folder:" >&2
  diff <(echo "$before") <(listing) >&2 || true
  exit 1
fi
