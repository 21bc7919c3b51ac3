/**
 * The messages between the page (the kernel object JupyterLite talks to, ./kernel.ts) and the kernel's web
 * worker (./worker/). Each request carries an id; the worker's outputs carry the id of the request that
 * produced them, and every request gets exactly one answer.
 */

/** The student's files the worker may read: absolute path ("/" + path in JupyterLite's storage) -> text. */
export type Files = Record<string, string>;

export type ToWorker =
  | { type: "start"; id: string; assets: string; cwd: string }
  | {
      type: "execute";
      id: string;
      code: string;
      /** The notebook's folder as it is saved now (replacing the copy the worker has), and any file asked for. */
      folder: string;
      files: Files;
    }
  | { type: "complete"; id: string; code: string; cursor: number; folder: string; files: Files }
  | { type: "inspect"; id: string; code: string; cursor: number; folder: string; files: Files }
  | { type: "isComplete"; id: string; code: string };

export type Diagnostic = { line: number; column: number; message: string };

export type FromWorker =
  | { type: "stream"; id: string; name: "stdout" | "stderr"; text: string }
  | {
      type: "display";
      id: string;
      data: Record<string, unknown>;
      metadata: object;
      displayId?: string;
      update: boolean;
    }
  | { type: "clear"; id: string; wait: boolean }
  /** The code imports files of the student's that the worker does not have: send them and ask again. */
  | { type: "need"; id: string; paths: string[] }
  | { type: "started"; id: string }
  | { type: "executed"; id: string; status: "ok" | "error"; ename?: string; evalue?: string }
  | { type: "completed"; id: string; matches: string[]; start: number; end: number }
  | { type: "inspected"; id: string; text: string | null }
  | { type: "isCompleted"; id: string; status: "complete" | "incomplete"; indent: string }
  | { type: "failed"; id: string; message: string };
