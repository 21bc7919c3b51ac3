/**
 * `npm run site [-- --out site] [notebooks...]`: the executed lectures as a static site, ready to publish.
 *
 * Default input lectures/*.ipynb in name order (run them first: `npx nbmake-ts --overwrite lectures`),
 * default output site/. Links are relative and every script is in site/assets, so the folder can be served
 * from any path or opened from disk. Every page is rendered before anything is written, and --out is replaced
 * only when it is new, empty or an earlier site. The site includes JupyterLite (site/lite, tools/lite/), where
 * each lecture runs in the reader's browser; `--no-lite` leaves it out. Exit code 1 when there is nothing to
 * render or JupyterLite could not be built, 2 for bad options or input (nothing written in either case).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { ArgumentError } from "../../src/errors";
import { UsageError, helpPointer, parseOptions } from "../options";
import { copyAssets } from "./assets";
import { readNotebook } from "./notebook";
import { indexPage, lecturePage, pageName } from "./page";
import { LITE_HOME, buildSiteLite, liteLink } from "../lite/site";

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
  --out DIR    where to write it (default: site/). Replaced as a whole, so it must be new, empty,
               or a site written before.
  --no-lite    leave JupyterLite out (it needs Python 3 with venv, and PyPI the first time)
  -h, --help   show this help`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(COMMAND, {
    args: argv,
    allowPositionals: true,
    options: { out: { type: "string", default: join(ROOT, "site") }, "no-lite": { type: "boolean" }, help: { type: "boolean", short: "h" } },
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
  let jupyterLite: Awaited<ReturnType<typeof buildSiteLite>> | undefined;
  try {
    jupyterLite = lite ? await buildSiteLite(paths, TITLE, (line) => console.log(`${COMMAND}: JupyterLite: ${line}`)) : undefined;
  } catch (error) {
    console.error(`${COMMAND}: JupyterLite could not be built, nothing was written: ${(error as Error).message}`);
    return 1;
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  copyAssets(out);
  for (const [name, html] of pages) writeFileSync(join(out, name), html);
  writeFileSync(join(out, "index.html"), indexPage(TITLE, notebooks, lite ? LITE_HOME : undefined));
  jupyterLite?.install(out);
  const where = relative(process.cwd(), out) || ".";
  console.log(`${notebooks.length} lecture page(s) and index.html written to ${where}/${lite ? `, JupyterLite to ${where}/lite/` : ""}`);
  return 0;
}

/** --out is deleted and rewritten: refuse anything that is not new, empty or an earlier site. */
function checkOut(out: string): void {
  if (out === ROOT || ROOT.startsWith(out + sep)) throw new ArgumentError("--out", "a folder that does not hold the course", out);
  const earlierSite = existsSync(join(out, "index.html")) && existsSync(join(out, "assets"));
  if (existsSync(out) && readdirSync(out).length > 0 && !earlierSite) {
    throw new ArgumentError("--out", "a new or empty folder, or a site written before", out, "It holds other files: nothing was written");
  }
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
