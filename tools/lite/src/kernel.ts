/**
 * The TypeScript kernel as JupyterLite sees it, on the page: it speaks Jupyter's messaging protocol and hands
 * the work to its web worker (./worker/), sending along the student's files the worker may need (it cannot
 * read JupyterLite's storage itself).
 *
 * Execute requests run one after another in a queue of the kernel's own, as in ipykernel: JupyterLab's Run All
 * sends them all at once; after an error in a cell sent with `stop_on_error` (every cell but those tagged
 * raises-exception), the requests queued at that moment are answered "aborted" without running, and after
 * an error in a raises-exception cell the next cells run. (JupyterLite's own queue drops every queued
 * request after any error, so the kernel takes each request off it at once.)
 */
import type { Contents, KernelMessage } from "@jupyterlab/services";
import { KernelMessage as Messages } from "@jupyterlab/services";
import { BaseKernel, type IKernel } from "@jupyterlite/services";
import type { Files, FromWorker, ToWorker } from "./protocol";

export interface TypeScriptKernelOptions extends IKernel.IOptions {
  /** The worker's script. */
  workerUrl: string;
  /** The folder of the kernel's assets (files.json, TensorFlow.js's WebAssembly, fonts). */
  assets: string;
  contents: Contents.IManager;
}

type Reply = KernelMessage.IExecuteReplyMsg["content"];

/** File types a cell may import or the library may read from the notebook's folder. */
const TEXT_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs|json|csv|txt|md|d\.ts)$/;
const MAX_FILE_BYTES = 2_000_000;

export class TypeScriptKernel extends BaseKernel {
  private readonly worker: Worker;
  private readonly started: Promise<void>;
  /** Why the worker could not start ("" when it did). */
  private startFailure = "";
  private readonly waiting = new Map<
    string,
    { onOutput: (m: FromWorker) => void; resolve: (m: FromWorker) => void }
  >();
  private readonly send: IKernel.SendMessage;
  private readonly contents: Contents.IManager;
  private readonly folder: string;
  private requests = 0;
  /** Execute requests received so far, and the number of the last one to abort (see above). */
  private received = 0;
  private abortUpTo = 0;
  private executions: Promise<void> = Promise.resolve();
  /** The student's files as last sent: path -> [last modified, text]. */
  private readonly fileCache = new Map<string, [string, string]>();

  constructor(options: TypeScriptKernelOptions) {
    super(options);
    this.send = options.sendMessage;
    this.contents = options.contents;
    this.folder = `/${options.location}`.replace(/\/+$/, "") || "/";
    this.worker = new Worker(options.workerUrl);
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => this.fromWorker(event.data);
    // A kernel that cannot start says why in the first cell run (JupyterLite would wait for it forever).
    this.started = this.ask({
      type: "start",
      id: "",
      assets: options.assets,
      cwd: this.folder,
    }).then((answer) => {
      if (answer.type === "failed") this.startFailure = answer.message;
    });
  }

  override get ready(): Promise<void> {
    return this.started;
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.worker.terminate();
    super.dispose();
  }

  /** Execute requests go to the kernel's own queue (see above); everything else is answered as it comes. */
  override async handleMessage(msg: KernelMessage.IMessage): Promise<void> {
    if (msg.header.msg_type !== "execute_request") return super.handleMessage(msg);
    const number = ++this.received;
    this.executions = this.executions.then(() =>
      number <= this.abortUpTo
        ? this.abort(msg as KernelMessage.IExecuteRequestMsg)
        : super.handleMessage(msg),
    );
  }

  async kernelInfoRequest(): Promise<KernelMessage.IInfoReplyMsg["content"]> {
    // tslab's own answer, field for field, so that a notebook saved here carries the metadata tslab gives it.
    return {
      status: "ok",
      protocol_version: "5.3",
      implementation: "tslab",
      implementation_version: "1.0.0",
      language_info: {
        name: "typescript",
        version: "3.7.2",
        mimetype: "text/typescript",
        file_extension: ".ts",
        codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
      } as KernelMessage.IInfoReply["language_info"],
      banner: "TypeScript",
      help_links: [],
    };
  }

