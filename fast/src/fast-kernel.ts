/**
 * The fast recurrent kernel: the same contract and the same equations as the readable BPTT of the library's
 * nn/bptt.ts, arranged so that almost all the work is a few large matrix products in SIMD WebAssembly.
 *
 * Forward: each step is one product for all gates at once (x_t·W_ihᵀ, then h_{t-1}·W_hhᵀ added onto it)
 * and one fused elementwise pass. Backward: one product per step hands dh back through W_hh; the weight
 * gradients are summed over all steps at the end as ONE product each (dW_hh = Σ_t dgates_tᵀ·h_{t-1} =
 * dGatesᵀ·H_prev over T·B rows).
 *
 * The loops over time live in the SIMD module (assembly/layers.ts). A layer big enough to be worth it is
 * cut into two parts, halves of the batch, that run on two threads at once (team.ts); the sequences of a
 * batch never meet, so the threads only meet when the loop ends, and every row is computed exactly as one
 * thread would.
 *
 * What backward needs stays in the workspace's memory rather than being copied out (at W5 sizes that
 * would be ~30 MB per step). A few workspaces take turns; if a forward's workspace was handed to a later
 * forward before its backward ran, backward recomputes that forward first (same inputs, same bits).
 */
import { ArgumentError, CellKind, Dims, GATES, Gradients, RecurrentKernel, Weights, check } from "rnn-course-contract";
import { padded, padRows, unpadRows } from "./padded-layout";
import { SimdWorkspace } from "./simd";
import { partRows, runParts } from "./team";

/** Forwards whose caches can wait for their backward at once (e.g. a stack of four layers). */
const WORKSPACES = 4;
/**
 * Multiply-adds of the recurrent products (B·T·G·hp²) from which a layer is cut in two: below it, waking
 * the other thread costs more than it saves.
 */
const TWO_PARTS_FROM = 2 ** 25;
/** Fewest rows per part: one row tile of the matrix products. */
const ROWS_PER_PART = 4;

interface Shape {
  kind: CellKind;
  dims: Dims;
  /** Padded hidden width, input width + 1 padded (column `input` holds a constant 1 that multiplies the
   *  biases, so the input projection adds them), padded gate width G·hp, and T·B rows. */
  hp: number;
  ip: number;
  gp: number;
  rows: number;
  /** 1, or 2: the batch in two halves, which two threads can run at once. */
  parts: number;
}

type ForwardLayout = ReturnType<typeof layOutForward>;

class Slot {
  readonly workspace = new SimdWorkspace();
  /** Bumped by every forward that takes this slot: a cache is valid while its generation matches. */
  generation = 0;
  /** Its cache has been through backward (or there is none): the slot may be reused first. */
  free = true;
  lastUsed = 0;
}

class FastCache {
  constructor(
    public slot: Slot,
    public generation: number,
    public at: ForwardLayout,
    readonly shape: Shape,
    readonly h0: Float32Array,
    readonly c0: Float32Array | null,
  ) {}
}

const slots: Slot[] = [];
let clock = 0;

function takeSlot(): Slot {
  let slot = slots.find((s) => s.free);
  if (!slot && slots.length < WORKSPACES) slots.push((slot = new Slot()));
  slot ??= slots.reduce((a, b) => (a.lastUsed <= b.lastUsed ? a : b));
  slot.generation++;
  slot.free = false;
  slot.lastUsed = ++clock;
  return slot;
}

