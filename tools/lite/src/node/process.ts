/**
 * `process` in the kernel's worker, as much of it as code on the kernel's path asks for (path's `resolve`, the
 * library's `runChecks`): the working directory is the notebook's folder, the environment is empty. Like
 * browserify's stand-in it says `browser: true` and names no Node version in `versions`, so that libraries
 * checking for Node do not take the worker for it.
 */
import { currentDirectory } from "../worker/ts-sys";

export const cwd = (): string => currentDirectory();

export const process = {
  cwd,
  env: {} as Record<string, string | undefined>,
  browser: true,
  platform: "browser",
  version: "v20.0.0",
  versions: {} as Record<string, string>,
  argv: [] as string[],
};

export default process;
