/**
 * The course's diagrams, drawn from code (./diagram) in the lectures' notation: the unrolled RNN
 * (lecture 03), the gradient paths of backpropagation through time (04), the LSTM and GRU cells
 * with PyTorch's equations and gate order (06), and the encoder–decoder (07). Each returns a
 * vega-lite spec: `await show(lstmCellDiagram())`.
 */
import type { TopLevelSpec } from "vega-lite";
import { check, checkOptions } from "../errors";
import { Diagram, Point, Shape, fills, gradientColor } from "./diagram";
import { blue } from "./spec";

export interface UnrolledRNNOptions {
  /**
   * "rnn" (default): the vanilla RNN cell, hₜ = tanh(...), yₜ = Wₒhₜ + bₒ. "mlp-rnn": lecture 03's
   * first model, (yₜ, hₜ₊₁) = f(xₜ, hₜ; θ), an MLP that reads the memory and writes the next one.
   */
  cell?: "rnn" | "mlp-rnn";
  /** Time steps drawn after unrolling, 2 to 5 (default 3). */
  steps?: number;
}

/** What the two drawings of unrolledRNNDiagram write where: labels in the lectures' notation. */
const UNROLLED = {
  rnn: {
    title: "A recurrent network, folded and unrolled over time",
    cell: (t: string) => `h_${t}`,
    initial: "h_{-1} = 0",
    input: "W_{ih}",
    output: "W_o",
    loop: "W_{hh}, one step later",
    /** The label of the arrow into step t, and of the one leaving the last step. */
    into: (_t: number) => "W_{hh}",
    out: (_steps: number) => "",
    equation:
      "h_t = tanh(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh});  y_t = W_o h_t + b_o;  the same weights at every step",
  },
  "mlp-rnn": {
    title: "The MLP-RNN, folded and unrolled over time",
    cell: (_t: string) => "f",
    initial: "h_0 = 0",
    input: "",
    output: "",
    loop: "memory, one step later",
    into: (t: number) => (t === 0 ? "" : `h_{${t}}`),
    out: (steps: number) => `h_{${steps}}`,
    equation:
      "(y_t, h_{t+1}) = f(x_t, h_t; θ): one MLP, the same θ at every step; y_t predicts x_{t+1}",
  },
};

/**
 * A recurrent network folded (one cell and a loop) and unrolled over time (the same weights at
 * every step).
 */
