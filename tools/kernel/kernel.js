#!/usr/bin/env node
// The course's Jupyter kernel: the project's tslab, with the protocol fixes of ./protocol.js, its tensors on
// the course's default backend from the start (./backend.js), ended when the process that started it is
// gone (./guard.js). Every front end (npm start's kernelspec) and nbmake-ts start this same file:
//
//   node tools/kernel/kernel.js --config-path <connection file>
//
// Plain JavaScript: the kernel's Node runs it as it is, with no TypeScript loader.
"use strict";

require("./guard");
const { fixProtocol } = require("./protocol");
const { startDefaultBackend } = require("./backend");

const USAGE = "usage: node tools/kernel/kernel.js --config-path <connection file>";

function configPath(args) {
  const at = args.indexOf("--config-path");
  const path = at >= 0 ? args[at + 1] : args.find((arg) => arg.startsWith("--config-path="))?.slice("--config-path=".length);
  if (!path) {
    console.error(`${USAGE}\n(the connection file Jupyter writes: it passes it as {connection_file} in kernel.json)`);
    process.exit(2);
  }
  return path;
}

const path = configPath(process.argv.slice(2));
fixProtocol({ version: require("tslab/package.json").version, jupyter: require("tslab/dist/jupyter") });
startDefaultBackend().then(({ backend, why }) => {
  // A kernel without it still works (tfjs falls back to its cpu backend); Jupyter's terminal says why.
  if (!backend && !why.startsWith("COURSE_BACKEND")) console.error(`the course's kernel left tfjs's backend to tfjs: ${why}`);
  // enableFindLocal: false: this is the project's tslab already; tslab would otherwise look for one near the notebook.
  require("tslab/dist/main").startKernel({ configPath: path, enableFindLocal: false });
});