export const fastKernel: RecurrentKernel = {
  forward(kind, dims, x, h0, c0, w) {
    const shape = shapeOf(kind, dims);
    checkInputs(shape, x, h0, c0, w);
    const slot = takeSlot();
    const at = runForward(slot.workspace, shape, x, h0, c0, w);
    const { batch: B, steps: T, hidden: H } = dims;
    const heap = slot.workspace.heap;
    const last = at.hs + T * B * shape.hp;
    slot.workspace.simd.toBatchFirst(B, T, shape.hp, 4 * (at.hs + B * shape.hp), H, 4 * at.staging);
    return {
      output: heap.slice(at.staging, at.staging + B * T * H),
      hN: unpad(heap, last, B, H, shape.hp),
      cN: kind === "lstm" ? unpad(heap, at.cs + T * B * shape.hp, B, H, shape.hp) : null,
      cache: new FastCache(slot, slot.generation, at, shape, h0.slice(), c0 ? c0.slice() : null),
    };
  },

  backward(kind, dims, w, x, fwd, dOutput, dhN, dcN) {
    const cache = fwd.cache;
    if (!(cache instanceof FastCache)) {
      throw new ArgumentError("fwd", "the result of fastKernel.forward", fwd.cache, "Each kernel's backward needs its own forward's cache");
    }
    const shape = cache.shape;
    check(shape.kind === kind, "kind", `the kind the forward ran (${shape.kind})`, kind);
    check(sameDims(shape.dims, dims), "dims", "the dims the forward ran with", dims);
    const { batch: B, steps: T, hidden: H } = dims;
    checkLength(dOutput, B * T * H, "dOutput", "[batch, steps, hidden]");
    checkLength(dhN, B * H, "dhN", "[batch, hidden]");
    if (kind === "lstm" && dcN) checkLength(dcN, B * H, "dcN", "[batch, hidden] (or null for zeros)");
    if (cache.slot.generation !== cache.generation) {
      cache.slot = takeSlot();
      cache.generation = cache.slot.generation;
      cache.at = runForward(cache.slot.workspace, shape, x, cache.h0, cache.c0, w);
    }
    const gradients = runBackward(cache.slot.workspace, shape, cache.at, dOutput, dhN, dcN);
    cache.slot.free = true;
    return gradients;
  },
};

/** Parts the fast kernel cuts a layer of these shapes into: 2 where its two halves of the batch are worth two threads. */
export function kernelParts(kind: CellKind, dims: Dims): number {
  return shapeOf(kind, dims).parts;
}

function shapeOf(kind: CellKind, dims: Dims): Shape {
  check(Object.hasOwn(GATES, kind), "kind", `one of ${Object.keys(GATES).join(", ")}`, kind);
  for (const key of ["batch", "steps", "input", "hidden"] as const) {
    check(Number.isInteger(dims[key]) && dims[key] > 0, `dims.${key}`, "a positive integer", dims[key]);
  }
  const G = GATES[kind];
  const hp = padded(dims.hidden);
  const work = dims.batch * dims.steps * G * hp * hp;
  const parts = dims.batch >= 2 * ROWS_PER_PART && work >= TWO_PARTS_FROM ? 2 : 1;
  return { kind, dims: { ...dims }, hp, ip: padded(dims.input + 1), gp: G * hp, rows: dims.steps * dims.batch, parts };
}

function checkInputs(s: Shape, x: Float32Array, h0: Float32Array, c0: Float32Array | null, w: Weights): void {
  const { batch: B, steps: T, input: I, hidden: H } = s.dims;
  const G = GATES[s.kind];
  checkLength(x, B * T * I, "x", "[batch, steps, input]");
  checkLength(h0, B * H, "h0", "[batch, hidden]");
  if (s.kind === "lstm" && c0) checkLength(c0, B * H, "c0", "[batch, hidden] (or null for zeros)");
  checkLength(w.wIh, G * H * I, "w.wIh", "[gates·hidden, input]");
  checkLength(w.wHh, G * H * H, "w.wHh", "[gates·hidden, hidden]");
  checkLength(w.bIh, G * H, "w.bIh", "[gates·hidden]");
  checkLength(w.bHh, G * H, "w.bHh", "[gates·hidden]");
}

function checkLength(a: Float32Array | null, length: number, name: string, shape: string): void {
  check(a instanceof Float32Array && a.length === length, name, `a Float32Array of length ${length} ${shape}`, a);
}

function sameDims(a: Dims, b: Dims): boolean {
  return a.batch === b.batch && a.steps === b.steps && a.input === b.input && a.hidden === b.hidden;
}

/** Where each forward buffer lives (float offsets); everything backward reads survives until then. */
function layOutForward(ws: SimdWorkspace, s: Shape) {
  const { batch: B, steps: T } = s.dims;
  const lstm = s.kind === "lstm", gru = s.kind === "gru";
  return ws.layout(ws.start, {
    wih: s.gp * s.ip, // [W_ih | bias], padded [G·hp, ip]
    whh: s.gp * s.hp, // W_hh, padded [G·hp, hp]
    wihT: s.gp * s.ip, // W_ihᵀ packed for gemm
    whhT: s.gp * s.hp, // W_hhᵀ packed for gemm
    biasH: gru ? s.gp : 0, // GRU: b_hh, added to the hidden projection (b_hn sits inside r·(…))
    x: s.rows * s.ip, // [T·B, ip]: x_t, then a 1 for the bias
    gates: s.rows * s.gp, // [T, B, G·hp] pre-activations, then activations
    hs: (T + 1) * B * s.hp, // [T+1, B, hp]: h_0 .. h_T
    cs: lstm ? (T + 1) * B * s.hp : 0, // LSTM c_0 .. c_T
    tc: lstm ? s.rows * s.hp : 0, // LSTM tanh(c_t)
    hn: gru ? s.rows * s.hp : 0, // GRU W_hn h_{t-1} + b_hn
    hproj: gru ? B * s.gp : 0, // GRU scratch: one step's hidden projection
    staging: B * T * Math.max(s.dims.input, s.dims.hidden), // batch-first x in, output out
  });
}