  async executeRequest(content: KernelMessage.IExecuteRequestMsg["content"]): Promise<Reply> {
    const header = this.parentHeader!;
    const execution_count = this.executionCount;
    if (this.startFailure) {
      this.stream(
        { name: "stderr", text: `The TypeScript kernel could not start: ${this.startFailure}\n` },
        header,
      );
      return {
        status: "error",
        execution_count,
        ename: "KernelError",
        evalue: this.startFailure,
        traceback: [],
      } as Reply;
    }
    let files = await this.folderFiles();
    for (let attempt = 0; ; attempt++) {
      const answer = await this.ask(
        { type: "execute", id: "", code: content.code, folder: this.folder, files },
        (m) => this.output(m, header),
      );
      if (answer.type === "need" && attempt < 3) {
        files = { ...files, ...(await this.someFiles(answer.paths)) };
        continue;
      }
      if (answer.type === "executed" && answer.status === "ok")
        return { status: "ok", execution_count, user_expressions: {} };
      const failure =
        answer.type === "executed"
          ? { ename: answer.ename ?? "Error", evalue: answer.evalue ?? "" }
          : { ename: "KernelError", evalue: answer.type === "failed" ? answer.message : "" };
      if (answer.type === "failed")
        this.stream({ name: "stderr", text: `${answer.message}\n` }, header);
      if (content.stop_on_error !== false) this.abortUpTo = this.received;
      return { status: "error", execution_count, traceback: [], ...failure } as Reply;
    }
  }

  async completeRequest(
    content: KernelMessage.ICompleteRequestMsg["content"],
  ): Promise<KernelMessage.ICompleteReplyMsg["content"]> {
    const answer = await this.ask({
      type: "complete",
      id: "",
      code: content.code,
      cursor: content.cursor_pos,
      folder: this.folder,
      files: await this.folderFiles(),
    });
    if (answer.type !== "completed")
      return {
        status: "ok",
        matches: [],
        cursor_start: content.cursor_pos,
        cursor_end: content.cursor_pos,
        metadata: {},
      };
    return {
      status: "ok",
      matches: answer.matches,
      cursor_start: answer.start,
      cursor_end: answer.end,
      metadata: {},
    };
  }

  async inspectRequest(
    content: KernelMessage.IInspectRequestMsg["content"],
  ): Promise<KernelMessage.IInspectReplyMsg["content"]> {
    const answer = await this.ask({
      type: "inspect",
      id: "",
      code: content.code,
      cursor: content.cursor_pos,
      folder: this.folder,
      files: await this.folderFiles(),
    });
    if (answer.type !== "inspected" || answer.text === null)
      return { status: "ok", found: false, data: {}, metadata: {} };
    return { status: "ok", found: true, data: { "text/plain": answer.text }, metadata: {} };
  }

  async isCompleteRequest(
    content: KernelMessage.IIsCompleteRequestMsg["content"],
  ): Promise<KernelMessage.IIsCompleteReplyMsg["content"]> {
    const answer = await this.ask({ type: "isComplete", id: "", code: content.code });
    if (answer.type !== "isCompleted") return { status: "unknown" };
    return answer.status === "complete"
      ? { status: "complete" }
      : { status: "incomplete", indent: answer.indent };
  }

  async commInfoRequest(): Promise<KernelMessage.ICommInfoReplyMsg["content"]> {
    // As ipykernel without comms: none open, and comm_open messages below are closed at once.
    return { status: "ok", comms: {} };
  }

  inputReply(): void {}

  async commOpen(msg: KernelMessage.ICommOpenMsg): Promise<void> {
    this.handleComm("comm_close", { comm_id: msg.content.comm_id, data: {} }, {}, [], msg.header);
  }

