#!/usr/bin/env bash
# Sets up everything on a fresh machine, and is safe to run again (it only installs what is missing or changed):
#   - .venv: a virtualenv with this package (editable) and its dev tools (pytest, ruff, mypy, the pinned
#     generator, the openai SDK for the parity tests);
#   - tests/conformance/prism: the pinned Prism mock server (npm), for the conformance tests.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
# npm records what it installed in node_modules/.package-lock.json: reinstall only when the pinned lock is newer.
prism=tests/conformance/prism
if [ ! -x "$prism/node_modules/.bin/prism" ] || [ "$prism/package-lock.json" -nt "$prism/node_modules/.package-lock.json" ]; then
    npm ci --prefix "$prism" --no-audit --no-fund --loglevel=error
fi
