/** Ctrl-C or SIGTERM on the CLI must leave no kernel behind, nor the processes a cell started. */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { childrenOf, groupGone, groupMembers } from "./processes";
import { fixture, repo } from "./project";

const bin = join(repo, "tools", "nbmake-ts", "bin", "nbmake-ts.js");

async function until<T>(probe: () => T | undefined, what: string, ms = 30_000): Promise<T> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const value = probe();
    if (value !== undefined) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.concurrent("stopping the CLI", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`${signal} kills the kernel's whole process group`, async () => {
      // The notebook starts `sleep 300` in cell 1, then waits forever in cell 2.
      const runner = spawn(process.execPath, [bin, fixture("spawns-and-waits.ipynb")], { cwd: repo, stdio: "ignore" });
      const exited = once(runner, "exit");
      const kernel = await until(() => childrenOf(runner.pid!, "kernel.js")[0], "the kernel to start");
      await until(() => (groupMembers(kernel).length >= 2 ? true : undefined), "cell 1 to start its child process");
      runner.kill(signal);
      const [code, received] = await exited;
      expect({ code, received }).toEqual({ code: null, received: signal });
      expect(await groupGone(kernel)).toEqual([]);
    });
  }
});
