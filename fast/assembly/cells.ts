/**
 * One time step of each cell, forward and backward, over a whole batch: the elementwise half of a
 * recurrent layer (the other half is one `gemm` per step). Buffers are row-major [rows, hp] with hp a
 * multiple of 4; gate blocks sit side by side in PyTorch order (LSTM i,f,g,o; GRU r,z,n).
 * Forward steps overwrite the gate pre-activations with the activations the backward step needs.
 * Backward steps take dh, the total gradient reaching h_t, write the gate gradients, leave in dh the part
 * of dh_{t-1} that does not go through W_hh (`seed` = ∂L/∂output_{t-1}, plus z·dh for the GRU) and return
 * ‖dh_t‖² so the caller can report how gradients fade through time.
 */
import { ones, oneMinusSquare, sigmoidSlope, sigmoidv, tanhv } from "./math";

/** c = f·c_prev + i·g, h = o·tanh(c). Also keeps tanh(c) for the backward step. */
export function lstmStep(rows: i32, hp: i32, gates: usize, cPrev: usize, c: usize, tc: usize, h: usize): void {
  const block = <usize>hp << 2;
  for (let r = 0; r < rows; r++) {
    for (let j: usize = 0; j < block; j += 16) {
      const gi = gates + j;
      const i = sigmoidv(v128.load(gi)), f = sigmoidv(v128.load(gi + block));
      const g = tanhv(v128.load(gi + 2 * block)), o = sigmoidv(v128.load(gi + 3 * block));
      v128.store(gi, i); v128.store(gi + block, f); v128.store(gi + 2 * block, g); v128.store(gi + 3 * block, o);
      const cj = f32x4.add(f32x4.mul(f, v128.load(cPrev + j)), f32x4.mul(i, g));
      const t = tanhv(cj);
      v128.store(c + j, cj); v128.store(tc + j, t); v128.store(h + j, f32x4.mul(o, t));
    }
    gates += 4 * block; cPrev += block; c += block; tc += block; h += block;
  }
}

/** dc (in: from step t+1, out: for step t-1) flows through the forget gate; dgates are pre-activation. */
export function lstmStepBack(
  rows: i32, hp: i32, gates: usize, cPrev: usize, tc: usize, dh: usize, dc: usize, dgates: usize, seed: usize,
): f32 {
  const block = <usize>hp << 2;
  let sq = f32x4.splat(0);
  for (let r = 0; r < rows; r++) {
    for (let j: usize = 0; j < block; j += 16) {
      const gi = gates + j, dg = dgates + j;
      const i = v128.load(gi), f = v128.load(gi + block), g = v128.load(gi + 2 * block), o = v128.load(gi + 3 * block);
      const d = v128.load(dh + j), t = v128.load(tc + j);
      sq = f32x4.add(sq, f32x4.mul(d, d));
      const dct = f32x4.add(v128.load(dc + j), f32x4.mul(f32x4.mul(d, o), oneMinusSquare(t)));
      v128.store(dg, f32x4.mul(f32x4.mul(dct, g), sigmoidSlope(i)));
      v128.store(dg + block, f32x4.mul(f32x4.mul(dct, v128.load(cPrev + j)), sigmoidSlope(f)));
      v128.store(dg + 2 * block, f32x4.mul(f32x4.mul(dct, i), oneMinusSquare(g)));
      v128.store(dg + 3 * block, f32x4.mul(f32x4.mul(d, t), sigmoidSlope(o)));
      v128.store(dc + j, f32x4.mul(dct, f));
      v128.store(dh + j, v128.load(seed + j));
    }
    gates += 4 * block; dgates += 4 * block; cPrev += block; tc += block; dh += block; dc += block; seed += block;
  }
  return horizontalSum(sq);
}

/**
 * r = σ(x_r + h_r), z = σ(x_z + h_z), n = tanh(x_n + r·h_n), h = (1 - z)·n + z·h_prev, where `gates` holds
 * the input projections (W_ih x + b_ih) and `hproj` the hidden ones (W_hh h_prev + b_hh). Keeps h_n.
 */
