/**
 * Batch-first [B, T, n] ⇄ time-major [T, B, np] (np ≥ n, the padding zero), inside the module: a plain
 * JS loop over these arrays cost more than the recurrent step's arithmetic at W5 sizes.
 */

export function toTimeMajor(batch: i32, steps: i32, n: i32, src: usize, np: i32, dst: usize): void {
  if (np > n) memory.fill(dst, 0, <usize>batch * steps * np << 2);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < steps; t++) {
      copyFloats(dst + ((<usize>t * batch + b) * np << 2), src + ((<usize>b * steps + t) * n << 2), n);
    }
  }
}

export function toBatchFirst(batch: i32, steps: i32, np: i32, src: usize, n: i32, dst: usize): void {
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < steps; t++) {
      copyFloats(dst + ((<usize>b * steps + t) * n << 2), src + ((<usize>t * batch + b) * np << 2), n);
    }
  }
}

/** memory.copy for rows worth a call, a loop for the short ones (e.g. one input feature per step). */
@inline function copyFloats(dst: usize, src: usize, n: i32): void {
  if (n >= 8) memory.copy(dst, src, <usize>n << 2);
  else for (let j = 0; j < n; j++) store<f32>(dst + (<usize>j << 2), load<f32>(src + (<usize>j << 2)));
}
