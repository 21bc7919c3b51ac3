/**
 * `npm run site [-- --out site] [notebooks...]`: the executed lectures as a static site, ready to publish.
 *
 * Default input lectures/*.ipynb in name order (run them first: `npm run nbmake -- --overwrite lectures`),
 * default output site/. Links are relative and every script is in site/assets, so the folder can be served
 * from any path or opened from disk. Every page is rendered before anything is written; in --out only the
 * files an earlier run wrote are replaced (see ../output-folder.ts), so a GitHub Pages checkout keeps its
 * .git and CNAME. The site includes JupyterLite (site/lite, built by ../lite/), where each lecture runs in the
 * reader's browser; `--no-lite` leaves it out. Exit code 1 when there is nothing to render or JupyterLite
 * could not be built, 2 for bad options or input (nothing written in either case).
 */
import { existsSync, readdirSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { ArgumentError } from "../../src/errors";
import { UsageError, helpPointer, parseOptions } from "../options";
import { MARKER, planOutput, writeOutput } from "../output-folder";
import { assetFiles } from "./assets";
import { readNotebook } from "./notebook";
import { indexPage, lecturePage, pageName } from "./page";
import { LITE_HOME, liteFiles, liteLink } from "../lite/site";

const ROOT = join(__dirname, "..", "..");
const TITLE = "Time series and recurrent neural networks, in TypeScript";
const COMMAND = "npm run site";

const HELP = `Usage: npm run site [-- options] [notebooks...]

Renders executed notebooks (default: lectures/*.ipynb) to a static website: an index and one page
per notebook, charts drawn by vega-embed, formulas typeset by KaTeX, every asset inside the folder.
The site includes JupyterLite (in lite/), where every lecture and exercise runs in the reader's
browser with nothing to install; each page links to its notebook there. Serve the folder from
any web server (JupyterLite does not run from a file:// address).

Options:
  --out DIR    where to write it (default: site/): a new or empty folder, or one this command
               wrote before. It records its files in DIR/${MARKER}; the next run replaces
               only those (removing pages no longer rendered) and keeps every other file
               (a GitHub Pages checkout's .git/, CNAME, .nojekyll).
  --force      write into a folder that holds other files, or files changed since this
               command wrote them: it first names those it overwrites or removes
  --no-lite    leave JupyterLite out (it needs Python 3 with venv, and PyPI the first time)
  -h, --help   show this help`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(COMMAND, {
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string", default: join(ROOT, "site") },
      force: { type: "boolean" },
      "no-lite": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const out = resolve(values.out!);
  checkOut(out);
  const paths = positionals.length ? positionals.map((p) => resolve(p)) : lectures();
  if (paths.length === 0) {
    console.error("No notebooks to render: lectures/ has no .ipynb files.");
    return 1;
  }
  const notebooks = paths.map(readNotebook);
  const lite = !values["no-lite"];
  const pages = notebooks.map((notebook, i) => {
    try {
      return [pageName(notebook), lecturePage(notebook, notebooks[i - 1], notebooks[i + 1], lite ? liteLink(paths[i]) : undefined)] as const;
    } catch (error) {
      throw new ArgumentError(relative(process.cwd(), paths[i]), "a notebook the site can render", (error as Error).message);
    }
  });
  const files = new Map<string, string | Buffer>([...pages, ["index.html", indexPage(TITLE, notebooks, lite ? LITE_HOME : undefined)], ...assetFiles()]);
  const options = { command: COMMAND, force: values.force };
  if (lite) {
    planOutput(out, files, options); // a folder that will be refused is refused before the minute JupyterLite takes
    try {
      for (const [path, data] of await liteFiles(paths, TITLE, (line) => console.log(`${COMMAND}: JupyterLite: ${line}`))) files.set(path, data);
    } catch (error) {
      console.error(`${COMMAND}: JupyterLite could not be built, nothing was written: ${(error as Error).message}`);
      return 1;
    }
  }
  writeOutput(out, files, options);
  const where = relative(process.cwd(), out) || ".";
  console.log(`${notebooks.length} lecture page(s) and index.html written to ${where}/`);
  if (lite) console.log(`JupyterLite (the lectures and exercises, run in the browser) written to ${where}/lite/`);
  return 0;
}

/** The course itself, or a folder around it, is never an output folder (whatever --force says). */
function checkOut(out: string): void {
  if (out === ROOT || ROOT.startsWith(out + sep)) throw new ArgumentError("--out", "a folder that does not hold the course", out);
}

function lectures(): string[] {
  const dir = join(ROOT, "lectures");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".ipynb"))
    .sort()
    .map((name) => join(dir, name));
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    if (error instanceof UsageError) console.error(error.message);
    else if (error instanceof ArgumentError) console.error(`${COMMAND}: ${error.message}. ${helpPointer(COMMAND)}.`);
    else throw error;
    process.exitCode = 2;
  },
);
