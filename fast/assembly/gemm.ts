/**
 * Matrix products for the recurrent kernels: C = A·B or C += A·B in float32, 128-bit SIMD.
 *
 * B is packed once into column panels of 8 (the last one 4 wide when N % 8 == 4): panel p holds columns
 * 8p.. as [K][8] contiguous floats, so the inner loop reads B sequentially. A is read in place through two
 * strides (row stride `sa`, k stride `sk`), which covers both A and Aᵀ without copying. The register tile is
 * 4 rows × 8 columns: 8 accumulators + 2 B vectors + 1 broadcast A value fit the 16 SIMD registers (a 6×8
 * tile spills and runs ~40% slower here). Multiply then add, no FMA: results do not depend on the CPU.
 * All sizes are in floats; N must be a multiple of 4. `add` chooses C += A·B (true) or C = A·B (false,
 * which spares zeroing C first).
 */

/** Rows of B packed per block in `gemmLongK`: a block of 8-wide panels stays in L1/L2 while used. */
const KC = 256;
/** Rows of C finished before the next ones start, so a tall C (all T·B rows) is written once, not per panel. */
const MC = 64;

export function packB(k: i32, n: i32, src: usize, sk: i32, sn: i32, dst: usize): void {
  const skB = <usize>sk << 2, snB = <usize>sn << 2;
  for (let j = 0; j < n; j += 8) {
    const w = min(8, n - j);
    let out = dst + (<usize>j * k << 2);
    let row = src + <usize>j * snB;
    for (let p = 0; p < k; p++) {
      if (sn == 1) {
        v128.store(out, v128.load(row));
        if (w == 8) v128.store(out, v128.load(row, 16), 16);
      } else {
        for (let q = 0; q < w; q++) store<f32>(out + (<usize>q << 2), load<f32>(row + <usize>q * snB));
      }
      out += <usize>w << 2;
      row += skB;
    }
  }
}

/** C[m×n] (+)= A[m×k]·B where B was packed by `packB`; A(i, p) lives at a + 4·(i·sa + p·sk). */
export function gemm(m: i32, n: i32, k: i32, a: usize, sa: i32, sk: i32, bp: usize, c: usize, ldc: i32, add: bool): void {
  const saB = <usize>sa << 2, skB = <usize>sk << 2, ldcB = <usize>ldc << 2;
  for (let i0 = 0; i0 < m; i0 += MC) {
    const i1 = min(m, i0 + MC), i4 = i0 + ((i1 - i0) & ~3);
    for (let j = 0; j < n; j += 8) {
      const panel = bp + (<usize>j * k << 2);
      const cj = c + (<usize>j << 2);
      let i = i0;
      if (n - j >= 8) {
        for (; i < i4; i += 4) tile4x8(k, a + <usize>i * saB, saB, skB, panel, cj + <usize>i * ldcB, ldcB, add);
        for (; i < i1; i++) tile1x8(k, a + <usize>i * saB, skB, panel, cj + <usize>i * ldcB, add);
      } else {
        for (; i < i4; i += 4) tile4x4(k, a + <usize>i * saB, saB, skB, panel, cj + <usize>i * ldcB, ldcB, add);
        for (; i < i1; i++) tile1x4(k, a + <usize>i * saB, skB, panel, cj + <usize>i * ldcB, add);
      }
    }
  }
}

/**
 * `gemm` for a long inner dimension (weight gradients sum over all T·B rows): B is packed KC rows at a
 * time into `work` (n·KC floats), so the panels and the rows of A they meet stay in cache.
 */
export function gemmLongK(
  m: i32, n: i32, k: i32, a: usize, sa: i32, sk: i32, b: usize, sbk: i32, sbn: i32, c: usize, ldc: i32, work: usize, add: bool,
): void {
  for (let p = 0; p < k; p += KC) {
    const kl = min(KC, k - p);
    packB(kl, n, b + (<usize>p * sbk << 2), sbk, sbn, work);
    gemm(m, n, kl, a + (<usize>p * sk << 2), sa, sk, work, c, ldc, add || p > 0);
  }
}

@inline function madd(acc: v128, a: v128, b: v128): v128 {
  return f32x4.add(acc, f32x4.mul(a, b));
}

@inline function put(c: usize, acc: v128, add: bool): void {
  v128.store(c, add ? f32x4.add(v128.load(c), acc) : acc);
}

@inline function tile4x8(k: i32, a: usize, sa: usize, sk: usize, b: usize, c: usize, ldc: usize, add: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let a0 = a, a1 = a + sa, a2 = a + 2 * sa, a3 = a + 3 * sa;
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let x = v128.load32_splat(a0);
    c00 = madd(c00, x, b0); c01 = madd(c01, x, b1);
    x = v128.load32_splat(a1);
    c10 = madd(c10, x, b0); c11 = madd(c11, x, b1);
    x = v128.load32_splat(a2);
    c20 = madd(c20, x, b0); c21 = madd(c21, x, b1);
    x = v128.load32_splat(a3);
    c30 = madd(c30, x, b0); c31 = madd(c31, x, b1);
    a0 += sk; a1 += sk; a2 += sk; a3 += sk; b += 32;
  }
  put(c, c00, add); put(c + 16, c01, add); c += ldc;
  put(c, c10, add); put(c + 16, c11, add); c += ldc;
  put(c, c20, add); put(c + 16, c21, add); c += ldc;
  put(c, c30, add); put(c + 16, c31, add);
}

@inline function tile1x8(k: i32, a: usize, sk: usize, b: usize, c: usize, add: bool): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  for (let p = 0; p < k; p++) {
    const x = v128.load32_splat(a);
    c0 = madd(c0, x, v128.load(b)); c1 = madd(c1, x, v128.load(b, 16));
    a += sk; b += 32;
  }
  put(c, c0, add); put(c + 16, c1, add);
}

@inline function tile4x4(k: i32, a: usize, sa: usize, sk: usize, b: usize, c: usize, ldc: usize, add: bool): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  let a0 = a, a1 = a + sa, a2 = a + 2 * sa, a3 = a + 3 * sa;
  for (let p = 0; p < k; p++) {
    const bv = v128.load(b);
    c0 = madd(c0, v128.load32_splat(a0), bv); c1 = madd(c1, v128.load32_splat(a1), bv);
    c2 = madd(c2, v128.load32_splat(a2), bv); c3 = madd(c3, v128.load32_splat(a3), bv);
    a0 += sk; a1 += sk; a2 += sk; a3 += sk; b += 16;
  }
  put(c, c0, add); c += ldc;
  put(c, c1, add); c += ldc;
  put(c, c2, add); c += ldc;
  put(c, c3, add);
}

@inline function tile1x4(k: i32, a: usize, sk: usize, b: usize, c: usize, add: bool): void {
  let c0 = f32x4.splat(0);
  for (let p = 0; p < k; p++) {
    c0 = madd(c0, v128.load32_splat(a), v128.load(b));
    a += sk; b += 16;
  }
  put(c, c0, add);
}
