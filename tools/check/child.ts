/**
 * Runs inside the child process that executes a student's module: loads it, then answers one call per line
 * on stdin with one JSON line on file descriptor 3 (stdout stays free for the student's own console.log).
 * Anything the module does wrong is reported as data, never thrown at the parent.
 */
import { writeSync } from "node:fs";
import { createInterface } from "node:readline";
import { decode, encode } from "../../autograder/core/encode";

export type Reply =
  | { kind: "value"; value: string }
  | { kind: "error"; name: string; message: string }
  | { kind: "load-error"; message: string }
  | { kind: "missing-export"; exports: string[] }
  | { kind: "ready" };

const modulePath = process.argv[2];
let loaded: Record<string, unknown> | undefined;
let loadError = "";
try {
  loaded = require(modulePath) as Record<string, unknown>;
} catch (error) {
  loadError = error instanceof Error ? error.message : String(error);
}

const reply = (r: Reply) => writeSync(3, JSON.stringify(r) + "\n");
reply({ kind: "ready" });

createInterface({ input: process.stdin }).on("line", async (line) => {
  const { fn, args } = decode(line) as { fn: string; args: unknown[] };
  if (!loaded) return reply({ kind: "load-error", message: loadError });
  const f = loaded[fn];
  if (typeof f !== "function") {
    return reply({ kind: "missing-export", exports: Object.keys(loaded).filter((k) => typeof loaded?.[k] === "function") });
  }
  try {
    reply({ kind: "value", value: encode(await f(...args)) });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    reply({ kind: "error", name: e.name, message: e.message });
  }
});
