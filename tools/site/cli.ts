/**
 * `npm run site [-- --out site] [notebooks...]`: the executed lectures as a static site, ready to publish.
 *
 * Default input lectures/*.ipynb in name order (run them first: `npm run nbmake -- --overwrite lectures`),
 * default output site/. Links are relative and every script is in site/assets, so the folder can be served
 * from any path or opened from disk. Every page is rendered before anything is written; in --out only the
 * files an earlier run wrote are replaced (see ../output-folder.ts), so a GitHub Pages checkout keeps its
 * .git and CNAME. Exit code 1 when there is nothing to render, 2 for bad options or input (nothing written).
 */
import { existsSync, readdirSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { ArgumentError } from "../../src/errors";
import { UsageError, helpPointer, parseOptions } from "../options";
import { MARKER, writeOutput } from "../output-folder";
import { assetFiles } from "./assets";
import { readNotebook } from "./notebook";
import { indexPage, lecturePage, pageName } from "./page";

const ROOT = join(__dirname, "..", "..");
const TITLE = "Time series and recurrent neural networks, in TypeScript";
const COMMAND = "npm run site";

const HELP = `Usage: npm run site [-- options] [notebooks...]

Renders executed notebooks (default: lectures/*.ipynb) to a static website: an index and one page
per notebook, charts drawn by vega-embed, formulas typeset by KaTeX, every asset inside the folder.

Options:
  --out DIR    where to write it (default: site/): a new or empty folder, or one this command
               wrote before. It records its files in DIR/${MARKER}; the next run replaces
               only those (removing pages no longer rendered) and keeps every other file
               (a GitHub Pages checkout's .git/, CNAME, .nojekyll).
  --force      write into a folder that holds other files, or files changed since this
               command wrote them: it first names those it overwrites or removes
  -h, --help   show this help`;

function main(argv: string[]): number {
  const { values, positionals } = parseOptions(COMMAND, {
    args: argv,
    allowPositionals: true,
    options: { out: { type: "string", default: join(ROOT, "site") }, force: { type: "boolean" }, help: { type: "boolean", short: "h" } },
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
  const pages = notebooks.map((notebook, i) => {
    try {
      return [pageName(notebook), lecturePage(notebook, notebooks[i - 1], notebooks[i + 1])] as const;
    } catch (error) {
      throw new ArgumentError(relative(process.cwd(), paths[i]), "a notebook the site can render", (error as Error).message);
    }
  });
  const files = new Map<string, string | Buffer>([...pages, ["index.html", indexPage(TITLE, notebooks)], ...assetFiles()]);
  writeOutput(out, files, { command: COMMAND, force: values.force });
  console.log(`${notebooks.length} lecture page(s) and index.html written to ${relative(process.cwd(), out) || "."}/`);
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

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) console.error(error.message);
  else if (error instanceof ArgumentError) console.error(`${COMMAND}: ${error.message}. ${helpPointer(COMMAND)}.`);
  else throw error;
  process.exitCode = 2;
}
