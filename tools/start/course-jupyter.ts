/**
 * The course's own Jupyter: JupyterLab or Notebook 7 from `.course/python` (./venv.ts). Used as it is when it is
 * ready; otherwise made, or made again, once the user agrees: asked in the terminal, or --yes. Without a terminal
 * and without --yes nothing is installed and the user is told which flag to add.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { canAsk, confirm } from "./consent";
import { JupyterApp, courseJupyter } from "./jupyter";
import { MINIMUM, Python, findPython } from "./python";
import { DISK_MB, DOWNLOAD_MB, VenvState, Versions, inspectVenv, makeVenv, pinnedVersions, requirementsFile, sizeMB, venvDir, venvPython } from "./venv";

/** Exit code when the environment was not made because nobody said yes. */
export const NOT_AGREED = 3;

export interface Choices {
  /** Make the environment without asking. */
  yes: boolean;
  /** The Python to make it with (default: found on PATH). */
  python?: string;
}

/** The app to launch, or the exit code to end with (having said why). */
export async function courseJupyterApp(root: string, kind: JupyterApp["kind"], choices: Choices): Promise<JupyterApp | number> {
  const app = (versions: Versions) => courseJupyter(venvPython(venvDir(root)), kind, kind === "lab" ? versions.jupyterlab : versions.notebook);
  const found = inspectVenv(root);
  if (found.state === "ready") return app(found.versions);
  if (found.state === "foreign") {
    console.error(`npm start: the course's Jupyter environment goes in ${venvDir(root)}, but ${found.reason}.`);
    console.error("Move that folder away (npm start never deletes what it did not make), or use --system-jupyter.");
    return 1;
  }
  if (found.state !== "missing") console.log(`The course's Jupyter environment (${venvDir(root)}) must be made again: ${found.reason}.`);
  const search = findPython(choices.python);
  if ("problem" in search) {
    console.error(`npm start installs JupyterLab into the course folder with Python ${MINIMUM.join(".")} or newer, but found ${search.problem}.`);
    console.error("Install Python (python.org; Debian and Ubuntu: sudo apt-get install python3 python3-venv; macOS: brew install python),");
    console.error("name it with --python <command>, or use a Jupyter you have installed: npm start -- --system-jupyter");
    return 1;
  }
  const plan = describePlan(root, found, search.python);
  const agreed = await agree(plan, choices.yes);
  if (agreed !== true) return agreed;
  return made(root, search.python) ? app(pinnedVersions(readFileSync(requirementsFile(root), "utf8"))) : 1;
}

/** What will be installed, where, how big, with which Python. */
function describePlan(root: string, found: VenvState, python: Python): string {
  const versions = pinnedVersions(readFileSync(requirementsFile(root), "utf8"));
  return [
    `npm start runs JupyterLab from a Python environment of the course's own, which it ${found.state === "missing" ? "makes" : "makes again"} now:`,
    "",
    `  where  ${venvDir(root)}`,
    `         (inside the course folder, which git ignores; delete that folder to remove it all)`,
    `  what   JupyterLab ${versions.jupyterlab} and Notebook ${versions.notebook} with the packages they need, at the versions and`,
    `         hashes pinned in ${relative(root, requirementsFile(root))}, from PyPI (or the index your pip is set up to use)`,
    `  size   about ${DOWNLOAD_MB} MB to download, ${DISK_MB} MB on disk`,
    `  with   ${python.executable} (Python ${python.version})`,
    "",
    "Nothing is written outside the course folder.",
  ].join("\n");
}

/** true once the user agreed (or gave --yes); else the exit code, having said what to do. */
async function agree(plan: string, yes: boolean): Promise<true | number> {
  if (yes) {
    console.log(plan);
    return true;
  }
  if (!canAsk()) {
    console.error(`${plan}\n\nThere is no terminal to ask whether to go ahead, so nothing was installed. Run \`npm start -- --yes\``);
    console.error("to make it, or `npm start -- --system-jupyter` to use a Jupyter you have installed.");
    return NOT_AGREED;
  }
  if (await confirm(`${plan}\n\nMake it now? [y/N] `)) return true;
  console.log("Nothing was installed. `npm start -- --system-jupyter` uses a Jupyter you have installed instead.");
  return NOT_AGREED;
}

/** Makes the environment, saying how long it took and how big it is; false (having said why) when it failed. */
function made(root: string, python: Python): boolean {
  const started = Date.now();
  try {
    makeVenv(root, python, { quiet: !process.stdout.isTTY });
  } catch (error) {
    console.error(`npm start: the course's Jupyter environment could not be made: ${(error as Error).message}`);
    console.error("Nothing of it is left; run npm start again to retry.");
    return false;
  }
  console.log(`Made ${venvDir(root)} in ${Math.round((Date.now() - started) / 1000)} s (${sizeMB(venvDir(root))} MB).`);
  return true;
}
