/**
 * Baselines: what a neural network must beat before its error means anything.
 *
 * Persistence ("tomorrow equals today"): predict the last value of each window. It needs no training and is
 * hard to beat on slowly moving series; a one-step model with an error close to it has learnt little.
 * Linear autoregression: x̂_{t+1} = w · (x_{t-L+1}, ..., x_t) + b, fitted by least squares on the training
 * windows. A pure sinusoid obeys x_{t+1} = 2cos(2π/P)·x_t - x_{t-1}, so with L ≥ 2 it is predicted exactly.
 */
import { check } from "./errors";
import { Windows } from "./windows";

/** A fitted linear autoregression: prediction = weights · window + bias. */
export interface LinearForecaster {
  /** One weight per input position, oldest first (weights[L-1] multiplies the latest value). */
  weights: Float64Array;
  bias: number;
  /** One prediction per window (windows of the same lookback). */
  predict(windows: Windows): Float64Array;
}

/** Persistence forecast: for every history window, its last input value. */
export function persistence(windows: Windows): Float64Array {
  checkHistoryWindows(windows, "windows");
  return Float64Array.from(windows.inputs, (input) => input[input.length - 1]);
}

/**
 * Least-squares linear autoregression on history windows. Inputs and targets are centred first, so the bias
 * is not shrunk; `ridge` (times the mean input variance) is added to the normal equations' diagonal, which
 * keeps the solution unique when inputs are collinear (a pure sinusoid with L ≥ 3) without visibly changing
 * it otherwise. Pass 0 for plain least squares.
 */
export function fitLinear(windows: Windows, ridge = 1e-9): LinearForecaster {
  checkHistoryWindows(windows, "windows");
  check(Number.isFinite(ridge) && ridge >= 0, "ridge", "a non-negative number", ridge);
  const L = windows.lookback;
  const n = windows.inputs.length;
  const inputMean = new Float64Array(L);
  let targetMean = 0;
  windows.inputs.forEach((input, k) => {
    for (let i = 0; i < L; i++) inputMean[i] += input[i] / n;
    targetMean += windows.targets[k][0] / n;
  });
  // Normal equations on centred data: (XᵀX + λI) w = Xᵀy.
  const gram = Array.from({ length: L }, () => new Float64Array(L));
  const moment = new Float64Array(L);
  windows.inputs.forEach((input, k) => {
    const y = windows.targets[k][0] - targetMean;
    for (let i = 0; i < L; i++) {
      const xi = input[i] - inputMean[i];
      moment[i] += xi * y;
      for (let j = 0; j < L; j++) gram[i][j] += xi * (input[j] - inputMean[j]);
    }
  });
  const meanVariance = gram.reduce((sum, row, i) => sum + row[i], 0) / L;
  gram.forEach((row, i) => (row[i] += ridge * meanVariance));
  const weights = solve(gram, moment);
  const bias = targetMean - weights.reduce((sum, w, i) => sum + w * inputMean[i], 0);
  const predict = (other: Windows) => {
    checkHistoryWindows(other, "windows");
    check(other.lookback === L, "windows.lookback", `${L} (the lookback the model was fitted on)`, other.lookback);
    return Float64Array.from(other.inputs, (input) => input.reduce((sum, v, i) => sum + weights[i] * v, bias));
  };
  return { weights, bias, predict };
}

/** Mean over windows of (prediction - target)², for one prediction per history window. */
export function meanSquaredError(predictions: ArrayLike<number>, windows: Windows): number {
  checkHistoryWindows(windows, "windows");
  const n = windows.targets.length;
  check(predictions?.length === n, "predictions", `one prediction per window (${n})`, predictions);
  let sum = 0;
  for (let k = 0; k < n; k++) sum += (predictions[k] - windows.targets[k][0]) ** 2;
  check(Number.isFinite(sum), "predictions", "finite numbers", predictions);
  return sum / n;
}

function checkHistoryWindows(windows: Windows, argument: string): void {
  check(Array.isArray(windows?.inputs) && windows.inputs.length > 0, argument, "history windows (from historyWindows), at least one", windows);
  check(windows.kind === "history", `${argument}.kind`, '"history" (one target per window)', windows.kind, "sequence windows have a target per step");
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small: L × L). */
function solve(a: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    check(m[pivot][col] !== 0, "windows", "inputs that vary (a constant series leaves the least-squares fit undetermined)", "all-equal inputs", "pass ridge > 0");
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let c = r + 1; c < n; c++) s -= m[r][c] * x[c];
    x[r] = s / m[r][r];
  }
  return x;
}
