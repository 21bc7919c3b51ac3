/**
 * npm run bench:gemm — the matrix product under the fast kernel, in GMAC/s (10⁹ multiply-adds per second),
 * against a plain JavaScript loop and tfjs's matMul on its cpu and wasm backends, at the shapes the
 * recurrent workloads use: one step's gates for W3 and W5 ([B, H]·[H, 4H]) and W5's weight gradient summed
 * over all T·B rows (dGatesᵀ·H, [4H, T·B]·[T·B, H]). tfjs figures include one dataSync per product.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { SimdWorkspace } from "../src/simd";

/** [name, m, n, k, A transposed]: C[m×n] = A·B, A stored [k×m] when transposed (dGatesᵀ·H in BPTT). */
const SHAPES: [string, number, number, number, boolean][] = [
  ["W3 step   32×32 · 32×128", 32, 128, 32, false],
  ["W5 step   64×128 · 128×512", 64, 512, 128, false],
  ["W5 dW_hh  (12800×512)ᵀ · 12800×128", 512, 128, 12800, true],
];

/** Runs f repeatedly for about `ms` milliseconds (after one warm-up call); returns seconds per call. */
function secondsPerCall(f: () => void, ms = 400): number {
  f();
  let calls = 0;
  const started = performance.now();
  while (performance.now() - started < ms) {
    f();
    calls++;
  }
  return (performance.now() - started) / 1000 / calls;
}

/** The fast kernel's way: B packed once (per step) or block by block (gemmLongK, for the weight gradient). */
function simd(m: number, n: number, k: number, transposeA: boolean): () => void {
  const ws = new SimdWorkspace();
  const at = ws.layout(ws.start, { a: m * k, b: k * n, packed: k * n, c: m * n, work: 256 * n });
  const heap = ws.heap;
  for (let i = at.a; i < at.c; i++) heap[i] = Math.random();
  const f = ws.simd;
  if (transposeA) return () => f.gemmLongK(m, n, k, 4 * at.a, 1, m, 4 * at.b, n, 1, 4 * at.c, n, 4 * at.work, false);
  f.packB(k, n, 4 * at.b, n, 1, 4 * at.packed);
  return () => f.gemm(m, n, k, 4 * at.a, k, 1, 4 * at.packed, 4 * at.c, n, false);
}

/** Loops in the cache-friendly order (i, p, j), as one would write them by hand. */
function plainJs(m: number, n: number, k: number, transposeA: boolean): () => void {
  const a = Float32Array.from({ length: m * k }, Math.random);
  const b = Float32Array.from({ length: k * n }, Math.random);
  const c = new Float32Array(m * n);
  return () => {
    c.fill(0);
    for (let i = 0; i < m; i++) {
      for (let p = 0; p < k; p++) {
        const aip = transposeA ? a[p * m + i] : a[i * k + p];
        for (let j = 0; j < n; j++) c[i * n + j] += aip * b[p * n + j];
      }
    }
  };
}

/** tf.matMul, with transposeA as tfjs's own matMul gradient uses it. */
function tfjs(m: number, n: number, k: number, transposeA: boolean): () => void {
  const a = tf.randomUniform(transposeA ? [k, m] : [m, k]);
  const b = tf.randomUniform([k, n]);
  // Braces matter: a typed array returned from tf.tidy is walked element by element.
  return () => tf.tidy(() => {
    tf.matMul(a, b, transposeA).dataSync();
  });
}

async function main(): Promise<void> {
  const rows: string[][] = [["shape", "simd wasm", "plain JS", "tfjs cpu", "tfjs wasm"]];
  for (const [name, m, n, k, transposeA] of SHAPES) {
    const gmacs = (f: () => void) => ((m * n * k) / secondsPerCall(f) / 1e9).toFixed(2);
    const row = [name, gmacs(simd(m, n, k, transposeA)), gmacs(plainJs(m, n, k, transposeA))];
    for (const backend of ["cpu", "wasm"]) {
      await tf.setBackend(backend);
      row.push(gmacs(tfjs(m, n, k, transposeA)));
    }
    rows.push(row);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log("GMAC/s (higher is better), one thread");
  for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "));
}

main();