  async commMsg(): Promise<void> {}

  async commClose(): Promise<void> {}

  /** Answers a request queued before an error, as ipykernel does: status "aborted", nothing run. */
  private async abort(msg: KernelMessage.IExecuteRequestMsg): Promise<void> {
    const reply = (
      msgType: "status" | "execute_reply",
      channel: "iopub" | "shell",
      content: object,
    ) =>
      this.send(
        Messages.createMessage({
          msgType,
          channel,
          session: msg.header.session,
          parentHeader: msg.header,
          content,
        } as never),
      );
    reply("status", "iopub", { execution_state: "busy" });
    reply("execute_reply", "shell", { status: "aborted", execution_count: null });
    reply("status", "iopub", { execution_state: "idle" });
  }

  /** A request to the worker; resolves with its answer, passing outputs on to `onOutput` meanwhile. */
  private ask(
    message: ToWorker,
    onOutput: (m: FromWorker) => void = () => {},
  ): Promise<FromWorker> {
    const id = String(++this.requests);
    return new Promise((resolve) => {
      this.waiting.set(id, { onOutput, resolve });
      this.worker.postMessage({ ...message, id });
    });
  }

  private fromWorker(message: FromWorker): void {
    const request = this.waiting.get(message.id);
    if (message.type === "stream" || message.type === "display" || message.type === "clear") {
      // Output after its cell ended (a timer, a promise nobody awaited) goes to the last cell, as in tslab.
      (request?.onOutput ?? ((m: FromWorker) => this.output(m, this.parentHeader!)))(message);
      return;
    }
    if (!request) return;
    this.waiting.delete(message.id);
    request.resolve(message);
  }

  private output(message: FromWorker, header: KernelMessage.IHeader): void {
    if (!header) return;
    if (message.type === "stream") this.stream({ name: message.name, text: message.text }, header);
    else if (message.type === "clear") this.clearOutput({ wait: message.wait }, header);
    else if (message.type === "display") {
      const content = {
        data: message.data,
        metadata: message.metadata,
        transient: message.displayId ? { display_id: message.displayId } : {},
      };
      if (message.update)
        this.updateDisplayData(content as KernelMessage.IUpdateDisplayDataMsg["content"], header);
      else this.displayData(content as KernelMessage.IDisplayDataMsg["content"], header);
    }
  }

  /** The text files of the notebook's folder, as saved now (read again only when they changed). */
  private async folderFiles(): Promise<Files> {
    const path = this.folder.slice(1);
    let listing: Contents.IModel;
    try {
      listing = await this.contents.get(path, { content: true });
    } catch {
      return {};
    }
    const files: Files = {};
    const items = (listing.content as Contents.IModel[]).filter(
      (item) =>
        item.type === "file" && TEXT_FILE.test(item.name) && (item.size ?? 0) <= MAX_FILE_BYTES,
    );
    await Promise.all(
      items.map(async (item) => {
        const text = await this.fileText(item.path, item.last_modified);
        if (text !== undefined) files[`/${item.path}`] = text;
      }),
    );
    return files;
  }

  /** The files the worker asked for that exist (its module resolution tries several names for one import). */
  private async someFiles(paths: string[]): Promise<Files> {
    const files: Files = {};
    await Promise.all(
      paths.map(async (path) => {
        const text = await this.fileText(path.slice(1));
        if (text !== undefined) files[path] = text;
      }),
    );
    return files;
  }

  private async fileText(path: string, lastModified?: string): Promise<string | undefined> {
    const cached = this.fileCache.get(path);
    if (cached && lastModified !== undefined && cached[0] === lastModified) return cached[1];
    try {
      const model = await this.contents.get(path, { content: true, format: "text" });
      if (model.type !== "file" || typeof model.content !== "string") return undefined;
      this.fileCache.set(path, [model.last_modified, model.content]);
      return model.content;
    } catch {
      return undefined;
    }
  }
}
