/**
 * The display bridge to a notebook: are we inside one (a tslab kernel), and how to send it an
 * output. `show` (charts) and `fit`'s progress line both display through here.
 *
 * tslab sends every display message through `lastWriteDisplayData`, which its `dist/jupyter.js`
 * exports and points at the running cell's sender when a cell starts. Sending through that function
 * directly does two things tslab's public `display` cannot: one message may carry several MIME
 * types (a chart as vega-lite, PNG and text at once, instead of three outputs), and an output keeps
 * its display id so it can be redrawn.
 *
 * The sender is looked up among the modules already loaded, never required: the kernel may run a
 * tslab installed elsewhere (globally, another version) than this project's node_modules, and a
 * plain `require("tslab")` would then load a second copy that no notebook is connected to (its
 * sender stays null). The kernel's own copy is the loaded jupyter.js whose sender is set.
 * `lastWriteDisplayData` is not tslab's public API (tested with tslab 1.0.22): should a release
 * rename it, `inKernel()` turns false and notebooks fall back to what scripts do (chart files,
 * printed progress) rather than break.
 */
import { randomBytes } from "node:crypto";

/** What one display message carries: MIME type → content, e.g. { "text/plain": "epoch 3/10" }. */
export type MimeData = Record<string, unknown>;

/**
 * tslab's sender: `update` false sends display_data, true sends update_display_data for the same
 * display id.
 */
type DisplaySender = (
  content: { data: MimeData; metadata: object; transient: { display_id?: string } },
  update?: boolean,
) => void;

/**
 * True while running inside a tslab kernel (a notebook), false in scripts, tests and `npm run
 * check`.
 */
export function inKernel(): boolean {
  return kernelSender() !== undefined;
}

/**
 * Shows `data` as ONE output of the running cell; each front end draws the richest MIME type it
 * can.
 */
export function displayData(data: MimeData): void {
  sender()({ data, metadata: {}, transient: {} });
}

/**
 * An output that redraws in place: the first call shows `data`, later calls replace it (even from a
 * later cell, like tslab's `newDisplay()`).
 */
export function liveDisplay(): (data: MimeData) => void {
  const displayId = randomBytes(8).toString("hex");
  let shown = false;
  return (data) => {
    sender()({ data, metadata: {}, transient: { display_id: displayId } }, shown);
    shown = true;
  };
}

function sender(): DisplaySender {
  const send = kernelSender();
  if (!send) throw new Error("not inside a tslab kernel: check inKernel() before displaying");
  return send;
}

function kernelSender(): DisplaySender | undefined {
  for (const [file, mod] of Object.entries(require.cache)) {
    if (!/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(file)) continue;
    const send: unknown = mod?.exports?.lastWriteDisplayData;
    if (typeof send === "function") return send as DisplaySender;
  }
  return undefined;
}
