/**
 * The course's kernel (tools/kernel/: tslab with the protocol set right), driven over the Jupyter protocol as a
 * front end drives it: Run All sends every cell at once, those tagged raises-exception with stop_on_error false.
 * Also comm messages (front ends open comms on connecting), interrupts and shutdown during a long cell.
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findNotebooks } from "../tools/nbmake-ts/src/discover";
import { JupyterClient, type Execution } from "../tools/nbmake-ts/src/jupyter-client";
import { sourceOf, tagsOf, type Cell } from "../tools/nbmake-ts/src/notebook";
import { KERNEL_NAME, kernelspec } from "../tools/start/kernelspec";

const root = join(__dirname, "..");
const { check, INTERRUPTED } = require("../tools/kernel/protocol.js") as { check: (tslab: { version: string; jupyter: object }) => void; INTERRUPTED: string };
const scratch = mkdtempSync(join(tmpdir(), "kernel-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder in which notebooks import the course library as they do in the repository. */
function project(name: string): string {
  const folder = join(scratch, name);
  mkdirSync(folder);
  for (const linked of ["node_modules", "autograder"]) symlinkSync(join(root, linked), join(folder, linked), "dir");
  return folder;
}

type Sent = { source: string; stopOnError?: boolean };

/** Run All as JupyterLab, Notebook 7 and classic Notebook do it: every request sent at once, replies in order. */
function runAll(kernel: JupyterClient, cells: Sent[]): Promise<Execution[]> {
  return Promise.all(cells.map(({ source, stopOnError = true }) => kernel.execute(source, 120_000, { stopOnError })));
}

/** A notebook's code cells as a front end sends them: raises-exception ones with stop_on_error false. */
function notebookCells(path: string): Sent[] {
  const cells = (JSON.parse(readFileSync(path, "utf8")) as { cells: Cell[] }).cells;
  return cells.filter((cell) => cell.cell_type === "code" && sourceOf(cell).trim()).map((cell) => ({ source: sourceOf(cell), stopOnError: !tagsOf(cell).includes("raises-exception") }));
}

const stdout = (run: Execution) => run.outputs.map((o) => (o.output_type === "stream" && o.name === "stdout" ? o.text : "")).join("");

async function withKernel<T>(cwd: string, use: (kernel: JupyterClient) => Promise<T>): Promise<T> {
  const kernel = await JupyterClient.start(cwd);
  try {
    return await use(kernel);
  } finally {
    await kernel.shutdown();
  }
}

/** Resolves once `path` exists: a cell writes it to say it has reached its long part. */
async function created(path: string, ms = 60_000): Promise<void> {
  for (const deadline = Date.now() + ms; !existsSync(path); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() > deadline) throw new Error(`${path} was not created within ${ms / 1000} s`);
  }
}

describe.concurrent("Run All on the released exercise 1 reaches the check cell's report", () => {
  const notebook = join(root, "exercises", "ex01-lookback", "ex01-lookback.ipynb");

  it("with the stub unfinished: the cell calling it fails, and the report says what to implement", async () => {
    const runs = await withKernel(join(root, "exercises", "ex01-lookback"), (kernel) => runAll(kernel, notebookCells(notebook)));
    expect(runs.map((run) => run.status)).toEqual(["ok", "error", "ok"]);
    expect(runs[1].stderr).toContain("not implemented: ex01-lookback.lookbackPairs");
    expect(stdout(runs[2])).toContain("not implemented yet: countPairs in lookback.ts");
    expect(stdout(runs[2])).toMatch(/ex01-lookback: 0\/7 points/);
  });

  it("with a syntax error in the student's module: the report names it", async () => {
    const folder = join(project("syntax-error"), "exercises", "ex01-lookback");
    cpSync(join(root, "exercises", "ex01-lookback"), folder, { recursive: true });
    appendFileSync(join(folder, "lookback.ts"), "\nexport function unfinished(\n");
    const runs = await withKernel(folder, (kernel) => runAll(kernel, notebookCells(join(folder, "ex01-lookback.ipynb"))));
    expect(runs.map((run) => run.status)).toEqual(["ok", "error", "ok"]);
    expect(runs[1].stderr).toContain("lookback.ts");
    expect(stdout(runs[2])).toContain("lookback.ts could not be loaded: SyntaxError");
  });
});

