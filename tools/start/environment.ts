/**
 * Where the Jupyter that `npm start` launches keeps its files: inside the project's `.course/` folder
 * (git-ignored), so the user's own Jupyter setup (~/.jupyter, ~/.local/share/jupyter) is neither read nor
 * written. The data folder holds the project's kernelspec and classic Notebook's trust records (its secret
 * and signature database); the config folder, settings and JupyterLab's workspaces; the runtime folder,
 * the server's and the kernels' connection files. Classic Notebook also makes an IPython folder on start.
 * Jupyter also reads the course's own server configuration (./jupyter-config), first on JUPYTER_CONFIG_PATH.
 */
import { randomBytes } from "node:crypto";
import { delimiter, join } from "node:path";
import { jupyterDir, withJupyterPath } from "./kernelspec";

export const courseDir = (root: string): string => join(root, ".course");
export const runtimeDir = (root: string): string => join(courseDir(root), "runtime");
export const CONFIG_DIR = join(__dirname, "jupyter-config");

/** `env` plus the JUPYTER_* variables that keep Jupyter inside the project, and a fresh random token. */
export function jupyterEnvironment(root: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...withJupyterPath(jupyterDir(root), env),
    JUPYTER_DATA_DIR: jupyterDir(root),
    JUPYTER_CONFIG_DIR: join(courseDir(root), "config"),
    JUPYTER_RUNTIME_DIR: runtimeDir(root),
    IPYTHONDIR: join(courseDir(root), "ipython"),
    JUPYTER_CONFIG_PATH: [CONFIG_DIR, ...(env.JUPYTER_CONFIG_PATH ? [env.JUPYTER_CONFIG_PATH] : [])].join(delimiter),
    JUPYTER_TOKEN: randomBytes(24).toString("hex"),
  };
}
