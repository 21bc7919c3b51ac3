/**
 * `npm start [-- --port N] [-- --no-browser] [-- --notebook]`: opens the course in Jupyter.
 *
 * Registers the project's tslab kernel inside the project (JUPYTER_PATH, nothing global), launches JupyterLab
 * (else classic Notebook) on 127.0.0.1 with a fresh token, waits until it listens and opens lectures/.
 * Exit codes: Jupyter's own when it stops, 1 when no Jupyter is installed or it failed to start, 2 for bad flags.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ArgumentError } from "../../src/errors";
import { openBrowser } from "./browser";
import { findJupyter, installCommand } from "./jupyter";
import { withJupyterPath, writeKernelspec } from "./kernelspec";
import { launch, waitForServer } from "./server";

const ROOT = join(__dirname, "..", "..");

const HELP = `Usage: npm start [-- options]

Opens the course's lectures in JupyterLab (or classic Notebook when JupyterLab is not installed),
with the project's TypeScript kernel (tslab). Your own Jupyter setup is not changed.

Options:
  --port <n>      port to listen on (default: Jupyter's, 8888 or the next free one)
  --no-browser    print the address instead of opening a browser
  --notebook      use classic Notebook even when JupyterLab is installed
  -h, --help      show this help

Stop the server with Ctrl+C.`;

interface Options {
  port?: number;
  browser: boolean;
  notebook: boolean;
  help: boolean;
}

function parse(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      "no-browser": { type: "boolean", default: false },
      notebook: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new ArgumentError("--port", "a whole number from 1 to 65535", values.port);
  }
  return { port, browser: !values["no-browser"], notebook: values.notebook, help: values.help };
}

async function main(argv: string[]): Promise<number> {
  let options: Options;
  try {
    options = parse(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (options.help) {
    console.log(HELP);
    return 0;
  }
  const app = findJupyter(process.env, options.notebook ? "notebook" : undefined);
  if (!app) {
    const wanted = options.notebook ? "Jupyter Notebook" : "JupyterLab or Jupyter Notebook";
    console.error(`${wanted} is not installed (no ${options.notebook ? "" : "jupyter-lab or "}jupyter-notebook on PATH).`);
    console.error(`Install it with:\n\n    ${installCommand()}\n\nthen run \`npm start\` again.`);
    return 1;
  }
  const runtimeDir = join(ROOT, ".course", "runtime");
  const env = {
    ...withJupyterPath(writeKernelspec(ROOT)),
    JUPYTER_RUNTIME_DIR: runtimeDir,
    JUPYTER_TOKEN: randomBytes(24).toString("hex"),
  };
  const jupyter = launch(app, { root: ROOT, env, port: options.port });
  // Ctrl+C reaches Jupyter directly from the terminal (and it may ask to confirm): wait for it to stop.
  process.on("SIGINT", () => {});
  for (const signal of ["SIGTERM", "SIGHUP"] as const) process.on(signal, () => jupyter.kill(signal));
  const stopped = new Promise<number>((resolve) => jupyter.on("exit", (code) => resolve(code ?? 0)));
  try {
    const server = await waitForServer(jupyter, runtimeDir);
    const url = `${server.url}${app.lecturesPath}?token=${server.token}`;
    console.log(`\nThe course is open in ${app.kind === "lab" ? "JupyterLab" : "Jupyter Notebook"} at\n\n    ${url}\n`);
    console.log("Stop it with Ctrl+C.\n");
    if (options.browser) openBrowser(url);
  } catch (error) {
    console.error((error as Error).message);
    jupyter.kill("SIGTERM");
    await stopped;
    return 1;
  }
  return stopped;
}

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
