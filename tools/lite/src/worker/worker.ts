/**
 * The kernel's web worker: tslab's compiler and converter, the course library and TensorFlow.js, all in one
 * bundle. It answers the page's requests (../protocol.ts) one at a time, in order.
 */
import { shippedFiles } from "./prefetch"; // first: its download starts before the rest evaluates
import * as tf from "@tensorflow/tfjs";
import * as course from "rnn-course";
import * as fast from "rnn-course-fast";
import { createConverter, isCompleteCode } from "tslab/dist/converter";
import { printQuickInfo } from "tslab/dist/inspect";
import ts = require("@tslab/typescript-for-tslab");
import { setAssetBase } from "../../../../src/browser/assets";
import { installImmediate } from "../node/immediate";
import type { FromWorker, ToWorker } from "../protocol";
import { publishDisplayChannel, tslabModule } from "./display";
import { Executor } from "./executor";
import { addShippedFiles, readFile, startTrackingMisses, updateDriveFiles } from "./files";
import { captureConsole, send, setCurrentRequest } from "./output";
import { SideModules, type Require } from "./require";
import { setCurrentDirectory } from "./ts-sys";

/** The tslab release whose converter and compiler the kernel runs (tslab's `versions`). */
const TSLAB_VERSION = "1.0.22";

let executor: Executor | undefined;
/** Paths already asked of the page for the current request: asked once, then a missing file is an error. */
const asked = new Set<string>();

type Decode = ConstructorParameters<typeof Executor>[2];

async function start(assets: string, cwd: string): Promise<void> {
  setAssetBase(assets);
  addShippedFiles(await shippedFiles);
  setCurrentDirectory(cwd);
  captureConsole();
  installImmediate();
  publishDisplayChannel();
  const packages: Record<string, unknown> = {
    "rnn-course": course,
    "@tensorflow/tfjs": tf,
    "rnn-course-fast": fast,
    tslab: tslabModule({ tslab: TSLAB_VERSION, typescript: ts.version }),
  };
  // A compiled module's source: its .ts file (an error names it and its line), and tslab's name for its output.
  const modules = new SideModules(packages, (path) => {
    const relative = path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
    for (const file of [path.replace(/\.js$/, ".ts"), path.replace(/\.js$/, ".tsx")]) {
      const source = readFile(file);
      if (source !== undefined)
        return {
          source,
          label: relative.replace(/\.js$/, file.slice(-3) === "tsx" ? ".tsx" : ".ts"),
          outFile: `outDir/${relative}`,
        };
    }
    return undefined;
  });
  (globalThis as { require?: Require }).require = modules.requireFrom(cwd);
  const decode = (ts as unknown as { decodeMappings: Decode }).decodeMappings;
  executor = new Executor(createConverter(), modules, decode, cwd);
}

async function handle(message: ToWorker): Promise<FromWorker> {
  setCurrentRequest(message.id);
  switch (message.type) {
    case "start":
      await start(message.assets, message.cwd);
      return { type: "started", id: message.id };
    case "execute": {
      updateDriveFiles(message.folder, message.files);
      startTrackingMisses();
      const result = await kernel().execute(message.code, (paths) => {
        const fresh = paths.filter((p) => !asked.has(p)).slice(0, 50);
        fresh.forEach((p) => asked.add(p));
        return fresh;
      });
      if ("need" in result) return { type: "need", id: message.id, paths: result.need };
      asked.clear();
      return result.ok
        ? { type: "executed", id: message.id, status: "ok" }
        : {
            type: "executed",
            id: message.id,
            status: "error",
            ename: result.ename,
            evalue: result.evalue,
          };
    }
    case "complete": {
      updateDriveFiles(message.folder, message.files);
      const info = kernel().complete(message.code, message.cursor);
      return {
        type: "completed",
        id: message.id,
        matches: info.candidates,
        start: info.start,
        end: info.end,
      };
    }
    case "inspect": {
      updateDriveFiles(message.folder, message.files);
      const info = kernel().inspect(message.code, message.cursor);
      return { type: "inspected", id: message.id, text: info ? printQuickInfo(info) : null };
    }
    case "isComplete": {
      const { completed, indent } = isCompleteCode(message.code);
      return {
        type: "isCompleted",
        id: message.id,
        status: completed ? "complete" : "incomplete",
        indent: indent ?? "",
      };
    }
  }
}

function kernel(): Executor {
  if (!executor) throw new Error("the kernel has not started");
  return executor;
}

/**
 * Once the kernel has said it started, it reads the declaration files of the packages cells import (most of
 * a first cell's cost) while the student reads the notebook; a cell sent meanwhile waits for it in the queue.
 */
function warmUp(): void {
  const cell =
    'import * as tf from "@tensorflow/tfjs";\nimport * as course from "rnn-course";\ncourse.';
  kernel().complete(cell, cell.length);
}

// One request at a time, in the order they came: a cell's `await` must not let the next one start.
let queue = Promise.resolve();
self.onmessage = (event: MessageEvent<ToWorker>) => {
  queue = queue.then(async () => {
    try {
      send(await handle(event.data));
      if (event.data.type === "start") warmUp();
    } catch (error) {
      send({
        type: "failed",
        id: event.data.id,
        message: (error as Error)?.stack ?? String(error),
      });
    }
  });
};
