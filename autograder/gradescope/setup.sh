#!/usr/bin/env bash
# Gradescope runs this once while building the autograder image (Ubuntu, as root, with network access).
set -euo pipefail
if ! node --version 2>/dev/null | grep -q '^v2[0-9]'; then
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y nodejs
fi
# The grader runs student code inside bubblewrap where the container lets it start (results say which).
if ! command -v bwrap > /dev/null; then
  apt-get update
  apt-get install -y bubblewrap
fi
cd /autograder/source
npm ci
