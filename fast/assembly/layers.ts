/**
 * A recurrent layer's loops over time: per step one matrix product for all gates at once and one fused
 * elementwise pass (cells.ts); backward, per step, the elementwise pass and one product that hands dh back
 * through W_hh. The caller (src/kernels/fast-kernel.ts) lays out the buffers and packs the weights.
 *
 * Each function runs the batch rows [r0, r0 + rows) only: the sequences of a batch never meet, so two
 * threads can each take half the batch through the whole loop without waiting for each other (the caller
 * cuts it, src/kernels/team.ts). Buffers are time-major, [T, B, width]: those rows of step t are rows
 * t·B + r0 .. t·B + r0 + rows.
 *
 * Sizes count floats, pointers are byte offsets.
 */
import { gemm } from "./gemm";
import { fillRows, gruStep, gruStepBack, lstmStep, lstmStepBack, rnnStep, rnnStepBack } from "./cells";

/** Byte offset of row `r` of step `t` in a [T, B, width] buffer. */
@inline function at(t: i32, B: i32, r: i32, width: i32): usize {
  return (<usize>(t * B + r) * width) << 2;
}

/** x [T, B, ip] (a 1 in the column after the inputs adds the biases); h_0..h_T and c_0..c_T [T+1, B, hp]. */
export function lstmForward(
  B: i32, T: i32, hp: i32, ip: i32, x: usize, wihT: usize, whhT: usize, gates: usize, hs: usize, cs: usize, tc: usize,
  r0: i32, rows: i32,
): void {
  const gp = 4 * hp;
  for (let t = 0; t < T; t++) {
    const g = gates + at(t, B, r0, gp), hPrev = hs + at(t, B, r0, hp), cPrev = cs + at(t, B, r0, hp);
    // The input projection step by step: one [T·B, ip] product would write all gates to memory and
    // read them back (memory-bound when the input is narrow); here they are still in cache for the cell.
    gemm(rows, gp, ip, x + at(t, B, r0, ip), ip, 1, wihT, g, gp, false);
    gemm(rows, gp, hp, hPrev, hp, 1, whhT, g, gp, true);
    lstmStep(rows, hp, g, cPrev, cs + at(t + 1, B, r0, hp), tc + at(t, B, r0, hp), hs + at(t + 1, B, r0, hp));
  }
}

/** GRU: the hidden projection (W_hh h + b_hh) goes to `hproj` [B, gp], one step's scratch; h_n is kept in `hn`. */
export function gruForward(
  B: i32, T: i32, hp: i32, ip: i32, x: usize, wihT: usize, whhT: usize, biasH: usize, hproj: usize, gates: usize, hs: usize, hn: usize,
  r0: i32, rows: i32,
): void {
  const gp = 3 * hp, proj = hproj + at(0, B, r0, gp);
  for (let t = 0; t < T; t++) {
    const g = gates + at(t, B, r0, gp), hPrev = hs + at(t, B, r0, hp);
    gemm(rows, gp, ip, x + at(t, B, r0, ip), ip, 1, wihT, g, gp, false);
    fillRows(rows, gp, biasH, proj);
    gemm(rows, gp, hp, hPrev, hp, 1, whhT, proj, gp, true);
    gruStep(rows, hp, g, proj, hPrev, hs + at(t + 1, B, r0, hp), hn + at(t, B, r0, hp));
  }
}

export function rnnForward(
  B: i32, T: i32, hp: i32, ip: i32, x: usize, wihT: usize, whhT: usize, gates: usize, hs: usize, relu: bool,
  r0: i32, rows: i32,
): void {
  for (let t = 0; t < T; t++) {
    const g = gates + at(t, B, r0, hp);
    gemm(rows, hp, ip, x + at(t, B, r0, ip), ip, 1, wihT, g, hp, false);
    gemm(rows, hp, hp, hs + at(t, B, r0, hp), hp, 1, whhT, g, hp, true);
    rnnStep(rows * hp, g, hs + at(t + 1, B, r0, hp), relu);
  }
}

/**
 * Backward through time. `dy` [T+1, B, hp]: slot t holds ∂L/∂output_{t-1} (slot 0 zeros), what reaches
 * h_{t-1} from outside the recurrence. `dh` (and `dc`) [B, hp] enter holding the gradient at h_T (c_T) and
 * leave holding it at h_0 (c_0). `squares` [T] receives these rows' share of ‖∂L/∂h_t‖².
 */
export function lstmBackward(
  B: i32, T: i32, hp: i32, gates: usize, cs: usize, tc: usize, dy: usize, dh: usize, dc: usize, dgates: usize, whhB: usize, squares: usize,
  r0: i32, rows: i32,
): void {
  const gp = 4 * hp, dhp = dh + at(0, B, r0, hp), dcp = dc + at(0, B, r0, hp);
  for (let t = T - 1; t >= 0; t--) {
    const dg = dgates + at(t, B, r0, gp);
    const sq = lstmStepBack(rows, hp, gates + at(t, B, r0, gp), cs + at(t, B, r0, hp), tc + at(t, B, r0, hp), dhp, dcp, dg, dy + at(t, B, r0, hp));
    store<f32>(squares + (<usize>t << 2), sq);
    gemm(rows, hp, gp, dg, gp, 1, whhB, dhp, hp, true);
  }
}

/** GRU: `dgx` and `dgh` [T, B, gp] are the gate gradients of the input and the hidden side. */
export function gruBackward(
  B: i32, T: i32, hp: i32, gates: usize, hn: usize, hs: usize, dy: usize, dh: usize, dgx: usize, dgh: usize, whhB: usize, squares: usize,
  r0: i32, rows: i32,
): void {
  const gp = 3 * hp, dhp = dh + at(0, B, r0, hp);
  for (let t = T - 1; t >= 0; t--) {
    const dgh_t = dgh + at(t, B, r0, gp);
    const sq = gruStepBack(
      rows, hp, gates + at(t, B, r0, gp), hn + at(t, B, r0, hp), hs + at(t, B, r0, hp), dhp, dgx + at(t, B, r0, gp), dgh_t, dy + at(t, B, r0, hp),
    );
    store<f32>(squares + (<usize>t << 2), sq);
    gemm(rows, hp, gp, dgh_t, gp, 1, whhB, dhp, hp, true);
  }
}

export function rnnBackward(
  B: i32, T: i32, hp: i32, hs: usize, dy: usize, dh: usize, dgates: usize, whhB: usize, squares: usize, relu: bool,
  r0: i32, rows: i32,
): void {
  const dhp = dh + at(0, B, r0, hp);
  for (let t = T - 1; t >= 0; t--) {
    const dg = dgates + at(t, B, r0, hp);
    const sq = rnnStepBack(rows * hp, hs + at(t + 1, B, r0, hp), dhp, dg, dy + at(t, B, r0, hp), relu);
    store<f32>(squares + (<usize>t << 2), sq);
    gemm(rows, hp, hp, dg, hp, 1, whhB, dhp, hp, true);
  }
}
