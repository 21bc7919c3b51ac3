#!/usr/bin/env node
// `npm run autograde` (and `npx autograde` inside the course folder) runs this file: npm resolves the
// course's own bin, never the registry. Started from elsewhere (a global link, a path typed out), it says
// where to run it instead of grading with paths and an --out folder the user did not mean. The grader is
// TypeScript: tsx compiles it in this process (student code runs elsewhere).
const { isAbsolute, join, relative } = require("node:path");
const course = join(__dirname, "..", "..");
const where = relative(course, process.cwd());
if (where.startsWith("..") || isAbsolute(where)) {
  console.error(`autograde: run this inside the course folder, ${course}: cd there, then npm run autograde -- <submission> [options]`);
  process.exitCode = 2;
} else {
  require("tsx/cjs/api").register();
  require("../cli.ts")
    .main(process.argv.slice(2))
    .then((code) => (process.exitCode = code));
}
