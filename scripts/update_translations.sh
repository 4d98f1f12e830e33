#!/usr/bin/env bash
# Regenerates the translation sources and the compiled translations:
#   1. pyside6-lupdate reads every tr()/translate()/QT_TRANSLATE_NOOP() call in crm_desktop/
#      into resources/translations/crm_desktop_<lang>.ts (existing translations are kept; texts
#      no longer in the code are dropped; new ones come in as "unfinished").
#   2. pyside6-lrelease compiles each .ts into the .qm the app loads (unfinished texts left out:
#      they show in English).
# Then it lists what is still untranslated (exit 1 with --check when anything is).
# Run it after merging a branch that adds or changes user-visible texts. See docs/translating.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV_BIN:-.venv/bin}
LANGUAGES=${LANGUAGES:-zh_CN}
for lang in $LANGUAGES; do
  ts=resources/translations/crm_desktop_${lang}.ts
  "$BIN/pyside6-lupdate" -extensions py -recursive crm_desktop -no-obsolete -locations none \
    -target-language "$lang" -ts "$ts"
  "$BIN/pyside6-lrelease" -silent "$ts" -qm "resources/translations/crm_desktop_${lang}.qm"
  if [ "${1:-}" = "--check" ]; then
    "$BIN/python" scripts/translations.py missing "$ts"
  else
    "$BIN/python" scripts/translations.py missing "$ts" || true
  fi
done
