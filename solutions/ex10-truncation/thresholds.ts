/**
 * Written by `npm run calibrate` (scripts/calibrate/) from reference runs: do not edit.
 * loss on fresh sequences over 30 runs each: the reference answer's 90th percentile 0.0278,
 * a known wrong answer's 10th percentile 0.788; the threshold is their geometric mean,
 * 5.3 times from each.
 */
export const THRESHOLDS = { loss: 0.148 };
