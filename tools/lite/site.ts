/**
 * The JupyterLite part of the course site (`npm run site`): a folder `lite/` holding JupyterLite with the
 * TypeScript kernel, the rendered lectures and every exercise as students get them (exercises/, which
 * `npm run release` writes), and the address of each lecture's notebook there for the "Open in the browser"
 * links. It is built into a temporary folder, and handed to the site as files to write (../output-folder.ts).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative, sep } from "node:path";
import { buildLite } from "./build";

const ROOT = join(__dirname, "..", "..");
/** The folder of the site that holds JupyterLite. */
export const LITE_FOLDER = "lite";

/** Where lecture `notebook` (a path on disk) opens in JupyterLab, relative to the site's pages. */
export function liteLink(notebook: string): string {
  return `${LITE_FOLDER}/lab/index.html?path=lectures/${encodeURIComponent(basename(notebook))}`;
}

/** The JupyterLab of the deployment, relative to the site's pages. */
export const LITE_HOME = `${LITE_FOLDER}/lab/index.html`;

/** JupyterLite with `notebooks` as its lectures and the course's exercises: path in the site -> content. */
export async function liteFiles(
  notebooks: string[],
  title: string,
  log: (line: string) => void,
): Promise<Map<string, Buffer>> {
  const contents: Record<string, string> = {};
  for (const notebook of notebooks) contents[`lectures/${basename(notebook)}`] = notebook;
  for (const file of walk(join(ROOT, "exercises")))
    contents[relative(ROOT, file).split(sep).join("/")] = file;
  const work = mkdtempSync(join(tmpdir(), "course-lite-"));
  try {
    const out = join(work, LITE_FOLDER);
    await buildLite({ out, contents, title, log });
    return new Map(
      walk(out).map((file) => [
        `${LITE_FOLDER}/${relative(out, file).split(sep).join("/")}`,
        readFileSync(file),
      ]),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) =>
      statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)],
    );
}
