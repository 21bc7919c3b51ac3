/**
 * `npm start [-- options]`: opens the course in JupyterLab 4 (or Notebook 7), installed in the course's own
 * Python environment, `.course/python`, which the first start makes after asking (./venv.ts); or in a Jupyter
 * the user has installed (--system-jupyter, --notebook).
 *
 * Registers the project's tslab kernel inside the project and keeps all of Jupyter's files there (nothing
 * global), launches Jupyter on 127.0.0.1 with a fresh token, waits until it listens and opens lectures/.
 * Ctrl+C, SIGTERM, SIGHUP, or the end of the `npm start` that ran it stop Jupyter and every kernel it started;
 * so does the end of this script itself, however it ends (./jupyter-config/course_watchdog.py).
 * Exit codes: 0 once stopped (or Jupyter's own when it stops by itself), 1 when there is no Jupyter to run (no
 * usable Python to make the environment, making it failed, or no Jupyter of the user's own) or it failed to
 * start, 2 for bad options, 3 when the environment is not made because the user said no or could not be asked.
 */
import { join } from "node:path";
import { ArgumentError } from "../../src/errors";
import { UsageError, helpPointer, parseOptions } from "../options";
import { openBrowser } from "./browser";
import { courseJupyterApp } from "./course-jupyter";
import { jupyterEnvironment, runtimeDir } from "./environment";
import { JupyterApp, courseJupyter, findJupyter, installCommand } from "./jupyter";
import { writeKernelspec } from "./kernelspec";
import { STOP_SIGNALS, stopGroup, watchParent } from "./lifetime";
import { launch, waitForServer } from "./server";
import { DISK_MB, DOWNLOAD_MB } from "./venv";

const ROOT = join(__dirname, "..", "..");
const COMMAND = "npm start";
const HELP = `Usage: npm start [-- options]

Opens the course's lectures in JupyterLab with the project's TypeScript kernel (tslab). JupyterLab
comes from the course's own Python environment, .course/python, which the first start makes (it asks
first: about ${DOWNLOAD_MB} MB from PyPI, ${DISK_MB} MB on disk) and later starts reuse. Jupyter keeps its files
in .course/: your own Jupyter setup is neither read nor changed.

Options:
  --port <n>         port to listen on (default: Jupyter's, 8888 or the next free one)
  --no-browser       print the address instead of opening a browser
  --notebook7        Notebook 7 instead of JupyterLab (from the same environment)
  -y, --yes          make (or remake) the environment without asking (for scripts and CI)
  --python <cmd>     the Python (3.10 or newer) that makes the environment (default: python3 on PATH)
  --system-jupyter   use the Jupyter on your PATH (JupyterLab, else Notebook) and make no environment
  --notebook         use the classic Notebook on your PATH (e.g. Debian's jupyter-notebook, Notebook 6)
  -h, --help         show this help

Stop the server with Ctrl+C: Jupyter and all its kernels stop.
Exit codes: 0 stopped, 1 no Jupyter could be started, 2 bad options, 3 the environment was not made
(you said no, or there was no terminal to ask in and no --yes).`;

interface Options {
  port?: number;
  browser: boolean;
  /** Which Jupyter: the course's JupyterLab or Notebook 7, or the user's own (JupyterLab else Notebook, or Notebook). */
  app: "lab" | "notebook7" | "system" | "system-notebook";
  yes: boolean;
  python?: string;
  help: boolean;
}

function parse(argv: string[]): Options {
  const { values } = parseOptions(COMMAND, {
    args: argv,
    options: {
      port: { type: "string" },
      "no-browser": { type: "boolean", default: false },
      notebook7: { type: "boolean", default: false },
      yes: { type: "boolean", short: "y", default: false },
      python: { type: "string" },
      "system-jupyter": { type: "boolean", default: false },
      notebook: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new ArgumentError("--port", "a whole number from 1 to 65535", values.port);
  }
  const own = values.notebook ? "--notebook" : values["system-jupyter"] ? "--system-jupyter" : undefined;
  if (own && values.notebook7) throw new ArgumentError("--notebook7", `no ${own} with it (Notebook 7 comes from the course's environment)`, "both");
  if (own && values.python !== undefined) throw new ArgumentError("--python", `no ${own} with it (it makes the course's environment)`, "both");
  const app = values.notebook ? "system-notebook" : values["system-jupyter"] ? "system" : values.notebook7 ? "notebook7" : "lab";
  return { port, browser: !values["no-browser"], app, yes: values.yes, python: values.python, help: values.help };
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
  const app = options.app.startsWith("system") ? systemJupyter(options.app === "system-notebook") : await courseJupyterApp(ROOT, options.app === "notebook7" ? "notebook" : "lab", options);
  if (typeof app === "number") return app;
  writeKernelspec(ROOT);
  const env = jupyterEnvironment(ROOT);
  const jupyter = launch(app, { root: ROOT, env, port: options.port });
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
    const server = await waitForServer(jupyter, runtimeDir(ROOT), env.JUPYTER_TOKEN!);
    const url = `${server.url}${app.lecturesPath}?token=${server.token}`;
    say(`\nThe course is open in ${app.name} at\n\n    ${url}\n`);
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

/** A Jupyter the user installed, found on PATH; or exit code 1, saying how to install one. */
function systemJupyter(notebookOnly: boolean): JupyterApp | number {
  const app = findJupyter(process.env, notebookOnly ? "notebook" : undefined);
  if (app) return app;
  const wanted = notebookOnly ? "Jupyter Notebook" : "JupyterLab or Jupyter Notebook";
  console.error(`${wanted} is not installed (no ${notebookOnly ? "" : "jupyter-lab or "}jupyter-notebook on PATH).`);
  console.error(`Install it with:\n\n    ${installCommand()}\n\nor leave out ${notebookOnly ? "--notebook" : "--system-jupyter"}: \`npm start\` then installs JupyterLab inside the course.`);
  return 1;
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

// Exit at once rather than let Node wind down: while winding down, Node has already dropped its signal handlers,
// so the second SIGINT of a Ctrl+C (see above), arriving then, would kill the script (exit status 130, not 0).
main(process.argv.slice(2)).then((code) => process.exit(code));
