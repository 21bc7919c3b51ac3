/**
 * Backpropagation through time, written out: the readable recurrent kernel.
 *
 * A recurrent layer is one cell applied T times. Its forward pass walks t = 0 .. T-1 and keeps what
 * each step computed; its backward pass walks t = T-1 .. 0 and hands the gradient of the hidden
 * state back one step at a time. Plain loops, one equation per line: clear rather than fast. The
 * layers run the fast path's kernels by default; `setRecurrentKernel("readable")` runs this one
 * instead, and every other kernel is tested against it (they all keep the contract of
 * rnn-course-contract, contract/src/recurrent-kernel.ts).
 *
 * Notation, for one sequence b of the batch at step t:
 *   a_x = W_ih x_t + b_ih        the input's contribution to every gate        [G*H]
 *   a_h = W_hh h_{t-1} + b_hh    the previous hidden state's contribution      [G*H]
 * Each cell turns (a_x, a_h) into h_t (and c_t). The backward pass turns ∂L/∂h_t into ∂L/∂a_x and
 * ∂L/∂a_h, and from those into gradients for W_ih, W_hh, both biases, x_t and h_{t-1}.
 */
import {
  CellKind,
  Dims,
  Floats,
  ForwardResult,
  GATES,
  Gradients,
  RecurrentKernel,
  Weights,
} from "rnn-course-contract";

/** The readable kernel. Generic in its float type, so tests can run it in float64. */
export const readableKernel = { forward, backward } satisfies RecurrentKernel;

/** What the forward pass keeps for the backward pass. */
interface ReadableCache<A extends Floats> {
  /** [B, H] the initial hidden state h_{-1}, which step 0's W_hh gradient needs. */
  h0: A;
  /**
   * [T, B, G*H] the gates after their nonlinearity (RNN: h_t itself; LSTM: i, f, g, o; GRU: r, z,
   * n).
   */
  gates: A;
  /** LSTM only: [T+1, B, H] cell states c_{-1} = c0, c_0, ..., c_{T-1}. */
  cells: A | null;
  /** GRU only: [T, B, H] W_hn h_{t-1} + b_hn, which the reset gate multiplies. */
  hiddenCandidate: A | null;
}

/** The forward pass over the whole sequence: t = 0 .. T-1. */
function forward<A extends Floats>(
  kind: CellKind,
  dims: Dims,
  x: A,
  h0: A,
  c0: A | null,
  w: Weights<A>,
): ForwardResult<A> {
  const { batch: B, steps: T, input: I, hidden: H } = dims;
  const GH = GATES[kind] * H;
  const output = zerosLike(x, B * T * H);
  const cache: ReadableCache<A> = {
    h0: h0.slice() as A,
    gates: zerosLike(x, T * B * GH),
    cells: kind === "lstm" ? zerosLike(x, (T + 1) * B * H) : null,
    hiddenCandidate: kind === "gru" ? zerosLike(x, T * B * H) : null,
  };
  if (cache.cells) cache.cells.set(c0 ?? zerosLike(x, B * H));
  const ax = zerosLike(x, GH);
  const ah = zerosLike(x, GH);
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      const hPrev = t === 0 ? row(h0, b, H) : row(output, b * T + t - 1, H);
      const h = row(output, b * T + t, H);
      const gates = row(cache.gates, t * B + b, GH);
      affine(ax, w.wIh, row(x, b * T + t, I), w.bIh);
      affine(ah, w.wHh, hPrev, w.bHh);
      if (kind === "lstm") {
        const cells = cache.cells as A;
        lstmStep(ax, ah, row(cells, t * B + b, H), row(cells, (t + 1) * B + b, H), h, gates);
      } else if (kind === "gru") {
        gruStep(ax, ah, hPrev, h, gates, row(cache.hiddenCandidate as A, t * B + b, H));
      } else rnnStep(kind === "rnn_relu", ax, ah, h, gates);
    }
  }
  const hN = zerosLike(x, B * H);
  for (let b = 0; b < B; b++) hN.set(row(output, b * T + T - 1, H), b * H);
  const cN = cache.cells ? (cache.cells.slice(T * B * H) as A) : null;
  return { output, hN, cN, cache };
}

// ----- one step forward, per cell: from a_x, a_h (and h_{t-1}, c_{t-1}) to h_t (and c_t) -----

function rnnStep(relu: boolean, ax: Floats, ah: Floats, h: Floats, gates: Floats): void {
  for (let j = 0; j < h.length; j++) {
    const a = ax[j] + ah[j];
    h[j] = gates[j] = relu ? Math.max(0, a) : Math.tanh(a); // h_t = tanh(a_x + a_h)
  }
}

