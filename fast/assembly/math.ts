/**
 * exp, sigmoid and tanh on four floats at once. The polynomials are Cephes' expf and tanhf (single
 * precision, error about 1 ulp), so the fast kernel agrees with Math.exp / Math.tanh to float32 rounding.
 *
 * The constants are read from memory with a broadcast load: V8 (Node 20) rebuilds a v128 literal with three
 * instructions on every loop iteration, which made the activations 3× slower than the matrix products.
 */

const LOG2E: f32 = 1.44269504088896341;
/** Adding 1.5·2^23 rounds a float to the nearest integer and leaves that integer in the low mantissa bits. */
const ROUNDER: f32 = 12582912.0;

const K = memory.data<f32>([
  -87.3, 88.3, LOG2E, ROUNDER, 0.693359375, -2.12194440e-4, // clamp, log2(e), rounder, ln 2 in two parts
  1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1, // expf
  -5.70498872745e-3, 2.06390887954e-2, -5.37397155531e-2, 1.33314422036e-1, -3.33332819422e-1, // tanhf
  1, 2, 0.625, -0.0,
]);
const LOW = 0, HIGH = 1, L2E = 2, ROUND = 3, LN2_HI = 4, LN2_LO = 5, EXP_P = 6, TANH_P = 12, ONE = 17, TWO = 18,
  TANH_SMALL = 19, SIGN = 20;

@inline function k(index: i32): v128 {
  return v128.load32_splat(K + (<usize>index << 2));
}

/** e^x; x is clamped to [-87.3, 88.3] so 2^n stays a normal float (sigmoid and tanh saturate long before). */
@inline export function expv(x: v128): v128 {
  x = f32x4.pmin(f32x4.pmax(x, k(LOW)), k(HIGH));
  const rounded = f32x4.add(f32x4.mul(x, k(L2E)), k(ROUND));
  const n = f32x4.sub(rounded, k(ROUND));
  const r = f32x4.sub(f32x4.sub(x, f32x4.mul(n, k(LN2_HI))), f32x4.mul(n, k(LN2_LO)));
  let p = k(EXP_P);
  p = f32x4.add(f32x4.mul(p, r), k(EXP_P + 1));
  p = f32x4.add(f32x4.mul(p, r), k(EXP_P + 2));
  p = f32x4.add(f32x4.mul(p, r), k(EXP_P + 3));
  p = f32x4.add(f32x4.mul(p, r), k(EXP_P + 4));
  p = f32x4.add(f32x4.mul(p, r), k(EXP_P + 5));
  p = f32x4.add(f32x4.add(f32x4.mul(p, f32x4.mul(r, r)), r), k(ONE));
  // 2^n: n sits in the low bits of `rounded`; shifted into the exponent field plus the bits of 1.0f.
  const scale = i32x4.add(i32x4.shl(rounded, 23), k(ONE));
  return f32x4.mul(p, scale);
}

@inline export function sigmoidv(x: v128): v128 {
  return f32x4.div(k(ONE), f32x4.add(k(ONE), expv(f32x4.neg(x))));
}

/** tanh: an odd polynomial below |x| = 0.625 (where 1 - 2/(e^2x + 1) would cancel), the exp form above. */
@inline export function tanhv(x: v128): v128 {
  const ax = f32x4.abs(x);
  const large = f32x4.sub(k(ONE), f32x4.div(k(TWO), f32x4.add(expv(f32x4.add(ax, ax)), k(ONE))));
  const signed = v128.or(large, v128.and(x, k(SIGN)));
  const z = f32x4.mul(x, x);
  let p = k(TANH_P);
  p = f32x4.add(f32x4.mul(p, z), k(TANH_P + 1));
  p = f32x4.add(f32x4.mul(p, z), k(TANH_P + 2));
  p = f32x4.add(f32x4.mul(p, z), k(TANH_P + 3));
  p = f32x4.add(f32x4.mul(p, z), k(TANH_P + 4));
  const small = f32x4.add(f32x4.mul(f32x4.mul(p, z), x), x);
  return v128.bitselect(small, signed, f32x4.lt(ax, k(TANH_SMALL)));
}

/** 1.0 in every lane. */
@inline export function ones(): v128 {
  return k(ONE);
}

/** 1 - y² (derivative of tanh, given y = tanh). */
@inline export function oneMinusSquare(y: v128): v128 {
  return f32x4.sub(k(ONE), f32x4.mul(y, y));
}

/** y(1 - y) (derivative of the sigmoid, given y = sigmoid). */
@inline export function sigmoidSlope(y: v128): v128 {
  return f32x4.mul(y, f32x4.sub(k(ONE), y));
}