describe("the protocol, on one kernel", () => {
  let kernel: JupyterClient;
  const folder = project("protocol");
  beforeAll(async () => void (kernel = await JupyterClient.start(folder)));
  afterAll(() => kernel.shutdown());

  it("answers comm messages as a kernel without comms does, printing nothing in the terminal", async () => {
    const info = await kernel.request("comm_info_request", { target_name: "jupyter.widget" });
    expect(info.reply?.header.msg_type).toBe("comm_info_reply");
    expect(info.reply?.content).toEqual({ status: "ok", comms: {} });
    const opened = await kernel.request("comm_open", { comm_id: "c1", target_name: "jupyter.widget.control", data: {} }, { replies: false });
    const closed = opened.published.filter((m) => m.header.msg_type === "comm_close");
    expect(closed.map((m) => m.content)).toEqual([{ comm_id: "c1", data: {} }]);
    for (const type of ["comm_msg", "comm_close"]) {
      const { published } = await kernel.request(type, { comm_id: "c1", data: {} }, { replies: false });
      expect(published.map((m) => m.header.msg_type), type).toEqual(["status", "status"]);
    }
    const history = await kernel.request("history_request", { output: false, raw: true, hist_access_type: "tail", n: 10 });
    expect(history.reply?.content).toEqual({ status: "ok", history: [] });
    expect(kernel.processLog).toBe("");
  });

  it("reports the language_info every committed notebook stores, and its kernelspec is the one npm start writes", () => {
    const { display_name, language } = kernelspec(root);
    for (const path of findNotebooks(["lectures", "exercises", "solutions"].map((f) => join(root, f)))) {
      const { metadata } = JSON.parse(readFileSync(path, "utf8"));
      expect(metadata.language_info, path).toEqual(kernel.languageInfo);
      expect(metadata.kernelspec, path).toEqual({ display_name, language, name: KERNEL_NAME });
    }
  });

  it("an error in an ordinary cell aborts the cells queued behind it; the next request runs again", async () => {
    const runs = await runAll(kernel, [{ source: "const a = 1;" }, { source: 'throw new Error("boom");' }, { source: 'console.log("never");' }, { source: "a + 1" }]);
    expect(runs.map((run) => run.status)).toEqual(["ok", "error", "aborted", "aborted"]);
    expect(runs.slice(2).map((run) => run.outputs)).toEqual([[], []]);
    const next = await kernel.execute("a + 1", 30_000);
    expect([next.status, stdout(next)]).toEqual(["ok", "2\n"]);
  });

  it("an error in a cell sent with stop_on_error false (raises-exception) lets the next cells run", async () => {
    const runs = await runAll(kernel, [{ source: 'throw new Error("expected");', stopOnError: false }, { source: 'console.log("runs");' }, { source: "a + 2" }]);
    expect(runs.map((run) => run.status)).toEqual(["error", "ok", "ok"]);
    expect(runs.slice(1).map(stdout)).toEqual(["runs\n", "3\n"]);
  });

  it("SIGINT during a synchronous loop fails that cell, and the kernel runs the next", async () => {
    const flag = join(folder, "looping");
    const looping = kernel.execute(`require("node:fs").writeFileSync(${JSON.stringify(flag)}, "");\nwhile (true) {}`, 60_000);
    await created(flag);
    kernel.interrupt();
    const run = await looping;
    expect(run.status).toBe("error");
    expect(run.stderr).toBe(`${INTERRUPTED}\n`); // one line, no stack trace of tslab's code
    expect(stdout(await kernel.execute("6 * 7", 30_000))).toBe("42\n");
  });

  it("an interrupt_request on control (interrupt_mode message, as on Windows) fails a cell waiting on a promise", async () => {
    const flag = join(folder, "waiting");
    const waiting = kernel.execute(`require("node:fs").writeFileSync(${JSON.stringify(flag)}, "");\nawait new Promise((resolve) => setTimeout(resolve, 60_000));`, 90_000);
    await created(flag);
    const { reply } = await kernel.request("interrupt_request", {}, { channel: "control" });
    expect(reply?.content).toEqual({ status: "ok" });
    const run = await waiting;
    expect(run.status).toBe("error");
    expect(run.stderr).toBe(`${INTERRUPTED}\n`); // one line, no stack trace of tslab's code
  });

  it("SIGINT during `await fit(...)` ends the cell and stops the training itself, not just the wait for it", async () => {
    const flag = join(folder, "training");
    const training = kernel.execute(
      [
        'import * as tf from "@tensorflow/tfjs";',
        'import { fit, Linear, Sequential } from "rnn-course";',
        "const g = globalThis as any;",
        "g.epochs = 0;",
        "const x = tf.ones([8, 2]);",
        "const batches = { length: 1, *[Symbol.iterator]() { yield [x, tf.zeros([8, 1])] as const; } };",
        `const onEpoch = () => ++g.epochs === 3 && require("node:fs").writeFileSync(${JSON.stringify(flag)}, "");`,
        "await fit(new Sequential(new Linear(2, 1)), batches, { epochs: 1e9, verbose: false, onEpoch });",
      ].join("\n"),
      60_000,
    );
    await created(flag);
    kernel.interrupt();
    const run = await training;
    expect(run.status).toBe("error");
    expect(run.stderr).toBe(`${INTERRUPTED}\n`); // one line, no stack trace of tslab's code
    const after = await kernel.execute("const g2 = globalThis as any;\nconst seen = g2.epochs;\nawait new Promise((r) => setTimeout(r, 300));\ng2.epochs - seen", 30_000);
    expect([after.status, stdout(after)]).toEqual(["ok", "0\n"]);
    expect(kernel.alive).toBe(true);
  });

  it("still completes and inspects as tslab does (Tab, Shift+Tab), through the new dispatcher", async () => {
    await kernel.execute(`import { fit, sinusoid } from "rnn-course";`, 30_000);
    const completion = await kernel.request("complete_request", { code: "sinu", cursor_pos: 4 });
    expect(completion.reply?.content.matches).toContain("sinusoid");
    const inspection = await kernel.request("inspect_request", { code: "fit", cursor_pos: 3, detail_level: 0 });
    expect(inspection.reply?.content).toMatchObject({ status: "ok", found: true });
    expect(inspection.reply?.content.data["text/plain"]).toMatch(/function fit\(model: Module/);
  });
});

it("shut down while a cell runs and prints (interrupt, then shutdown_request, as Jupyter does): exits at once, printing nothing", async () => {
  const kernel = await JupyterClient.start(project("shutdown"));
  const flag = join(scratch, "shutdown", "ticking");
  void kernel.execute(`setInterval(() => console.log("tick"), 10);\nrequire("node:fs").writeFileSync(${JSON.stringify(flag)}, "");\nawait new Promise(() => {});`, 60_000);
  await created(flag);
  kernel.interrupt();
  await kernel.shutdown();
  expect(kernel.exitStatus).toEqual({ code: 0, signal: null }); // by itself: not the SIGKILL that follows a 1 s grace
  expect(kernel.processLog).toBe("");
});

describe("the kernel refuses a tslab whose internals it does not know", () => {
  const jupyter = require("tslab/dist/jupyter");

  it("accepts tslab 1.0.22, which it was written for", () => {
    expect(() => check({ version: "1.0.22", jupyter })).not.toThrow();
  });

  it("names another version, or a method gone, and says what to do", () => {
    expect(() => check({ version: "1.0.23", jupyter })).toThrow(/found tslab 1\.0\.23\. Install tslab 1\.0\.22 \(npm ci\), or check tools\/kernel\/protocol\.js/);
    const { ZmqServer, JupyterHandlerImpl } = jupyter;
    class Renamed {}
    expect(() => check({ version: "1.0.22", jupyter: { ZmqServer: Renamed, JupyterHandlerImpl } })).toThrow(/without ZmqServer\.handleShellMessage, ZmqServer\.publishStatus/);
    expect(ZmqServer.prototype.handleShellMessage).toBeTypeOf("function");
  });
});
