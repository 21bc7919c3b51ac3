#!/usr/bin/env node
// `npx autograde` resolves to this file through the "bin" field of the course's package.json (never the
// registry). The grader is TypeScript: tsx compiles it in this process (student code runs elsewhere).
require("tsx/cjs/api").register();
require("../cli.ts")
  .main(process.argv.slice(2))
  .then((code) => (process.exitCode = code));
