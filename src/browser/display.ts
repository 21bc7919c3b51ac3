/**
 * The display bridge to a notebook, in the browser (the browser twin of ../plots/display.ts: the
 * build for the browser uses this file wherever the library imports that one). The browser's
 * TypeScript kernel publishes tslab's sender, `lastWriteDisplayData`, under
 * `Symbol.for("tslab.lastWriteDisplayData")`; the library sends through it exactly what it sends
 * through tslab's in Node: one message with several MIME types, and display ids for outputs redrawn
 * in place. Without a kernel (the library in some other page) `inKernel()` is false and charts and
 * progress fall back to what scripts do.
 */
import type { MimeData } from "../plots/display";

export type { MimeData };

type DisplaySender = (
  content: { data: MimeData; metadata: object; transient: { display_id?: string } },
  update?: boolean,
) => void;

const CHANNEL = Symbol.for("tslab.lastWriteDisplayData");

export function inKernel(): boolean {
  return kernelSender() !== undefined;
}

export function displayData(data: MimeData): void {
  sender()({ data, metadata: {}, transient: {} });
}

export function liveDisplay(): (data: MimeData) => void {
  const displayId = [...crypto.getRandomValues(new Uint8Array(8))]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");
  let shown = false;
  return (data) => {
    sender()({ data, metadata: {}, transient: { display_id: displayId } }, shown);
    shown = true;
  };
}

function sender(): DisplaySender {
  const send = kernelSender();
  if (!send) throw new Error("not inside a notebook kernel: check inKernel() before displaying");
  return send;
}

function kernelSender(): DisplaySender | undefined {
  const send = (globalThis as Record<symbol, unknown>)[CHANNEL];
  return typeof send === "function" ? (send as DisplaySender) : undefined;
}
