/**
 * Rich outputs. The kernel's sender has the signature of tslab's `lastWriteDisplayData` (one message with any
 * number of MIME types, a display id to redraw in place) and is published where the course library's browser
 * build looks for it (src/browser/display.ts); `import * as tslab from "tslab"` gets tslab's public `display` and
 * `newDisplay()` on top of it, as in the Node kernel.
 */
import { currentRequest, send } from "./output";

export interface DisplayContent {
  data: Record<string, unknown>;
  metadata: object;
  transient: { display_id?: string };
}

/** tslab's sender: display_data, or update_display_data for an output shown before under the same id. */
export function lastWriteDisplayData(content: DisplayContent, update = false): void {
  send({
    type: "display",
    id: currentRequest(),
    data: content.data,
    metadata: content.metadata ?? {},
    displayId: content.transient?.display_id,
    update,
  });
}

export const DISPLAY_CHANNEL = Symbol.for("tslab.lastWriteDisplayData");

export function publishDisplayChannel(): void {
  (globalThis as Record<symbol, unknown>)[DISPLAY_CHANNEL] = lastWriteDisplayData;
}

/** tslab's public API (tslab/dist/public.d.ts): `display.html(...)`, `newDisplay()`, `versions`. */
export function tslabModule(versions: Record<string, string>) {
  return { display: new Display(), newDisplay: () => new Display(randomId()), versions };
}

class Display {
  constructor(
    private readonly id?: string,
    private shown = false,
  ) {}
  javascript = (s: string) => this.raw("text/javascript", s);
  html = (s: string) => this.raw("text/html", s);
  markdown = (s: string) => this.raw("text/markdown", s);
  latex = (s: string) => this.raw("text/latex", s);
  svg = (s: string) => this.raw("image/svg+xml", s);
  png = (b: Uint8Array) => this.raw("image/png", b);
  jpeg = (b: Uint8Array) => this.raw("image/jpeg", b);
  gif = (b: Uint8Array) => this.raw("image/gif", b);
  pdf = (b: Uint8Array) => this.raw("application/pdf", b);
  text = (s: string) => this.raw("text/plain", s);
  raw = (contentType: string, b: string | Uint8Array) => {
    const data = typeof b === "string" ? b : base64(b);
    lastWriteDisplayData(
      {
        data: { [contentType]: data },
        metadata: {},
        transient: this.id ? { display_id: this.id } : {},
      },
      this.shown,
    );
    if (this.id) this.shown = true;
  };
}

function randomId(): string {
  return [...crypto.getRandomValues(new Uint8Array(8))]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
