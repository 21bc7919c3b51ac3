#!/usr/bin/env bash
# Gradescope runs this once while building the autograder image (Ubuntu, as root, with network access).
set -euo pipefail
if ! node --version 2>/dev/null | grep -q '^v2[0-9]'; then
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y nodejs
fi
cd /autograder/source
npm ci