function lstmStep(
  ax: Floats,
  ah: Floats,
  cPrev: Floats,
  c: Floats,
  h: Floats,
  gates: Floats,
): void {
  const H = h.length;
  for (let j = 0; j < H; j++) {
    const i = (gates[j] = sigmoid(ax[j] + ah[j])); //                        input gate
    const f = (gates[H + j] = sigmoid(ax[H + j] + ah[H + j])); //            forget gate
    const g = (gates[2 * H + j] = Math.tanh(ax[2 * H + j] + ah[2 * H + j])); // candidate
    const o = (gates[3 * H + j] = sigmoid(ax[3 * H + j] + ah[3 * H + j])); //  output gate
    c[j] = f * cPrev[j] + i * g; //                                          c_t = f * c_{t-1} + i * g
    h[j] = o * Math.tanh(c[j]); //                                           h_t = o * tanh(c_t)
  }
}

function gruStep(
  ax: Floats,
  ah: Floats,
  hPrev: Floats,
  h: Floats,
  gates: Floats,
  hiddenCandidate: Floats,
): void {
  const H = h.length;
  for (let j = 0; j < H; j++) {
    const r = (gates[j] = sigmoid(ax[j] + ah[j])); //                        reset gate
    const z = (gates[H + j] = sigmoid(ax[H + j] + ah[H + j])); //            update gate
    hiddenCandidate[j] = ah[2 * H + j]; //                                   W_hn h_{t-1} + b_hn
    const n = (gates[2 * H + j] = Math.tanh(ax[2 * H + j] + r * ah[2 * H + j])); // candidate
    h[j] = (1 - z) * n + z * hPrev[j]; //                                    h_t = (1 - z) * n + z * h_{t-1}
  }
}

/** Backpropagation through time: t = T-1 .. 0, handing ∂L/∂h (and ∂L/∂c) back a step at a time. */
function backward<A extends Floats>(
  kind: CellKind,
  dims: Dims,
  w: Weights<A>,
  x: A,
  fwd: ForwardResult<A>,
  dOutput: A,
  dhN: A,
  dcN: A | null,
): Gradients<A> {
  const { batch: B, steps: T, input: I, hidden: H } = dims;
  const GH = GATES[kind] * H;
  const { output } = fwd;
  const cache = fwd.cache as ReadableCache<A>;
  const grads: Gradients<A> = {
    dx: zerosLike(x, B * T * I),
    dh0: dhN.slice() as A, // ∂L/∂h_t arriving from later steps; it ends as ∂L/∂h_{-1} = ∂L/∂h0
    dc0: kind === "lstm" ? ((dcN ?? zerosLike(x, B * H)).slice() as A) : null,
    dWIh: zerosLike(x, w.wIh.length),
    dWHh: zerosLike(x, w.wHh.length),
    dBIh: zerosLike(x, GH),
    dBHh: zerosLike(x, GH),
    hiddenGradNorms: zerosLike(x, T),
  };
  const dh = zerosLike(x, H);
  const dax = zerosLike(x, GH);
  const dah = zerosLike(x, GH);
  for (let t = T - 1; t >= 0; t--) {
    let squaredNorm = 0;
    for (let b = 0; b < B; b++) {
      const fromLater = row(grads.dh0, b, H); // ∂L/∂h_t via step t+1 (or via h_N when t = T-1)
      const fromOutput = row(dOutput, b * T + t, H); // ∂L/∂h_t via the output at step t
      for (let j = 0; j < H; j++) {
        dh[j] = fromOutput[j] + fromLater[j]; // the total gradient reaching h_t
        squaredNorm += dh[j] * dh[j];
      }
      const dhPrev = fromLater.fill(0); // reused: from here on it collects ∂L/∂h_{t-1}
      const hPrev = t === 0 ? row(cache.h0, b, H) : row(output, b * T + t - 1, H);
      const gates = row(cache.gates, t * B + b, GH);
      if (kind === "lstm") {
        const cells = cache.cells as A;
        const dc = row(grads.dc0 as A, b, H);
        lstmStepBack(
          dh,
          gates,
          row(cells, t * B + b, H),
          row(cells, (t + 1) * B + b, H),
          dc,
          dax,
          dah,
        );
      } else if (kind === "gru") {
        gruStepBack(
          dh,
          gates,
          hPrev,
          row(cache.hiddenCandidate as A, t * B + b, H),
          dhPrev,
          dax,
          dah,
        );
      } else rnnStepBack(kind === "rnn_relu", dh, row(output, b * T + t, H), dax, dah);
      // a_x = W_ih x_t + b_ih  and  a_h = W_hh h_{t-1} + b_hh
      const xt = row(x, b * T + t, I);
      addOuterProduct(grads.dWIh, dax, xt);
      addInto(grads.dBIh, dax);
      addTransposedProduct(row(grads.dx, b * T + t, I), w.wIh, dax);
      addOuterProduct(grads.dWHh, dah, hPrev);
      addInto(grads.dBHh, dah);
      addTransposedProduct(dhPrev, w.wHh, dah);
    }
    grads.hiddenGradNorms[t] = Math.sqrt(squaredNorm);
  }
  return grads;
}

