/**
 * Turns a cell's IOPub messages into nbformat 4 outputs, the way Jupyter would store them: consecutive
 * stream chunks merge, `update_display_data` rewrites the output with the same display id, `clear_output`
 * empties the cell (at once, or at the next output when `wait` is set).
 */
import type { Message } from "./message";

export type MimeBundle = Record<string, unknown>;

export type Output =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string }
  | { output_type: "display_data"; data: MimeBundle; metadata: Record<string, unknown> }
  | { output_type: "execute_result"; data: MimeBundle; metadata: Record<string, unknown>; execution_count: number | null }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

export class OutputCollector {
  readonly outputs: Output[] = [];
  private readonly displayIds = new Map<Output, string>();
  private clearPending = false;

  add(message: Message): void {
    const { msg_type } = message.header;
    const content = message.content;
    if (msg_type === "clear_output") return this.clear(Boolean(content.wait));
    if (msg_type === "update_display_data") return this.update(content);
    const output = toOutput(msg_type, content);
    if (!output) return;
    if (this.clearPending) this.clear(false);
    const last = this.outputs[this.outputs.length - 1];
    if (output.output_type === "stream" && last?.output_type === "stream" && last.name === output.name) {
      last.text += output.text;
      return;
    }
    this.outputs.push(output);
    const displayId = content.transient?.display_id;
    if (typeof displayId === "string") this.displayIds.set(output, displayId);
  }

  /** Text the kernel wrote to stderr: where tslab puts error messages and stack traces. */
  stderr(): string {
    return this.outputs.map((output) => (output.output_type === "stream" && output.name === "stderr" ? output.text : "")).join("");
  }

  private clear(wait: boolean): void {
    this.clearPending = wait;
    if (!wait) this.outputs.length = 0;
  }

  private update(content: Record<string, any>): void {
    const displayId = content.transient?.display_id;
    for (const output of this.outputs) {
      if (this.displayIds.get(output) === displayId && output.output_type === "display_data") {
        output.data = content.data;
        output.metadata = content.metadata ?? {};
      }
    }
  }
}

function toOutput(msgType: string, content: Record<string, any>): Output | undefined {
  switch (msgType) {
    case "stream":
      return { output_type: "stream", name: content.name, text: content.text };
    case "display_data":
      return { output_type: "display_data", data: content.data, metadata: content.metadata ?? {} };
    case "execute_result":
      return {
        output_type: "execute_result",
        data: content.data,
        metadata: content.metadata ?? {},
        execution_count: content.execution_count ?? null,
      };
    case "error":
      return { output_type: "error", ename: content.ename, evalue: content.evalue, traceback: content.traceback ?? [] };
    default:
      return undefined;
  }
}