function runForward(ws: SimdWorkspace, s: Shape, x: Float32Array, h0: Float32Array, c0: Float32Array | null, w: Weights): ForwardLayout {
  const { batch: B, steps: T, input: I, hidden: H } = s.dims;
  const G = GATES[s.kind];
  const at = layOutForward(ws, s);
  const heap = ws.heap;
  const f = ws.simd;
  padRows(w.wIh, G, H, I, heap, at.wih, s.hp, s.ip);
  padRows(w.wHh, G, H, H, heap, at.whh, s.hp, s.hp);
  for (let g = 0; g < G; g++) {
    for (let j = 0; j < H; j++) {
      const r = g * H + j;
      heap[at.wih + (g * s.hp + j) * s.ip + I] = s.kind === "gru" ? w.bIh[r] : w.bIh[r] + w.bHh[r];
    }
  }
  if (s.kind === "gru") padRows(w.bHh, G, H, 1, heap, at.biasH, s.hp, 1);
  heap.set(x, at.staging);
  f.toTimeMajor(B, T, I, 4 * at.staging, s.ip, 4 * at.x);
  for (let r = 0; r < s.rows; r++) heap[at.x + r * s.ip + I] = 1;
  padRows(h0, 1, B, H, heap, at.hs, B, s.hp);
  if (s.kind === "lstm") padRows(c0 ?? new Float32Array(B * H), 1, B, H, heap, at.cs, B, s.hp);

  f.packB(s.ip, s.gp, 4 * at.wih, 1, s.ip, 4 * at.wihT);
  f.packB(s.hp, s.gp, 4 * at.whh, 1, s.hp, 4 * at.whhT);

  const common = [B, T, s.hp, s.ip, 4 * at.x, 4 * at.wihT, 4 * at.whhT];
  runParts(ws, s.parts, (p) => {
    const rows = partRows(B, p, s.parts);
    if (s.kind === "lstm") return ["lstmForward", [...common, 4 * at.gates, 4 * at.hs, 4 * at.cs, 4 * at.tc, ...rows]];
    if (s.kind === "gru") return ["gruForward", [...common, 4 * at.biasH, 4 * at.hproj, 4 * at.gates, 4 * at.hs, 4 * at.hn, ...rows]];
    return ["rnnForward", [...common, 4 * at.gates, 4 * at.hs, s.kind === "rnn_relu" ? 1 : 0, ...rows]];
  });
  return at;
}