export function unrolledRNNDiagram(options: UnrolledRNNOptions = {}): TopLevelSpec {
  checkOptions(options, ["cell", "steps"], "unrolledRNNDiagram options");
  const { cell = "rnn", steps = 3 } = options;
  check(cell === "rnn" || cell === "mlp-rnn", "options.cell", '"rnn" or "mlp-rnn"', cell);
  check(
    Number.isInteger(steps) && steps >= 2 && steps <= 5,
    "options.steps",
    "an integer from 2 to 5",
    steps,
  );
  const v = UNROLLED[cell];
  const [gap, first] = [130, 350];
  const d = new Diagram(first + gap * steps + 40, 330, v.title);
  const [top, middle, bottom] = [50, 150, 250];
  const cellBox = (x: number, t: string) =>
    d.box(x, middle, v.cell(t), { fill: fills.state, width: 64, height: 46, fontSize: 20 });

  // Folded: one cell, its state fed back to itself one step later.
  const folded = cellBox(90, "t");
  const x = d.box(90, bottom, "x_t", { fill: fills.input });
  const y = d.box(90, top, "y_t", { fill: fills.output });
  d.arrow([x.top, folded.bottom], { label: v.input, labelAt: [72, 203], labelAlign: "right" });
  d.arrow([folded.top, y.bottom], { label: v.output, labelAt: [72, 97], labelAlign: "right" });
  const loop: Point[] = [
    folded.right,
    [160, middle],
    [160, middle - 50],
    [112, middle - 50],
    [112, folded.top[1]],
  ];
  d.arrow(loop, { color: blue, label: v.loop, labelAt: [168, middle - 62], labelAlign: "left" });
  d.text(215, middle - 12, "unroll", { size: 13, italic: true });
  d.arrow(
    [
      [190, middle],
      [240, middle],
    ],
    { color: "#555555", width: 2.5 },
  );

  // Unrolled: the same cell at every step, the state handed from one to the next.
  d.text(first - 10, middle, v.initial, { align: "right", color: blue });
  let previous: Point = [first - 4, middle];
  for (let t = 0; t < steps; t++) {
    const cx = first + 60 + gap * t;
    const box = cellBox(cx, String(t));
    const input = d.box(cx, bottom, `x_${t}`, { fill: fills.input });
    const output = d.box(cx, top, `y_${t}`, { fill: fills.output });
    d.arrow([input.top, box.bottom], {
      label: v.input,
      labelAt: [cx + 8, 203],
      labelAlign: "left",
    });
    d.arrow([box.top, output.bottom], {
      label: v.output,
      labelAt: [cx + 8, 97],
      labelAlign: "left",
    });
    d.arrow([previous, box.left], {
      color: blue,
      label: v.into(t),
      labelAt: [(previous[0] + box.left[0]) / 2, middle - 12],
    });
    previous = box.right;
  }
  d.arrow([previous, [previous[0] + 40, middle]], {
    color: blue,
    label: v.out(steps),
    labelAt: [previous[0] + 22, middle - 12],
  });
  d.text(previous[0] + 50, middle, "…", { align: "left" });
  d.text(20, 305, v.equation, { align: "left", size: 14 });
  return d.spec();
}

/**
 * Backpropagation through time for a vanilla RNN over 3 steps: the forward chain (grey, blue), and
 * the paths the gradient takes back (red): from each loss term ℓₜ into hₜ, and from hₜ₊₁ back into
 * hₜ through Wₕₕᵀ and tanh's derivative. Every step also adds its own term to the gradient of the
 * shared Wₕₕ.
 */
export function bpttDiagram(): TopLevelSpec {
  const d = new Diagram(880, 400, "Backpropagation through time: the paths of the gradient");
  const [lossRow, stateRow, inputRow] = [60, 185, 290];
  const xs = [270, 510, 750];
  d.text(20, 18, "forward: grey and blue arrows", { align: "left", color: "#555555", bold: true });
  d.text(300, 18, "backward, the gradient: red arrows", {
    align: "left",
    color: gradientColor,
    bold: true,
  });
  d.text(150, stateRow, "h_{-1} = 0", { align: "right", color: blue });
  let previous: Point = [158, stateRow];
  let previousState: Shape | undefined;
  xs.forEach((x, t) => {
    const loss = d.box(x, lossRow, `ℓ_${t}`, { fill: fills.loss });
    const h = d.box(x, stateRow, `h_${t}`, { width: 64, height: 46, fontSize: 20 });
    const input = d.box(x, inputRow, `x_${t}`, { fill: fills.input });
    d.arrow([input.top, h.bottom], { label: "W_{ih}", labelAt: [x + 8, 246], labelAlign: "left" });
    // Forward to the loss on the left half of the gap, the gradient back down on the right half.
    d.arrow([
      [x - 10, h.top[1]],
      [x - 10, loss.bottom[1]],
    ]);
    d.arrow(
      [
        [x + 10, loss.bottom[1]],
        [x + 10, h.top[1]],
      ],
      {
        color: gradientColor,
        label: `∂ℓ_${t}/∂h_${t}`,
        labelAt: [x + 18, 120],
        labelAlign: "left",
      },
    );
    d.text(x + 40, stateRow - 30, `δ_${t}`, { color: gradientColor, size: 16, bold: true });
    // Forward along the top of the chain, the gradient back along its bottom.
    d.arrow(
      [
        [previous[0], stateRow - 8],
        [h.left[0], stateRow - 8],
      ],
      { color: blue, label: "W_{hh}", labelAt: [(previous[0] + h.left[0]) / 2, stateRow - 20] },
    );
    if (previousState) {
      d.arrow(
        [
          [h.left[0], stateRow + 10],
          [previousState.right[0], stateRow + 10],
        ],
        {
          color: gradientColor,
          label: `× W_{hh}^T diag(1 − h_${t}^2)`,
          labelAt: [(previousState.right[0] + h.left[0]) / 2, stateRow + 28],
        },
      );
    }
    previous = h.right;
    previousState = h;
  });
  d.text(xs[2] + 60, stateRow - 8, "δ_3 = 0", { align: "left", color: gradientColor });
  const rows = [
    "δ_t = ∂L/∂h_t = ∂ℓ_t/∂h_t + W_{hh}^T (δ_{t+1} ⊙ (1 − h_{t+1}^2)):  the loss at step t, and everything after t",
    "∂L/∂W_{hh} = Σ_t (δ_t ⊙ (1 − h_t^2)) h_{t-1}^T:  the weights are shared, so every step adds a term",
    "ℓ_2 reaches h_0 through two red steps back: one factor W_{hh}^T diag(1 − h^2) per step crossed",
  ];
  rows.forEach((row, i) => d.text(20, 335 + 22 * i, row, { align: "left", size: 14 }));
  return d.spec();
}

