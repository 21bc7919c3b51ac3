import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src";
import { runNotebook } from "../../tools/nbmake-ts/src";
import { fixture, repo, tempProject } from "./project";

const bin = join(repo, "tools", "nbmake-ts", "bin", "nbmake-ts.js");

/** Runs the CLI as `npm run nbmake` would; resolves with its exit code and output. */
async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd: repo });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

describe.concurrent("bad input: a clear error, nothing run, nothing written", () => {
  it("a malformed .ipynb", async () => {
    const project = tempProject();
    try {
      writeFileSync(project.path("broken.ipynb"), "{ not json");
      await expect(runNotebook(project.path("broken.ipynb"), { root: project.root })).rejects.toThrow(ArgumentError);
      await expect(runNotebook(project.path("broken.ipynb"), { root: project.root })).rejects.toThrow(/a notebook file in JSON/);
      expect(readFileSync(project.path("broken.ipynb"), "utf8")).toBe("{ not json");
    } finally {
      project.remove();
    }
  });

  it("a kernel other than tslab", async () => {
    const project = tempProject("passes.ipynb");
    try {
      const notebook = JSON.parse(readFileSync(project.path("passes.ipynb"), "utf8"));
      notebook.metadata.kernelspec.name = "python3";
      writeFileSync(project.path("passes.ipynb"), JSON.stringify(notebook));
      await expect(runNotebook(project.path("passes.ipynb"), { root: project.root })).rejects.toThrow(/kernelspec.name: expected "tslab", received "python3"/);
    } finally {
      project.remove();
    }
  });

  it("a project without tslab installed", async () => {
    const project = tempProject("passes.ipynb");
    try {
      const root = join(project.root, "..");
      await expect(runNotebook(project.path("passes.ipynb"), { root })).rejects.toThrow(/tslab: expected .*node_modules\/tslab\/bin\/tslab/);
    } finally {
      project.remove();
    }
  });

  it("a notebook outside the project", async () => {
    const project = tempProject("passes.ipynb");
    try {
      await expect(runNotebook(project.path("passes.ipynb"), { root: repo })).rejects.toThrow(/notebook: expected a path inside the project/);
    } finally {
      project.remove();
    }
  });

  it("the CLI exits 2 on bad usage and bad input, before running anything", async () => {
    const project = tempProject("passes.ipynb");
    try {
      const [none, jobs, outside] = await Promise.all([cli(), cli("--jobs", "0", fixture("passes.ipynb")), cli(fixture("passes.ipynb"), project.path("passes.ipynb"))]);
      expect(none).toMatchObject({ code: 2 });
      expect(none.out).toContain("notebooks: expected at least one notebook or folder");
      expect(jobs).toMatchObject({ code: 2 });
      expect(jobs.out).toContain("--jobs: expected a whole number > 0");
      expect(outside.code).toBe(2);
      expect(outside.out).toContain("notebook: expected a path inside the project");
      expect(outside.out).not.toContain("PASS");
    } finally {
      project.remove();
    }
  });
});

describe.concurrent("the CLI", () => {
  it("--help explains the options and exits 0", async () => {
    const { code, out } = await cli("--help");
    expect(code).toBe(0);
    for (const option of ["--overwrite", "--no-regress", "--jobs", "--timeout"]) expect(out).toContain(option);
  });

  it("runs notebooks in parallel, prints one line per notebook with its time, exits 1 on a failure", async () => {
    const { code, out } = await cli("--jobs", "2", fixture("passes.ipynb"), fixture("error-in-cell-3.ipynb"));
    expect(code).toBe(1);
    expect(out).toMatch(/^PASS test\/nbmake\/fixtures\/passes\.ipynb \(\d+\.\d s\)$/m);
    expect(out).toMatch(/^FAIL test\/nbmake\/fixtures\/error-in-cell-3\.ipynb \(\d+\.\d s, error in cell 3\)$/m);
    expect(out).toContain("1 passed, 1 failed");
  });

  it("exits 0 when every notebook passed; npx finds the local bin without the registry", async () => {
    const npx = promisify(execFile)("npx", ["--no-install", "nbmake-ts", fixture("passes.ipynb")], {
      cwd: repo,
      env: { ...process.env, npm_config_registry: "http://127.0.0.1:9/", npm_config_offline: "true" },
    });
    const { stdout } = await npx;
    expect(stdout).toContain("1 passed, 0 failed");
  });
});