function runBackward(
  ws: SimdWorkspace, s: Shape, fwd: ForwardLayout, dOutput: Float32Array, dhN: Float32Array, dcN: Float32Array | null,
): Gradients {
  const { batch: B, steps: T, input: I, hidden: H } = s.dims;
  const G = GATES[s.kind];
  const gru = s.kind === "gru";
  const workSize = 256 * Math.max(s.hp, s.ip); // gemmLongK packs B 256 rows at a time, one block per part
  const at = ws.layout(fwd.end, {
    wihB: s.gp * s.ip, // W_ih packed for dx = dgates·W_ih
    whhB: s.gp * s.hp, // W_hh packed for dh = dgates·W_hh
    dy: (T + 1) * B * s.hp, // slot 0 zeros, slot t+1 = ∂L/∂output_t
    dgx: s.rows * s.gp, // gate gradients, input side
    dgh: gru ? s.rows * s.gp : 0, // GRU: hidden side (differs from dgx by r in the n block)
    dh: B * s.hp,
    dc: B * s.hp,
    dx: s.rows * s.ip,
    dwih: s.gp * s.ip, // [dW_ih | db_ih]
    dwhh: s.gp * s.hp,
    dbh: gru ? s.gp : 0, // GRU: db_hh (for the others it equals db_ih)
    squares: s.parts * T, // [parts, T]: each part's share of ‖∂L/∂h_t‖²
    work: s.parts * workSize,
    staging: B * T * Math.max(I, H), // batch-first dOutput in, dx out
  });
  const heap = ws.heap;
  const f = ws.simd;
  const dgh = gru ? at.dgh : at.dgx;
  const step = B * s.hp;
  f.packB(s.gp, s.ip, 4 * fwd.wih, s.ip, 1, 4 * at.wihB);
  f.packB(s.gp, s.hp, 4 * fwd.whh, s.hp, 1, 4 * at.whhB);
  heap.fill(0, at.dy, at.dy + step);
  heap.set(dOutput, at.staging);
  f.toTimeMajor(B, T, H, 4 * at.staging, s.hp, 4 * (at.dy + step));
  padRows(dhN, 1, B, H, heap, at.dh, B, s.hp);
  for (let j = 0; j < step; j++) heap[at.dh + j] += heap[at.dy + T * step + j];
  if (s.kind === "lstm") padRows(dcN ?? new Float32Array(B * H), 1, B, H, heap, at.dc, B, s.hp);

  const [dy, dh, dgx, whhB] = [4 * at.dy, 4 * at.dh, 4 * at.dgx, 4 * at.whhB];
  runParts(ws, s.parts, (p) => {
    const rows = partRows(B, p, s.parts), squares = 4 * (at.squares + p * T);
    if (s.kind === "lstm") return ["lstmBackward", [B, T, s.hp, 4 * fwd.gates, 4 * fwd.cs, 4 * fwd.tc, dy, dh, 4 * at.dc, dgx, whhB, squares, ...rows]];
    if (gru) return ["gruBackward", [B, T, s.hp, 4 * fwd.gates, 4 * fwd.hn, 4 * fwd.hs, dy, dh, dgx, 4 * dgh, whhB, squares, ...rows]];
    return ["rnnBackward", [B, T, s.hp, 4 * fwd.hs, dy, dh, dgx, whhB, squares, s.kind === "rnn_relu" ? 1 : 0, ...rows]];
  });
  const norms = new Float32Array(T);
  for (let t = 0; t < T; t++) {
    let sum = 0;
    for (let p = 0; p < s.parts; p++) sum += heap[at.squares + p * T + t];
    norms[t] = Math.sqrt(sum);
  }

  // The products over all T·B rows, their rows of C cut among the parts (each row whole in one part).
  runParts(ws, s.parts, (p) => {
    const [r0, rows] = partRows(s.rows, p, s.parts);
    return ["gemm", [rows, s.ip, s.gp, dgx + 4 * r0 * s.gp, s.gp, 1, 4 * at.wihB, 4 * (at.dx + r0 * s.ip), s.ip, 0]];
  });
  const weightGradient = (dgates: number, b: number, n: number, c: number) => runParts(ws, s.parts, (p) => {
    const [r0, rows] = partRows(s.gp, p, s.parts);
    return ["gemmLongK", [rows, n, s.rows, dgates + 4 * r0, 1, s.gp, b, n, 1, 4 * (c + r0 * n), n, 4 * (at.work + p * workSize), 0]];
  });
  weightGradient(dgx, 4 * fwd.x, s.ip, at.dwih);
  weightGradient(4 * dgh, 4 * fwd.hs, s.hp, at.dwhh);
  if (gru) {
    heap.fill(0, at.dbh, at.dbh + s.gp);
    f.addColumnSums(s.rows, s.gp, 4 * dgh, 4 * at.dbh);
  }

  f.toBatchFirst(B, T, s.ip, 4 * at.dx, I, 4 * at.staging);
  return {
    dx: heap.slice(at.staging, at.staging + B * T * I),
    dh0: unpad(heap, at.dh, B, H, s.hp),
    dc0: s.kind === "lstm" ? unpad(heap, at.dc, B, H, s.hp) : null,
    dWIh: unpadRows(heap, at.dwih, s.hp, s.ip, G, H, I),
    dWHh: unpadRows(heap, at.dwhh, s.hp, s.hp, G, H, H),
    dBIh: unpadRows(heap, at.dwih + I, s.hp, s.ip, G, H, 1),
    dBHh: gru ? unpadRows(heap, at.dbh, s.hp, 1, G, H, 1) : unpadRows(heap, at.dwih + I, s.hp, s.ip, G, H, 1),
    hiddenGradNorms: norms,
  };
}

/** A [B, hp] state back to [B, H]. */
function unpad(heap: Float32Array, at: number, B: number, H: number, hp: number): Float32Array {
  return unpadRows(heap, at, B, hp, 1, B, H);
}