/**
 * One LSTM step with PyTorch's equations: three gates and a candidate, the cell state along the
 * top.
 */
export function lstmCellDiagram(): TopLevelSpec {
  const d = new Diagram(820, 480, "The LSTM cell: one step");
  const [cellRow, gateRow, busRow] = [80, 250, 320];
  d.region(195, 40, 525, 315, "LSTM cell");
  d.text(30, cellRow, "c_{t-1}", { align: "left", size: 16 });
  d.text(30, busRow, "h_{t-1}", { align: "left", size: 16 });
  const forgetTimes = d.circle(260, cellRow, "⊙");
  const plus = d.circle(430, cellRow, "+");
  const cellLine = { color: blue, width: 3 };
  d.arrow([[85, cellRow], forgetTimes.left], cellLine);
  d.arrow([forgetTimes.right, plus.left], cellLine);
  d.arrow([plus.right, [780, cellRow]], {
    ...cellLine,
    label: "c_t",
    labelAt: [790, cellRow],
    labelAlign: "left",
  });

  const gate = (x: number, fn: string, name: string) => {
    const box = d.box(x, gateRow, fn, { fill: fills.gate, width: fn === "tanh" ? 60 : 44 });
    d.text(x, busRow + 16, name, { size: 12, color: "#555555" });
    d.arrow([[x, busRow], box.bottom]);
    return box;
  };
  const f = gate(260, "σ", "forget");
  const i = gate(345, "σ", "input");
  const g = gate(430, "tanh", "candidate");
  const o = gate(560, "σ", "output");
  d.arrow([f.top, forgetTimes.bottom], { label: "f_t", labelAt: [248, 170], labelAlign: "right" });
  const inputTimes = d.circle(430, 160, "⊙");
  d.arrow([i.top, [345, 160], inputTimes.left], {
    label: "i_t",
    labelAt: [337, 200],
    labelAlign: "right",
  });
  d.arrow([g.top, inputTimes.bottom], { label: "g_t", labelAt: [440, 200], labelAlign: "left" });
  d.arrow([inputTimes.top, plus.bottom]);
  const squash = d.box(650, 140, "tanh", { fill: fills.op, width: 50, height: 28, fontSize: 14 });
  d.arrow([[650, cellRow], squash.top]);
  const outputTimes = d.circle(650, 205, "⊙");
  d.arrow([squash.bottom, outputTimes.top]);
  d.arrow([o.top, [560, 205], outputTimes.left], {
    label: "o_t",
    labelAt: [572, 190],
    labelAlign: "left",
  });
  d.arrow([outputTimes.bottom, [650, busRow], [780, busRow]], {
    color: blue,
    width: 2,
    label: "h_t",
    labelAt: [790, busRow],
    labelAlign: "left",
  });

  d.arrow(
    [
      [85, busRow],
      [560, busRow],
    ],
    { head: false },
  );
  d.text(150, 400, "x_t", { size: 16 });
  d.arrow([
    [150, 385],
    [150, busRow],
  ]);
  const rows = [
    "[i_t, f_t, g_t, o_t] = [σ, σ, tanh, σ](W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh}):  four blocks, stacked in PyTorch's order i, f, g, o",
    "c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t;    h_t = o_t ⊙ tanh(c_t);    ⊙ multiplies element by element",
    "Along the cell state (blue), ∂c_t/∂c_{t-1} = diag(f_t): no weight matrix, no tanh′ on the way back",
  ];
  rows.forEach((row, k) => d.text(20, 425 + 20 * k, row, { align: "left", size: 13 }));
  return d.spec();
}