// ----- one step backward, per cell: from ∂L/∂h_t (and ∂L/∂c_t) to ∂L/∂a_x, ∂L/∂a_h -----

function rnnStepBack(relu: boolean, dh: Floats, h: Floats, dax: Floats, dah: Floats): void {
  for (let j = 0; j < dh.length; j++) {
    // tanh'(a) = 1 - tanh(a)² = 1 - h_t²;  relu'(a) = [h_t > 0]
    dax[j] = dah[j] = dh[j] * (relu ? (h[j] > 0 ? 1 : 0) : 1 - h[j] * h[j]);
  }
}

/** `dc` holds ∂L/∂c_t arriving from step t+1 on entry and ∂L/∂c_{t-1} on exit. */
function lstmStepBack(
  dh: Floats,
  gates: Floats,
  cPrev: Floats,
  c: Floats,
  dc: Floats,
  dax: Floats,
  dah: Floats,
): void {
  const H = dh.length;
  for (let j = 0; j < H; j++) {
    const [i, f, g, o] = [gates[j], gates[H + j], gates[2 * H + j], gates[3 * H + j]];
    const tanhC = Math.tanh(c[j]);
    const dcTotal = dc[j] + dh[j] * o * (1 - tanhC * tanhC); // c_t reaches L through h_t and through c_{t+1}
    dax[j] = dcTotal * g * i * (1 - i); //                       ∂c_t/∂i = g,       σ' = i (1 - i)
    dax[H + j] = dcTotal * cPrev[j] * f * (1 - f); //             ∂c_t/∂f = c_{t-1}
    dax[2 * H + j] = dcTotal * i * (1 - g * g); //                ∂c_t/∂g = i,       tanh' = 1 - g²
    dax[3 * H + j] = dh[j] * tanhC * o * (1 - o); //              ∂h_t/∂o = tanh(c_t)
    dc[j] = dcTotal * f; //                                       ∂c_t/∂c_{t-1} = f
  }
  dah.set(dax); // a_x and a_h are simply added, so they receive the same gradient
}

/**
 * Adds the direct path ∂h_t/∂h_{t-1} = z into `dhPrev`; the path through W_hh is added by the
 * caller.
 */
function gruStepBack(
  dh: Floats,
  gates: Floats,
  hPrev: Floats,
  hiddenCandidate: Floats,
  dhPrev: Floats,
  dax: Floats,
  dah: Floats,
): void {
  const H = dh.length;
  for (let j = 0; j < H; j++) {
    const [r, z, n] = [gates[j], gates[H + j], gates[2 * H + j]];
    dhPrev[j] += dh[j] * z; //                                    h_t = ... + z * h_{t-1}
    const dn = dh[j] * (1 - z) * (1 - n * n); //                  through n = tanh(·), weighted by 1 - z
    const dz = dh[j] * (hPrev[j] - n) * z * (1 - z); //           ∂h_t/∂z = h_{t-1} - n
    const dr = dn * hiddenCandidate[j] * r * (1 - r); //          ∂n_pre/∂r = W_hn h_{t-1} + b_hn
    dax[j] = dah[j] = dr;
    dax[H + j] = dah[H + j] = dz;
    dax[2 * H + j] = dn; //                                       n_pre = a_x,n + r * a_h,n
    dah[2 * H + j] = dn * r;
  }
}

// ----- the linear algebra, written out -----

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** A zero-filled array of the same float type as `like`. */
function zerosLike<A extends Floats>(like: A, length: number): A {
  return new (like.constructor as new (length: number) => A)(length);
}

/** Row `index` of a row-major matrix with rows of `width` numbers (a view, not a copy). */
function row<A extends Floats>(matrix: A, index: number, width: number): A {
  return matrix.subarray(index * width, (index + 1) * width) as A;
}

/** out = W v + bias, for W [rows, cols]. */
function affine(out: Floats, W: Floats, v: Floats, bias: Floats): void {
  const cols = v.length;
  for (let r = 0; r < out.length; r++) {
    let sum = bias[r];
    for (let k = 0; k < cols; k++) sum += W[r * cols + k] * v[k];
    out[r] = sum;
  }
}

/** out += Wᵀ d, for W [rows, cols]: the gradient of W v with respect to v. */
function addTransposedProduct(out: Floats, W: Floats, d: Floats): void {
  const cols = out.length;
  for (let r = 0; r < d.length; r++)
    for (let k = 0; k < cols; k++) out[k] += W[r * cols + k] * d[r];
}

/** dW += d vᵀ: the gradient of W v with respect to W. */
function addOuterProduct(dW: Floats, d: Floats, v: Floats): void {
  const cols = v.length;
  for (let r = 0; r < d.length; r++) for (let k = 0; k < cols; k++) dW[r * cols + k] += d[r] * v[k];
}

function addInto(out: Floats, d: Floats): void {
  for (let r = 0; r < out.length; r++) out[r] += d[r];
}