export function gruStep(rows: i32, hp: i32, gates: usize, hproj: usize, hPrev: usize, h: usize, hn: usize): void {
  const block = <usize>hp << 2;
  for (let r = 0; r < rows; r++) {
    for (let j: usize = 0; j < block; j += 16) {
      const gi = gates + j, hj = hproj + j;
      const rg = sigmoidv(f32x4.add(v128.load(gi), v128.load(hj)));
      const z = sigmoidv(f32x4.add(v128.load(gi + block), v128.load(hj + block)));
      const hnj = v128.load(hj + 2 * block);
      const n = tanhv(f32x4.add(v128.load(gi + 2 * block), f32x4.mul(rg, hnj)));
      v128.store(gi, rg); v128.store(gi + block, z); v128.store(gi + 2 * block, n); v128.store(hn + j, hnj);
      const hj0 = v128.load(hPrev + j);
      v128.store(h + j, f32x4.add(n, f32x4.mul(z, f32x4.sub(hj0, n))));
    }
    gates += 3 * block; hproj += 3 * block; hPrev += block; h += block; hn += block;
  }
}

/** Gate gradients for the input side (dgx) and the hidden side (dgh): they differ in the n block by r. */
export function gruStepBack(
  rows: i32, hp: i32, gates: usize, hn: usize, hPrev: usize, dh: usize, dgx: usize, dgh: usize, seed: usize,
): f32 {
  const block = <usize>hp << 2;
  let sq = f32x4.splat(0);
  for (let r = 0; r < rows; r++) {
    for (let j: usize = 0; j < block; j += 16) {
      const gi = gates + j;
      const rg = v128.load(gi), z = v128.load(gi + block), n = v128.load(gi + 2 * block);
      const d = v128.load(dh + j);
      sq = f32x4.add(sq, f32x4.mul(d, d));
      const dn = f32x4.mul(f32x4.mul(d, f32x4.sub(ones(), z)), oneMinusSquare(n));
      const dr = f32x4.mul(f32x4.mul(dn, v128.load(hn + j)), sigmoidSlope(rg));
      const dz = f32x4.mul(f32x4.mul(d, f32x4.sub(v128.load(hPrev + j), n)), sigmoidSlope(z));
      v128.store(dgx + j, dr); v128.store(dgx + j + block, dz); v128.store(dgx + j + 2 * block, dn);
      v128.store(dgh + j, dr); v128.store(dgh + j + block, dz); v128.store(dgh + j + 2 * block, f32x4.mul(dn, rg));
      v128.store(dh + j, f32x4.add(v128.load(seed + j), f32x4.mul(d, z)));
    }
    gates += 3 * block; dgx += 3 * block; dgh += 3 * block; hn += block; hPrev += block; dh += block; seed += block;
  }
  return horizontalSum(sq);
}

/** h = tanh(pre) or max(pre, 0), over `count` floats (count a multiple of 4). */
export function rnnStep(count: i32, pre: usize, h: usize, relu: bool): void {
  const end = pre + (<usize>count << 2);
  for (; pre < end; pre += 16, h += 16) {
    const x = v128.load(pre);
    v128.store(h, relu ? f32x4.pmax(x, f32x4.splat(0)) : tanhv(x));
  }
}

/** dpre = dh·tanh'(pre) (from h = tanh(pre)) or dh·[h > 0]. */
export function rnnStepBack(count: i32, h: usize, dh: usize, dpre: usize, seed: usize, relu: bool): f32 {
  const end = h + (<usize>count << 2);
  let sq = f32x4.splat(0);
  for (; h < end; h += 16, dh += 16, dpre += 16, seed += 16) {
    const y = v128.load(h), d = v128.load(dh);
    sq = f32x4.add(sq, f32x4.mul(d, d));
    const slope = relu ? v128.and(f32x4.gt(y, f32x4.splat(0)), ones()) : oneMinusSquare(y);
    v128.store(dpre, f32x4.mul(d, slope));
    v128.store(dh, v128.load(seed));
  }
  return horizontalSum(sq);
}

/** Every row of dst[rows, n] set to vec[n] (bias broadcast before a gemm accumulates onto it). */
export function fillRows(rows: i32, n: i32, vec: usize, dst: usize): void {
  const bytes = <usize>n << 2;
  for (let r = 0; r < rows; r++, dst += bytes) memory.copy(dst, vec, bytes);
}

/** dst[n] += column sums of src[rows, n] (bias gradients). */
export function addColumnSums(rows: i32, n: i32, src: usize, dst: usize): void {
  const bytes = <usize>n << 2;
  for (let r = 0; r < rows; r++, src += bytes) {
    for (let j: usize = 0; j < bytes; j += 16) v128.store(dst + j, f32x4.add(v128.load(dst + j), v128.load(src + j)));
  }
}

function horizontalSum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/** First free byte after the module's own data: where the caller may start laying out buffers. */
export function heapBase(): usize {
  return __heap_base;
}

