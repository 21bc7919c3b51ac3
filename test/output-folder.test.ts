/**
 * Output folders (tools/output-folder.ts): a command overwrites or removes only files it wrote and that are
 * still as it wrote them; everything else (a git checkout's .git/ and CNAME, the user's notes) stays byte for
 * byte, and a folder it has no record of is refused unless --force, which first says what happens.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findNotebooks } from "../tools/nbmake-ts/src/discover";
import { MARKER, applyOutput, claimOutputFolder, planOutput, writeOutput, type OutputFiles } from "../tools/output-folder";

const scratch = mkdtempSync(join(tmpdir(), "output-folder-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let count = 0;
const folder = () => join(scratch, `case-${++count}`);
const site = (pages: Record<string, string>): OutputFiles => new Map(Object.entries(pages));
const options = { command: "npm run site" };

/** Every file under `dir` (links as links, .git included) → its contents, except the marker. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name !== MARKER) files[relative(dir, path)] = entry.isSymbolicLink() ? "-> link" : readFileSync(path, "utf8");
    }
  };
  walk(dir);
  return files;
}

/** A GitHub Pages checkout: its git folder, a custom domain and the switch that turns Jekyll off. */
function pagesCheckout(): string {
  const dir = folder();
  mkdirSync(join(dir, ".git", "refs"), { recursive: true });
  writeFileSync(join(dir, ".git", "HEAD"), "ref: refs/heads/gh-pages\n");
  writeFileSync(join(dir, "CNAME"), "course.example.org\n");
  writeFileSync(join(dir, ".nojekyll"), "");
  return dir;
}

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a refusal");
};

describe("a new or empty folder", () => {
  it("is created, written, and its files recorded with the command and the course version", () => {
    const dir = join(folder(), "nested", "site");
    writeOutput(dir, site({ "index.html": "home", "assets/app.js": "js" }), options);
    expect(snapshot(dir)).toEqual({ "index.html": "home", "assets/app.js": "js" });
    const marker = JSON.parse(readFileSync(join(dir, MARKER), "utf8"));
    const pkg = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8"));
    expect(marker).toMatchObject({ writtenBy: "npm run site", version: `${pkg.name} ${pkg.version}` });
    expect(Object.keys(marker.files)).toEqual(["assets/app.js", "index.html"]);
    expect(marker.before).toBeUndefined();
  });

  it("an existing empty folder is claimed the same way", () => {
    const dir = folder();
    mkdirSync(dir);
    writeOutput(dir, site({ "index.html": "home" }), options);
    expect(snapshot(dir)).toEqual({ "index.html": "home" });
  });
});

describe("a GitHub Pages checkout (.git/, CNAME, .nojekyll)", () => {
  it("is refused, unchanged, with a message that names the folder, what it holds and --force", () => {
    const dir = pagesCheckout();
    const before = snapshot(dir);
    const message = refusal(() => writeOutput(dir, site({ "index.html": "home" }), options));
    expect(message).toBe(
      `--out: expected a folder npm run site wrote, or a new or empty one, received ${JSON.stringify(dir)}. It holds .git/, .nojekyll and CNAME, ` +
        "which npm run site has no record of writing: nothing was written. Add --force to write there all the same " +
        "(overwriting nothing, keeping .git/, .nojekyll and CNAME), or choose another folder",
    );
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(join(dir, MARKER))).toBe(false);
  });

  it("with --force: says what it keeps, writes its files beside them; later runs need no --force and keep them", () => {
    const dir = pagesCheckout();
    const theirs = snapshot(dir);
    const said: string[] = [];
    writeOutput(dir, site({ "index.html": "home", "01.html": "one", "02.html": "two" }), { ...options, force: true, log: (line) => said.push(line) });
    expect(said).toEqual([`npm run site --force: writing into ${dir}, overwriting nothing, keeping .git/, .nojekyll and CNAME.`]);
    expect(snapshot(dir)).toEqual({ ...theirs, "index.html": "home", "01.html": "one", "02.html": "two" });
    // The next run: a lecture dropped, a page changed, a file of the user's added since.
    writeFileSync(join(dir, "README.md"), "published by hand");
    writeOutput(dir, site({ "index.html": "home v2", "01.html": "one" }), options);
    expect(snapshot(dir)).toEqual({ ...theirs, "README.md": "published by hand", "index.html": "home v2", "01.html": "one" });
  });

  it("with --force over an earlier site it has no record of: names each file it overwrites", () => {
    const dir = pagesCheckout();
    writeFileSync(join(dir, "index.html"), "an older site");
    writeFileSync(join(dir, "01.html"), "one");
    const said: string[] = [];
    writeOutput(dir, site({ "index.html": "home", "01.html": "one" }), { ...options, force: true, log: (line) => said.push(line) });
    expect(said).toEqual([`npm run site --force: writing into ${dir}, overwriting index.html, keeping .git/, .nojekyll and CNAME.`]);
    expect(readFileSync(join(dir, "index.html"), "utf8")).toBe("home");
  });
});

