/**
 * `npm start [-- --port N] [-- --no-browser] [-- --notebook]`: opens the course in Jupyter.
 *
 * Registers the project's tslab kernel inside the project and keeps all of Jupyter's files there (nothing
 * global), launches JupyterLab (else classic Notebook) on 127.0.0.1 with a fresh token, waits until it
 * listens and opens lectures/. Ctrl+C, SIGTERM, SIGHUP, or the end of the `npm start` that ran it stop
 * Jupyter and every kernel it started.
 * Exit codes: 0 once stopped (or Jupyter's own when it stops by itself), 1 when no Jupyter is installed or it
 * failed to start, 2 for bad options.
 */
import { join } from "node:path";
import { ArgumentError } from "../../src/errors";
import { UsageError, helpPointer, parseOptions } from "../options";
import { openBrowser } from "./browser";
import { jupyterEnvironment, runtimeDir } from "./environment";
import { findJupyter, installCommand } from "./jupyter";
import { writeKernelspec } from "./kernelspec";
import { STOP_SIGNALS, stopGroup, watchParent } from "./lifetime";
import { launch, waitForServer } from "./server";

const ROOT = join(__dirname, "..", "..");
const COMMAND = "npm start";

const HELP = `Usage: npm start [-- options]

Opens the course's lectures in JupyterLab (or classic Notebook when JupyterLab is not installed),
with the project's TypeScript kernel (tslab). Jupyter keeps its files in .course/: your own
Jupyter setup is neither read nor changed.

Options:
  --port <n>      port to listen on (default: Jupyter's, 8888 or the next free one)
  --no-browser    print the address instead of opening a browser
  --notebook      use classic Notebook even when JupyterLab is installed
  -h, --help      show this help

Stop the server with Ctrl+C: Jupyter and all its kernels stop.`;

interface Options {
  port?: number;
  browser: boolean;
  notebook: boolean;
  help: boolean;
}

function parse(argv: string[]): Options {
  const { values } = parseOptions(COMMAND, {
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
    if (!(error instanceof UsageError || error instanceof ArgumentError)) throw error;
    console.error(error instanceof UsageError ? error.message : `${COMMAND}: ${error.message}. ${helpPointer(COMMAND)}.`);
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
  writeKernelspec(ROOT);
  const jupyter = launch(app, { root: ROOT, env: jupyterEnvironment(ROOT), port: options.port });
  let stopping: Promise<void> | undefined;
  const exited = new Promise<number>((resolve) =>
    jupyter.on("exit", (code, signal) => {
      if (!stopping && code !== 0) console.error(`Jupyter stopped by itself (${signal ?? `exit code ${code}`}).`);
      resolve(code ?? 1);
    }),
  );
  const stop = (why: string): Promise<void> => {
    if (stopping) return stopping;
    say(`\n${why}: stopping Jupyter and its kernels.`);
    return (stopping = stopGroup(jupyter));
  };
  // One Ctrl+C arrives twice (from the terminal, and passed on by npm): every signal after the first is ignored.
  for (const signal of STOP_SIGNALS) process.on(signal, () => stop(signal));
  watchParent(() => stop("npm start has ended"));

  try {
    const server = await waitForServer(jupyter, runtimeDir(ROOT));
    const url = `${server.url}${app.lecturesPath}?token=${server.token}`;
    say(`\nThe course is open in ${app.kind === "lab" ? "JupyterLab" : "Jupyter Notebook"} at\n\n    ${url}\n`);
    say("Stop it with Ctrl+C.\n");
    if (options.browser) openBrowser(url);
  } catch (error) {
    const asked = stopping !== undefined; // stopped before it was ready: not a failure
    if (!asked) console.error((error as Error).message);
    await stop("Jupyter did not start");
    return asked ? 0 : 1;
  }
  const code = await exited;
  return stopping ? 0 : code;
}

/** Prints a line; once the terminal is gone (SIGHUP) there is nowhere to print, and that must not stop the shutdown. */
function say(line: string): void {
  try {
    console.log(line);
  } catch {
    // The terminal is closed.
  }
}
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
