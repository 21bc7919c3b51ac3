/**
 * `npm run site [-- --out site] [notebooks...]`: the executed lectures as a static site, ready to publish.
 *
 * Default input lectures/*.ipynb in name order (run them first: `npx nbmake-ts --overwrite lectures`),
 * default output site/. Links are relative and every script is in site/assets, so the folder can be served
 * from any path or opened from disk. Exit code 1 when there is nothing to render, 2 for bad input.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { copyAssets } from "./assets";
import { readNotebook } from "./notebook";
import { indexPage, lecturePage, pageName } from "./page";

const ROOT = join(__dirname, "..", "..");
const TITLE = "Time series and recurrent neural networks, in TypeScript";

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: "string", default: join(ROOT, "site") } } });
  const paths = positionals.length ? positionals.map((p) => resolve(p)) : lectures();
  if (paths.length === 0) {
    console.error("No notebooks to render: lectures/ has no .ipynb files.");
    return 1;
  }
  const notebooks = paths.map(readNotebook);
  const out = resolve(values.out!);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  copyAssets(out);
  notebooks.forEach((notebook, i) => {
    try {
      writeFileSync(join(out, pageName(notebook)), lecturePage(notebook, notebooks[i - 1], notebooks[i + 1]));
    } catch (error) {
      throw new Error(`${relative(ROOT, paths[i])}: ${(error as Error).message}`);
    }
  });
  writeFileSync(join(out, "index.html"), indexPage(TITLE, notebooks));
  console.log(`${notebooks.length} lecture page(s) and index.html written to ${relative(process.cwd(), out) || "."}/`);
  return 0;
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
  console.error((error as Error).message);
  process.exitCode = 2;
}
