/**
 * Baselines: what a neural network must beat before its error means anything.
 *
 * Both work on history windows, one-step (`historyWindows`: one target) and multi-step
 * (`horizonWindows`: the next h values) alike, and predict one row per window, as many values as
 * each window has targets.
 *
 * Persistence ("tomorrow equals today"): every prediction is the last value of the window. It needs
 * no training and is hard to beat on slowly moving series; a model with an error close to it has
 * learnt little. Linear: each target is w · (x_{t-L+1}, ..., x_t) + b, one weight row per target,
 * fitted by least squares on the training windows. A pure sinusoid obeys
 * x_{t+1} = 2cos(2π/P)·x_t - x_{t-1}, so with L ≥ 2 it is predicted exactly.
 */
import { check } from "../errors";
import { Windows } from "../data/windows";

/**
 * A fitted linear forecaster: prediction o of a window = weights[o] · window + bias[o] (as torch's
 * nn.Linear).
 */
export interface LinearForecaster {
  /**
   * [targets][L]: one row per target (step ahead), one weight per input, oldest first (row[L-1]
   * multiplies x_t).
   */
  weights: number[][];
  /** One bias per target (step ahead). */
  bias: number[];
  /**
   * One row of predictions per window ([N][targets]), for windows of the lookback it was fitted on.
   */
  predict(windows: Windows): number[][];
}

/**
 * Persistence forecast: for every history window, its last input value, repeated for each target.
 */
export function persistence(windows: Windows): number[][] {
  checkHistoryWindows(windows, "windows");
  return windows.inputs.map((input, k) =>
    new Array<number>(windows.targets[k].length).fill(input[input.length - 1]),
  );
}

/**
 * Least-squares linear forecaster on history windows, one output per target. Inputs and targets are
 * centred first, so the bias is not shrunk; `ridge` (times the mean input variance) is added to the
 * normal equations' diagonal, which keeps the solution unique when inputs are collinear (a pure
 * sinusoid with L ≥ 3, or anchored windows whose last input is always 0) without visibly changing
 * it otherwise. Pass 0 for plain least squares.
 */
export function fitLinear(windows: Windows, ridge = 1e-9): LinearForecaster {
  checkHistoryWindows(windows, "windows");
  check(Number.isFinite(ridge) && ridge >= 0, "ridge", "a non-negative number", ridge);
  const L = windows.lookback;
  const h = windows.targets[0].length;
  const n = windows.inputs.length;
  const inputMean = new Float64Array(L);
  const targetMean = new Float64Array(h);
  windows.inputs.forEach((input, k) => {
    check(
      windows.targets[k].length === h,
      `windows.targets[${k}]`,
      `${h} values (as window 0)`,
      windows.targets[k],
    );
    for (let i = 0; i < L; i++) inputMean[i] += input[i] / n;
    for (let o = 0; o < h; o++) targetMean[o] += windows.targets[k][o] / n;
  });
  // Normal equations on centred data: (XᵀX + λI) W = XᵀY, one column of W per target.
  const gram = Array.from({ length: L }, () => new Float64Array(L));
  const moments = Array.from({ length: L }, () => new Float64Array(h));
  windows.inputs.forEach((input, k) => {
    for (let i = 0; i < L; i++) {
      const xi = input[i] - inputMean[i];
      for (let o = 0; o < h; o++) moments[i][o] += xi * (windows.targets[k][o] - targetMean[o]);
      for (let j = 0; j < L; j++) gram[i][j] += xi * (input[j] - inputMean[j]);
    }
  });
  const meanVariance = gram.reduce((sum, row, i) => sum + row[i], 0) / L;
  gram.forEach((row, i) => (row[i] += ridge * meanVariance));
  const columns = solve(gram, moments);
  const weights = Array.from({ length: h }, (_, o) => columns.map((row) => row[o]));
  const bias = weights.map(
    (w, o) => targetMean[o] - w.reduce((sum, wi, i) => sum + wi * inputMean[i], 0),
  );
  const predict = (other: Windows) => {
    checkHistoryWindows(other, "windows");
    check(
      other.lookback === L,
      "windows.lookback",
      `${L} (the lookback the model was fitted on)`,
      other.lookback,
    );
    return other.inputs.map((input) =>
      weights.map((w, o) => input.reduce((sum, v, i) => sum + w[i] * v, bias[o])),
    );
  };
  return { weights, bias, predict };
}

/**
 * Mean of (prediction - target)² over every window and every target; predictions: one row per
 * window.
 */
export function meanSquaredError(predictions: number[][], windows: Windows): number {
  checkHistoryWindows(windows, "windows");
  const n = windows.targets.length;
  check(
    Array.isArray(predictions) && predictions.length === n,
    "predictions",
    `one row of predictions per window (${n})`,
    predictions,
  );
  let sum = 0;
  let count = 0;
  windows.targets.forEach((targets, k) => {
    check(
      predictions[k]?.length === targets.length,
      `predictions[${k}]`,
      `${targets.length} values (one per target)`,
      predictions[k],
    );
    targets.forEach((target, o) => (sum += (predictions[k][o] - target) ** 2));
    count += targets.length;
  });
  check(Number.isFinite(sum), "predictions", "finite numbers", predictions);
  return sum / count;
}

function checkHistoryWindows(windows: Windows, argument: string): void {
  check(
    Array.isArray(windows?.inputs) && windows.inputs.length > 0,
    argument,
    "history windows (from historyWindows or horizonWindows), at least one",
    windows,
  );
  check(
    windows.kind === "history",
    `${argument}.kind`,
    '"history" (targets that follow the window)',
    windows.kind,
    "sequence windows have a target per step",
  );
}

/**
 * Solves A X = B by Gaussian elimination with partial pivoting (A is small: L × L; B has one column
 * per target).
 */
function solve(a: Float64Array[], b: Float64Array[]): Float64Array[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, ...b[i]]);
  const width = m[0].length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    check(
      m[pivot][col] !== 0,
      "windows",
      "inputs that vary (a constant series leaves the least-squares fit undetermined)",
      "all-equal inputs",
      "pass ridge > 0",
    );
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / m[col][col];
      for (let c = col; c < width; c++) m[r][c] -= f * m[col][c];
    }
  }
  const x = Array.from({ length: n }, () => new Float64Array(width - n));
  for (let o = 0; o < width - n; o++) {
    for (let r = n - 1; r >= 0; r--) {
      let s = m[r][n + o];
      for (let c = r + 1; c < n; c++) s -= m[r][c] * x[c][o];
      x[r][o] = s / m[r][r];
    }
  }
  return x;
}