describe("a folder the command wrote", () => {
  it("removes its stale files (and the folders they leave empty), never another file", () => {
    const dir = folder();
    writeOutput(dir, site({ "index.html": "home", "old/page.html": "old", "shared/a.css": "a" }), options);
    writeFileSync(join(dir, "shared", "mine.css"), "mine");
    writeOutput(dir, site({ "index.html": "home" }), options);
    expect(snapshot(dir)).toEqual({ "index.html": "home", "shared/mine.css": "mine" });
    expect(existsSync(join(dir, "old"))).toBe(false);
    expect(Object.keys(JSON.parse(readFileSync(join(dir, MARKER), "utf8")).files)).toEqual(["index.html"]);
  });

  it("refuses to overwrite a file of its own changed since, or a file of someone else's now in the way", () => {
    const dir = folder();
    writeOutput(dir, site({ "index.html": "home", "01.html": "one" }), options);
    writeFileSync(join(dir, "index.html"), "edited by hand");
    writeFileSync(join(dir, "02.html"), "the user's own page");
    const before = snapshot(dir);
    const message = refusal(() => writeOutput(dir, site({ "index.html": "home v2", "01.html": "one", "02.html": "two" }), options));
    expect(message).toContain("index.html and 02.html are not as npm run site left them: nothing was written. Add --force to write there all the same (overwriting index.html and 02.html, keeping every other file)");
    expect(snapshot(dir)).toEqual(before);
    const said: string[] = [];
    writeOutput(dir, site({ "index.html": "home v2", "01.html": "one", "02.html": "two" }), { ...options, force: true, log: (line) => said.push(line) });
    expect(said).toEqual([`npm run site --force: writing into ${dir}, overwriting index.html and 02.html, keeping every other file.`]);
    expect(snapshot(dir)).toEqual({ "index.html": "home v2", "01.html": "one", "02.html": "two" });
  });

  it("refuses to remove a stale file changed since; --force says it removes it", () => {
    const dir = folder();
    writeOutput(dir, site({ "index.html": "home", "notes.html": "generated" }), options);
    writeFileSync(join(dir, "notes.html"), "annotated by hand");
    expect(refusal(() => writeOutput(dir, site({ "index.html": "home" }), options))).toContain("notes.html is not as npm run site left it");
    expect(readFileSync(join(dir, "notes.html"), "utf8")).toBe("annotated by hand");
    const said: string[] = [];
    writeOutput(dir, site({ "index.html": "home" }), { ...options, force: true, log: (line) => said.push(line) });
    expect(said).toEqual([`npm run site --force: writing into ${dir}, overwriting nothing, removing notes.html, keeping every other file.`]);
    expect(snapshot(dir)).toEqual({ "index.html": "home" });
  });

  it("refuses a folder another command wrote, naming it", () => {
    const dir = folder();
    writeOutput(dir, site({ "README.md": "release" }), { command: "npm run release" });
    expect(refusal(() => writeOutput(dir, site({ "index.html": "home" }), options))).toContain("npm run site did not write it: npm run release did");
    expect(snapshot(dir)).toEqual({ "README.md": "release" });
  });

  it("runs stopped half-way, twice, leave a folder the next run still knows as its own", () => {
    const dir = folder();
    writeOutput(dir, site({ "a.html": "1", "b.html": "1" }), options);
    const stopHalfWay = (version: string) => {
      const plan = planOutput(dir, site({ "a.html": version, "c/x.html": version, "b.html": version }), options);
      writeFileSync(join(dir, "c"), "in the way"); // written after planning: the write of c/x.html fails
      expect(() => applyOutput(plan)).toThrow();
      rmSync(join(dir, "c"));
    };
    stopHalfWay("2");
    stopHalfWay("3");
    expect(snapshot(dir)).toEqual({ "a.html": "3", "b.html": "1" });
    // Neither a.html (as the last stopped run left it) nor b.html (as the first run left it) counts as changed.
    writeOutput(dir, site({ "a.html": "4", "b.html": "4" }), options);
    expect(snapshot(dir)).toEqual({ "a.html": "4", "b.html": "4" });
    expect(JSON.parse(readFileSync(join(dir, MARKER), "utf8")).before).toBeUndefined();
  });
});

