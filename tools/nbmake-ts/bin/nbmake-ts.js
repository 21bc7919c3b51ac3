#!/usr/bin/env node
// The runner is written in TypeScript and run through tsx: no build step, so the CLI never runs stale code.
require("tsx/cjs");
require("../src/cli.ts");
