#!/usr/bin/env bash
# Regenerates requirements.txt from requirements.in: every package JupyterLab and Notebook need, pinned, with
# the hashes of all their files, for Linux, macOS and Windows and Python 3.10 or later (uv's universal
# resolution; pip-compile resolves for the machine it runs on only). Then checks that each supported platform
# gets a wheel of every package, so no student's install has to compile anything.
# Needs Python 3 and PyPI; uv is installed into a temporary folder and removed afterwards.
set -euo pipefail
cd "$(dirname "$0")"
UV_VERSION=0.13.9
PYTHON_MIN=3.10
tool=$(mktemp -d)
trap 'rm -rf "$tool"' EXIT

python3 -m venv "$tool/venv"
"$tool/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-cache-dir "uv==$UV_VERSION"
uv() { UV_CACHE_DIR="$tool/cache" "$tool/venv/bin/uv" "$@"; }

uv pip compile requirements.in --universal --generate-hashes --python-version "$PYTHON_MIN" \
  --custom-compile-command "tools/start/lock-requirements.sh" --output-file requirements.txt --quiet

# Each platform (uv's names) with the oldest Python it is supported with, checked with that one and the newest.
# Windows on ARM: some packages (cffi, pyyaml) have wheels there only from Python 3.12 on.
for target in x86_64-unknown-linux-gnu:$PYTHON_MIN aarch64-unknown-linux-gnu:$PYTHON_MIN x86_64-apple-darwin:$PYTHON_MIN \
  aarch64-apple-darwin:$PYTHON_MIN x86_64-pc-windows-msvc:$PYTHON_MIN aarch64-pc-windows-msvc:3.12; do
  platform=${target%:*}
  for python in "${target#*:}" 3.14; do
    uv pip compile requirements.txt --python-platform "$platform" --python-version "$python" --only-binary :all: \
      --no-header --quiet --output-file /dev/null || { echo "no wheel for some package on $platform, Python $python" >&2; exit 1; }
  done
done
echo "requirements.txt: $(grep -c '^[a-z]' requirements.txt) pinned packages, wheels for every supported platform"