describe("what it never does, even with --force", () => {
  it("writes through a link on the way out of the folder", () => {
    const dir = folder();
    const outside = folder();
    mkdirSync(outside);
    writeOutput(dir, site({ "index.html": "home" }), options);
    symlinkSync(outside, join(dir, "assets"));
    const message = refusal(() => writeOutput(dir, site({ "index.html": "home", "assets/app.js": "js" }), { ...options, force: true, log: () => {} }));
    expect(message).toContain(`${join(dir, "assets")} is a link, which npm run site does not replace even with --force`);
    expect(readdirSync(outside)).toEqual([]);
    expect(lstatSync(join(dir, "assets")).isSymbolicLink()).toBe(true);
  });

  it("writes anything under .git, or its own marker", () => {
    for (const path of [".git/config", "pages/.git/HEAD", MARKER, "../escape.html", "/etc/passwd", "a/../b"]) {
      expect(() => planOutput(folder(), site({ [path]: "x" }), options), path).toThrow(/cannot write/);
    }
  });
});

describe("a folder claimed as a whole (a command that writes as it goes)", () => {
  const grader = { command: "autograde" };

  it("claims a new folder, and the same folder again on the next run", () => {
    const dir = folder();
    claimOutputFolder(dir, ["results.json"], grader);
    writeFileSync(join(dir, "results.json"), "{}");
    claimOutputFolder(dir, ["results.json"], grader);
    expect(JSON.parse(readFileSync(join(dir, MARKER), "utf8")).writtenBy).toBe("autograde");
  });

  it("refuses a folder of someone else's; --force names what it may overwrite and what it keeps", () => {
    const dir = folder();
    mkdirSync(dir);
    writeFileSync(join(dir, "stdout"), "the harness's log");
    writeFileSync(join(dir, "results.json"), "an older result");
    expect(refusal(() => claimOutputFolder(dir, ["results.json", "summary.md"], grader))).toContain("It holds results.json and stdout, which autograde has no record of writing");
    expect(existsSync(join(dir, MARKER))).toBe(false);
    const said: string[] = [];
    claimOutputFolder(dir, ["results.json", "summary.md"], { ...grader, force: true, log: (line) => said.push(line) });
    expect(said).toEqual([`autograde --force: writing into ${dir}, overwriting results.json, keeping stdout.`]);
    expect(readFileSync(join(dir, "stdout"), "utf8")).toBe("the harness's log");
  });
});

describe("the commands that rewrite notebooks in place (npm run format, npm run nbmake -- --overwrite)", () => {
  it("given a folder, find its notebooks but none under .git, another hidden folder or node_modules", () => {
    const dir = pagesCheckout();
    for (const path of ["lecture.ipynb", "part/two.ipynb", ".git/stash.ipynb", ".ipynb_checkpoints/lecture-checkpoint.ipynb", "node_modules/pkg/demo.ipynb"]) {
      mkdirSync(join(dir, path, ".."), { recursive: true });
      writeFileSync(join(dir, path), "{}");
    }
    expect(findNotebooks([dir]).map((path) => relative(dir, path))).toEqual(["lecture.ipynb", "part/two.ipynb"]);
  });
});
