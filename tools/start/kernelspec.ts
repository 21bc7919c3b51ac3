/**
 * The course's tslab kernel, registered inside the project rather than in the user's Jupyter setup.
 *
 * Jupyter looks for kernels in every folder of JUPYTER_PATH (before the user's and the system's folders),
 * so writing `<root>/.course/jupyter/kernels/tslab/kernel.json` and pointing JUPYTER_PATH there makes the
 * notebooks' kernel "tslab" this project's tslab, for the Jupyter that `npm start` launches and nothing else.
 * The file holds absolute paths (this Node, this checkout), so it is written on every start and git-ignored.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { ArgumentError } from "../../src/errors";

/** The folder `npm start` adds to JUPYTER_PATH. */
export const jupyterDir = (root: string): string => join(root, ".course", "jupyter");

/** The kernel that notebooks name in metadata.kernelspec.name. */
export const KERNEL_NAME = "tslab";

export interface Kernelspec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: "signal" | "message";
}

/**
 * The course's kernel (tools/kernel/kernel.js): tslab with the Jupyter protocol set right, ended when Jupyter
 * dies without shutting it down. nbmake-ts runs the same file.
 */
export const KERNEL = join(__dirname, "..", "kernel", "kernel.js");

/**
 * The kernel started by the Node that runs this script, so a Jupyter launched without the user's PATH finds it.
 * Interrupts are SIGINT, which also stops a synchronous loop; Windows has no SIGINT to send, so Jupyter sends an
 * interrupt_request message there instead (which stops a cell waiting on a promise, not a busy loop).
 */
export function kernelspec(root: string, node = process.execPath, platform = process.platform): Kernelspec {
  const tslab = join(root, "node_modules", "tslab", "bin", "tslab");
  if (!existsSync(tslab)) throw new ArgumentError("project", `tslab installed at ${tslab}`, "no such file", "Run `npm ci` first");
  return {
    argv: [node, KERNEL, "--config-path", "{connection_file}"],
    display_name: "TypeScript",
    language: "typescript",
    interrupt_mode: platform === "win32" ? "message" : "signal",
  };
}

/** Writes the kernelspec into the project and returns the folder to put on JUPYTER_PATH. */
export function writeKernelspec(root: string): string {
  const dir = join(jupyterDir(root), "kernels", KERNEL_NAME);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "kernel.json"), JSON.stringify(kernelspec(root), null, 2) + "\n");
  return jupyterDir(root);
}

/** `env` with `dir` first on JUPYTER_PATH, keeping whatever the user had there after it. */
export function withJupyterPath(dir: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const rest = env.JUPYTER_PATH ? [env.JUPYTER_PATH] : [];
  return { ...env, JUPYTER_PATH: [dir, ...rest].join(delimiter) };
}
