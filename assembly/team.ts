/**
 * One or two threads on one layer. Both threads run the same function over the same shared memory; the
 * work is cut into `parts` and thread k takes parts k, k + threads, ... How the work is cut depends only on
 * the shapes (the caller chooses `parts`), never on how many threads share it, so every result is bit for
 * bit the same on one core or two.
 *
 * The control block at `team` holds two i32: parts and threads.
 */

@inline export function parts(team: usize): i32 {
  return load<i32>(team, 0);
}

@inline export function threads(team: usize): i32 {
  return load<i32>(team, 4);
}

/** Where part p of n rows starts: n split evenly, each part starting on a multiple of 4 (a row tile). */
@inline export function partStart(n: i32, p: i32, count: i32): i32 {
  return p == count ? n : (n / count * p) & ~3;
}
