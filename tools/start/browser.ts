/**
 * Opens a URL in the user's browser the way the desktop does (BROWSER wins, as it does for Jupyter).
 * Jupyter's own opener would start at its home page; the course opens at lectures/, so we open it ourselves.
 */
import { spawn } from "node:child_process";

export function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): void {
  const [command, ...args] = env.BROWSER
    ? [env.BROWSER, url]
    : process.platform === "darwin"
      ? ["open", url]
      : process.platform === "win32"
        ? ["cmd", "/c", "start", '""', url]
        : ["xdg-open", url];
  const child = spawn(command, args, { stdio: "ignore", detached: true });
  child.on("error", () => console.log(`Could not start a browser (${command}): open the address above yourself.`));
  child.unref();
}
