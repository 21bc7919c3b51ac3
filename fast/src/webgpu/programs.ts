/**
 * The two dispatches of the WebGPU kernel as programs of tfjs's webgpu backend (its WebGPUProgram
 * interface, run by `backend.runWebGPUProgram`), so they are recorded into the same command stream as
 * tfjs's own ops: no extra submit, no wait.
 *
 * tfjs writes the head of each shader: a binding per input (read-only arrays named after
 * `variableNames`), the output `result`, a `uniforms` struct (shapes, then the fields in `uniforms`) and
 * an entry point that calls `main`. Its body is ours: the constants below, cells.wgsl, then forward.wgsl or
 * backward.wgsl.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { WebGPUProgram } from "@tensorflow/tfjs-backend-webgpu";
import { CellKind, GATES } from "rnn-course-contract";
import { backLayout, traceLayout } from "./layout";

const KINDS: Record<CellKind, number> = { rnn_tanh: 0, rnn_relu: 1, lstm: 2, gru: 3 };
/** Most threads per workgroup: every WebGPU device allows 256. */
const MAX_WORKGROUP = 256;

const sources = new Map<string, string>();
function shader(file: "cells.wgsl" | "forward.wgsl" | "backward.wgsl"): string {
  if (!sources.has(file)) sources.set(file, readFileSync(join(__dirname, file), "utf8"));
  return sources.get(file) as string;
}

/** One workgroup per sequence of the batch, one thread per hidden unit (up to 256). */
abstract class RecurrenceProgram implements WebGPUProgram {
  readonly outputShape: number[];
  readonly shaderKey: string;
  readonly dispatchLayout = { x: [0] };
  readonly dispatch: [number, number, number];
  readonly workgroupSize: [number, number, number];
  readonly uniforms = "steps : i32,";
  abstract readonly variableNames: string[];
  private readonly constants: Record<string, number>;

  protected constructor(readonly kind: CellKind, batch: number, hidden: number, width: number, steps: number, private readonly body: "forward.wgsl" | "backward.wgsl", layout: object) {
    const threads = Math.min(MAX_WORKGROUP, hidden);
    this.outputShape = [batch, steps + 1, width];
    this.dispatch = [batch, 1, 1];
    this.workgroupSize = [threads, 1, 1];
    this.constants = { KIND: KINDS[kind], HIDDEN: hidden, GATES: GATES[kind], WORKGROUP: threads, ...layout };
    this.shaderKey = `course_${body.replace(".wgsl", "")}_${kind}_${hidden}_${threads}`;
  }

  getUserCode(): string {
    const constants = Object.entries(this.constants).map(([name, value]) => `const ${name} : i32 = ${value};`);
    return [...constants, shader("cells.wgsl"), shader(this.body)].join("\n");
  }
}

/** forward.wgsl: inputs xproj, whhT, bhh, h0, c0; output the trace [B, T+1, TRACE]. */
export class ForwardProgram extends RecurrenceProgram {
  readonly variableNames = ["xproj", "whhT", "bhh", "h0", "c0"];
  constructor(kind: CellKind, batch: number, steps: number, hidden: number) {
    const layout = traceLayout(kind, hidden);
    super(kind, batch, hidden, layout.TRACE, steps, "forward.wgsl", layout);
  }
}

/** backward.wgsl: inputs trace, whh, dOutput, dhN, dcN; output the gradients [B, T+1, BACK]. */
export class BackwardProgram extends RecurrenceProgram {
  readonly variableNames = ["trace", "whh", "dOutput", "dhN", "dcN"];
  constructor(kind: CellKind, batch: number, steps: number, hidden: number) {
    const layout = { ...traceLayout(kind, hidden), ...backLayout(kind, hidden) };
    super(kind, batch, hidden, layout.BACK, steps, "backward.wgsl", layout);
  }
}
