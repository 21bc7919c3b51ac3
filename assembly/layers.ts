/**
 * A recurrent layer's loops over time: per step one matrix product for all gates at once and one fused
 * elementwise pass (cells.ts); backward, per step, the elementwise pass and one product that hands dh back
 * through W_hh. The caller (src/kernels/fast-kernel.ts) lays out the buffers and packs the weights.
 *
 * Threads split the batch (team.ts): the sequences of a batch never meet, so a part takes rows [r0, r1)
 * of every step through the whole loop on its own, and the threads need not wait for each other until the
 * loop ends. Buffers are time-major, [T, B, width]: a part's rows of step t are rows t·B + r0 .. t·B + r1.
 *
 * Sizes count floats, pointers are byte offsets.
 */
import { gemm, gemmLongK } from "./gemm";
import { fillRows, gruStep, gruStepBack, lstmStep, lstmStepBack, rnnStep, rnnStepBack } from "./cells";
import { partStart, parts, threads } from "./team";

/** Byte offset of row `r` of step `t` in a [T, B, width] buffer. */
@inline function at(t: i32, B: i32, r: i32, width: i32): usize {
  return (<usize>(t * B + r) * width) << 2;
}

/** x [T, B, ip] (a 1 in the column after the inputs adds the biases); h_0..h_T and c_0..c_T [T+1, B, hp]. */
export function lstmForward(
  B: i32, T: i32, hp: i32, ip: i32, x: usize, wihT: usize, whhT: usize, gates: usize, hs: usize, cs: usize, tc: usize,
  team: usize, thread: i32,
): void {
  const gp = 4 * hp, count = parts(team);
  for (let p = thread; p < count; p += threads(team)) {
    const r0 = partStart(B, p, count), rows = partStart(B, p + 1, count) - r0;
    for (let t = 0; t < T; t++) {
      const g = gates + at(t, B, r0, gp), hPrev = hs + at(t, B, r0, hp), cPrev = cs + at(t, B, r0, hp);
      // The input projection step by step: one [T·B, ip] product would write all gates to memory and
      // read them back (memory-bound when the input is narrow); here they are still in cache for the cell.
      gemm(rows, gp, ip, x + at(t, B, r0, ip), ip, 1, wihT, g, gp, false);
      gemm(rows, gp, hp, hPrev, hp, 1, whhT, g, gp, true);
      lstmStep(rows, hp, g, cPrev, cs + at(t + 1, B, r0, hp), tc + at(t, B, r0, hp), hs + at(t + 1, B, r0, hp));
    }
  }
}

/** GRU: the hidden projection (W_hh h + b_hh) goes to `hproj` [B, gp], one step's scratch; h_n is kept in `hn`. */
export function gruForward(
  B: i32, T: i32, hp: i32, ip: i32, x: usize, wihT: usize, whhT: usize, biasH: usize, hproj: usize, gates: usize, hs: usize, hn: usize,
  team: usize, thread: i32,
): void {
  const gp = 3 * hp, count = parts(team);
  for (let p = thread; p < count; p += threads(team)) {
    const r0 = partStart(B, p, count), rows = partStart(B, p + 1, count) - r0;
    const proj = hproj + at(0, B, r0, gp);
    for (let t = 0; t < T; t++) {
      const g = gates + at(t, B, r0, gp), hPrev = hs + at(t, B, r0, hp);
      gemm(rows, gp, ip, x + at(t, B, r0, ip), ip, 1, wihT, g, gp, false);
      fillRows(rows, gp, biasH, proj);
      gemm(rows, gp, hp, hPrev, hp, 1, whhT, proj, gp, true);
      gruStep(rows, hp, g, proj, hPrev, hs + at(t + 1, B, r0, hp), hn + at(t, B, r0, hp));
    }
  }
}

export function rnnForward(
  B: i32, T: i32, hp: i32, ip: i32, x: usize, wihT: usize, whhT: usize, gates: usize, hs: usize, relu: bool,
  team: usize, thread: i32,
): void {
  const count = parts(team);
  for (let p = thread; p < count; p += threads(team)) {
    const r0 = partStart(B, p, count), rows = partStart(B, p + 1, count) - r0;
    for (let t = 0; t < T; t++) {
      const g = gates + at(t, B, r0, hp);
      gemm(rows, hp, ip, x + at(t, B, r0, ip), ip, 1, wihT, g, hp, false);
      gemm(rows, hp, hp, hs + at(t, B, r0, hp), hp, 1, whhT, g, hp, true);
      rnnStep(rows * hp, g, hs + at(t + 1, B, r0, hp), relu);
    }
  }
}

/**
 * Backward through time. `dy` [T+1, B, hp]: slot t holds ∂L/∂output_{t-1} (slot 0 zeros), what reaches
 * h_{t-1} from outside the recurrence. `dh` (and `dc`) [B, hp] enter holding the gradient at h_T (c_T) and
 * leave holding it at h_0 (c_0). `squares` [T, parts] receives each part's share of ‖∂L/∂h_t‖².
 */