/**
 * One GRU step with PyTorch's equations (the reset gate scales Wₕₙhₜ₋₁ + bₕₙ, after the product).
 */
export function gruCellDiagram(): TopLevelSpec {
  const d = new Diagram(820, 480, "The GRU cell: one step");
  const [stateRow, busRow] = [80, 330];
  d.region(195, 40, 525, 325, "GRU cell");
  d.text(30, stateRow, "h_{t-1}", { align: "left", size: 16 });
  const keep = d.circle(270, stateRow, "⊙");
  const plus = d.circle(560, stateRow, "+");
  const stateLine = { color: blue, width: 3 };
  d.arrow([[85, stateRow], keep.left], stateLine);
  d.arrow([keep.right, plus.left], stateLine);
  d.arrow([plus.right, [780, stateRow]], {
    ...stateLine,
    label: "h_t",
    labelAt: [790, stateRow],
    labelAlign: "left",
  });
  d.arrow(
    [
      [120, stateRow],
      [120, busRow],
      [560, busRow],
    ],
    { head: false },
  );
  d.text(170, 400, "x_t", { size: 16 });
  d.arrow([
    [170, 385],
    [170, busRow],
  ]);

  const gate = (x: number, name: string) => {
    const box = d.box(x, 250, "σ", { fill: fills.gate, width: 44 });
    d.text(x, busRow + 16, name, { size: 12, color: "#555555" });
    d.arrow([[x, busRow], box.bottom]);
    return box;
  };
  const z = gate(270, "update");
  const r = gate(340, "reset");
  d.arrow([z.top, keep.bottom], { label: "z_t", labelAt: [258, 200], labelAlign: "right" });
  const oneMinus = d.circle(400, 150, "1−", { fontSize: 13, diameter: 30 });
  d.arrow([[270, 150], oneMinus.left]);
  const mix = d.circle(560, 150, "⊙");
  d.arrow([oneMinus.right, mix.left], { label: "1 − z_t", labelAt: [480, 140] });

  const hidden = d.box(445, 270, "W_{hn} h_{t-1} + b_{hn}", {
    fill: fills.op,
    width: 130,
    height: 30,
    fontSize: 13,
  });
  d.arrow([[445, busRow], hidden.bottom]);
  const reset = d.circle(445, 205, "⊙");
  d.arrow([hidden.top, reset.bottom]);
  d.arrow([r.top, [340, 205], reset.left], {
    label: "r_t",
    labelAt: [350, 192],
    labelAlign: "left",
  });
  const candidate = d.box(560, 205, "tanh", { fill: fills.gate, width: 60 });
  d.arrow([reset.right, candidate.left]);
  d.arrow([[560, busRow], candidate.bottom], {
    label: "W_{in} x_t + b_{in}",
    labelAt: [570, 290],
    labelAlign: "left",
  });
  d.arrow([candidate.top, mix.bottom], { label: "n_t", labelAt: [570, 175], labelAlign: "left" });
  d.arrow([mix.top, plus.bottom]);
  const rows = [
    "[r_t, z_t] = σ(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh}), first two blocks:  PyTorch stacks them in the order r, z, n",
    "n_t = tanh(W_{in} x_t + b_{in} + r_t ⊙ (W_{hn} h_{t-1} + b_{hn}));    h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}",
    "Along the top (blue), ∂h_t/∂h_{t-1} contains diag(z_t): with z_t near 1 the state is copied forward",
  ];
  rows.forEach((row, k) => d.text(20, 425 + 20 * k, row, { align: "left", size: 13 }));
  return d.spec();
}