export function lstmBackward(
  B: i32, T: i32, hp: i32, gates: usize, cs: usize, tc: usize, dy: usize, dh: usize, dc: usize, dgates: usize, whhB: usize, squares: usize,
  team: usize, thread: i32,
): void {
  const gp = 4 * hp, count = parts(team);
  for (let p = thread; p < count; p += threads(team)) {
    const r0 = partStart(B, p, count), rows = partStart(B, p + 1, count) - r0;
    const dhp = dh + at(0, B, r0, hp), dcp = dc + at(0, B, r0, hp);
    for (let t = T - 1; t >= 0; t--) {
      const dg = dgates + at(t, B, r0, gp);
      const sq = lstmStepBack(rows, hp, gates + at(t, B, r0, gp), cs + at(t, B, r0, hp), tc + at(t, B, r0, hp), dhp, dcp, dg, dy + at(t, B, r0, hp));
      store<f32>(squares + ((<usize>(t * count + p)) << 2), sq);
      gemm(rows, hp, gp, dg, gp, 1, whhB, dhp, hp, true);
    }
  }
}

/** GRU: `dgx` and `dgh` [T, B, gp] are the gate gradients of the input and the hidden side. */
export function gruBackward(
  B: i32, T: i32, hp: i32, gates: usize, hn: usize, hs: usize, dy: usize, dh: usize, dgx: usize, dgh: usize, whhB: usize, squares: usize,
  team: usize, thread: i32,
): void {
  const gp = 3 * hp, count = parts(team);
  for (let p = thread; p < count; p += threads(team)) {
    const r0 = partStart(B, p, count), rows = partStart(B, p + 1, count) - r0;
    const dhp = dh + at(0, B, r0, hp);
    for (let t = T - 1; t >= 0; t--) {
      const dgh_t = dgh + at(t, B, r0, gp);
      const sq = gruStepBack(
        rows, hp, gates + at(t, B, r0, gp), hn + at(t, B, r0, hp), hs + at(t, B, r0, hp), dhp, dgx + at(t, B, r0, gp), dgh_t, dy + at(t, B, r0, hp),
      );
      store<f32>(squares + ((<usize>(t * count + p)) << 2), sq);
      gemm(rows, hp, gp, dgh_t, gp, 1, whhB, dhp, hp, true);
    }
  }
}

export function rnnBackward(
  B: i32, T: i32, hp: i32, hs: usize, dy: usize, dh: usize, dgates: usize, whhB: usize, squares: usize, relu: bool,
  team: usize, thread: i32,
): void {
  const count = parts(team);
  for (let p = thread; p < count; p += threads(team)) {
    const r0 = partStart(B, p, count), rows = partStart(B, p + 1, count) - r0;
    const dhp = dh + at(0, B, r0, hp);
    for (let t = T - 1; t >= 0; t--) {
      const dg = dgates + at(t, B, r0, hp);
      const sq = rnnStepBack(rows * hp, hs + at(t + 1, B, r0, hp), dhp, dg, dy + at(t, B, r0, hp), relu);
      store<f32>(squares + ((<usize>(t * count + p)) << 2), sq);
      gemm(rows, hp, hp, dg, hp, 1, whhB, dhp, hp, true);
    }
  }
}

/** `gemm` with C's rows shared out among the parts (each row is computed whole, by one part). */
export function gemmRows(
  m: i32, n: i32, k: i32, a: usize, sa: i32, sk: i32, bp: usize, c: usize, ldc: i32, add: bool, team: usize, thread: i32,
): void {
  const count = parts(team);
  for (let p = thread; p < count; p += threads(team)) {
    const r0 = partStart(m, p, count), r1 = partStart(m, p + 1, count);
    gemm(r1 - r0, n, k, a + (<usize>r0 * sa << 2), sa, sk, bp, c + (<usize>r0 * ldc << 2), ldc, add);
  }
}

/** `gemmLongK` with C's rows shared out among the parts; each thread packs into its own `work` area. */
export function gemmLongKRows(
  m: i32, n: i32, k: i32, a: usize, sa: i32, sk: i32, b: usize, sbk: i32, sbn: i32, c: usize, ldc: i32, work: usize, workSize: i32, add: bool,
  team: usize, thread: i32,
): void {
  const count = parts(team), own = work + (<usize>thread * workSize << 2);
  for (let p = thread; p < count; p += threads(team)) {
    const r0 = partStart(m, p, count), r1 = partStart(m, p + 1, count);
    gemmLongK(r1 - r0, n, k, a + (<usize>r0 * sa << 2), sa, sk, b, sbk, sbn, c + (<usize>r0 * ldc << 2), ldc, own, add);
  }
}