/**
 * The encoder–decoder of lecture 07: the encoder reads the input window and hands its final state
 * to the decoder, which writes one value per step through a linear head and reads each of its
 * predictions back.
 */
export function encoderDecoderDiagram(): TopLevelSpec {
  const d = new Diagram(880, 390, "Encoder–decoder: read a window, write the future");
  const [outputRow, cellRow, inputRow] = [60, 170, 270];
  d.region(20, 95, 340, 220, "encoder");
  d.region(400, 95, 460, 220, "decoder");
  const cell = (x: number, label: string) =>
    d.box(x, cellRow, label, { width: 64, height: 44, fontSize: 15 });
  const stateArrow = { color: blue, width: 2 };

  d.text(40, cellRow, "0", { color: blue });
  let previous: Point = [50, cellRow];
  ["x_{t-2}", "x_{t-1}", "x_t"].forEach((label, k) => {
    const x = 110 + 100 * k;
    const box = cell(x, "LSTM");
    const input = d.box(x, inputRow, label, { fill: fills.input, width: 60 });
    d.arrow([input.top, box.bottom]);
    d.arrow([previous, box.left], stateArrow);
    previous = box.right;
  });
  const decoderX = [500, 640, 780];
  const first = cell(decoderX[0], "LSTM");
  d.arrow([previous, first.left], {
    ...stateArrow,
    width: 3,
    label: "h^{enc}, c^{enc}",
    labelAt: [(previous[0] + first.left[0]) / 2, cellRow - 16],
  });

  let lastOutput: Shape | undefined;
  decoderX.forEach((x, k) => {
    const box = k === 0 ? first : cell(x, "LSTM");
    if (k > 0) d.arrow([[decoderX[k - 1] + 32, cellRow], box.left], stateArrow);
    const output = d.box(x, outputRow, `ŷ_${k + 1}`, { fill: fills.output });
    d.arrow(
      [box.top, output.bottom],
      k === 0 ? { label: "W h + b", labelAt: [x + 10, 122], labelAlign: "left" } : {},
    );
    const input = d.box(x, inputRow, k === 0 ? "ŷ_0 = x_t" : `ŷ_${k}`, {
      fill: k === 0 ? fills.input : fills.output,
      width: k === 0 ? 84 : 56,
    });
    d.arrow([input.top, box.bottom]);
    if (lastOutput) {
      const bend = x - 70;
      d.arrow([lastOutput.right, [bend, outputRow], [bend, inputRow], input.left], {
        dashed: true,
        color: "#e07b00",
      });
    }
    lastOutput = output;
  });
  const rows = [
    "The encoder reads the window and keeps only its final state; the decoder starts from it and writes one value per step.",
    "h_0^{dec} = h^{enc};   h_k^{dec} = LSTM(ŷ_{k-1}, h_{k-1}^{dec});   ŷ_k = W h_k^{dec} + b;   ŷ_0 = x_t, the last value read",
    "Dashed: each prediction is the decoder's next input, in training too (no teacher forcing)",
  ];
  rows.forEach((row, k) => d.text(20, 335 + 20 * k, row, { align: "left", size: 13 }));
  return d.spec();
}
