/**
 * rnn-course: the library the lectures import (`import { ... } from "rnn-course"`), in the order
 * the course teaches it. Each name lives in one small file, named after its concept; this file only
 * chooses what a student sees. Everything else (argument checks, progress lines, chart rendering,
 * device loaders) stays importable from its own file, for the course's tools and tests, but not
 * from here.
 *
 * Names follow PyTorch where the course mirrors it. The modules keep PyTorch's class names
 * (`Module`, `Linear`, `Sequential`, `ReLU`, `Tanh`, `Sigmoid`, `RNN`, `LSTM`, `GRU`, `Optimizer`,
 * ...), even where tfjs has a different thing of the same name (`tf.Sequential`, `tf.RNN`): `import
 * * as tf` keeps those apart. Functions that would hide one of tfjs's come in namespaces instead:
 * activations and losses in `F` (torch.nn.functional: `F.relu`, `F.mseLoss`), summary statistics in
 * `stats` (`stats.mean`).
 */

// Errors a notebook may meet: bad input, and an exercise not written yet.
export { ArgumentError, NotImplementedError } from "./errors";

// ---- data: a time series, windows cut from it, splits, scaling, batches (lectures 01, 02) ----
export { sinusoid, type Frequency, type Series, type SeriesLike } from "./data/series";
export { loadSeries, seriesNames, type SeriesName, type Ticker } from "./data/datasets";
export {
  historyWindows,
  horizonWindows,
  paddedHistoryWindows,
  padHistory,
  sequenceWindows,
  anchoredWindows,
  unanchor,
  type AnchoredWindows,
  type Windows,
} from "./data/windows";
export { recallWindows, echoWindows, type EchoOptions, type RecallOptions } from "./data/tasks";
export { chronologicalSplit, type Split, type SplitRatios } from "./data/split";
export { fitNormalizer, type Normalizer, type NormalizerKind } from "./data/normalize";
export { DataLoader, type Batch, type DataLoaderOptions } from "./data/loader";

// ---- analysis: statistics, decomposition, baselines, classical models; gradients and gates
// inspected (lectures 01, 02, 05, 06) ----
export * as stats from "./analysis/stats";
export {
  decompose,
  movingAverageTrend,
  type Decomposition,
  type DecompositionModel,
} from "./analysis/decompose";
export {
  persistence,
  fitLinear,
  meanSquaredError,
  type LinearForecaster,
} from "./analysis/baselines";
export {
  exponentialSmoothing,
  fitExponentialSmoothing,
  type SmoothingOptions,
} from "./analysis/smoothing";
export { localLevelFilter, steadyStateGain, type LocalLevelOptions } from "./analysis/state-space";
export { measureHiddenGradNorms, setSpectralRadius } from "./analysis/gradients";
export { traceGates, meanOverUnits, openForgetGate, type GateTrace } from "./analysis/gates";

// ---- nn: PyTorch's modules, the recurrent cells and layers, optimisers (lectures 02 to 07) ----
export { Module } from "./nn/module";
export { Linear } from "./nn/linear";
export { ReLU, Sigmoid, Tanh } from "./nn/activations";
export * as F from "./nn/functional";
export { Sequential } from "./nn/sequential";
export { MLPRNN, runMLPRNN } from "./nn/mlp-rnn";
export { rnnCell, lstmCell, gruCell, unrollCell, type CellWeights } from "./nn/cells";
export { GATES, type CellKind } from "rnn-course-contract";
export { readableKernel } from "./nn/bptt";
export {
  RNN,
  LSTM,
  GRU,
  RecurrentModule,
  type LSTMOptions,
  type RecurrentOutput,
  type RNNOptions,
} from "./nn/rnn";
export { LastStepRegressor, EveryStepRegressor } from "./nn/regressors";
export { Seq2Seq, type EncoderState } from "./nn/seq2seq";
export { Optimizer, Adam, SGD, type AdamOptions, type SGDOptions } from "./nn/optim";
export { clipGradNorm } from "./nn/clip";
export { fromTorchStateDict, type TorchStateDict } from "./nn/torch";

// ---- training: seeding, the training loops, using a trained model ----
export { seed, random, gaussian, shuffle, uniformArray, uniformMatrix } from "./seed";
export { fit, evaluate, type Batches, type EpochRecord, type FitOptions } from "./training/fit";
export { trainMLPRNN, type MLPRNNTrainOptions } from "./training/train-mlp-rnn";
export { truncatedBPTT, type TruncatedBPTTOptions } from "./training/truncated-bptt";
export { predictWindows, autoregressiveForecast, horizonErrors, rmse } from "./training/forecast";

// ---- plots: charts, explorable charts, diagrams, showing them in a notebook, numbers printed
// there ----
export {
  seriesChart,
  predictionChart,
  lossChart,
  linesChart,
  sweepChart,
  scatterChart,
  decompositionChart,
  heatmapChart,
  type ChartOptions,
  type Numbers,
  type XValues,
} from "./plots/charts";
export { sliderChart, lookbackChart, gatesChart, type Control } from "./plots/explorables";
export {
  unrolledRNNDiagram,
  bpttDiagram,
  lstmCellDiagram,
  gruCellDiagram,
  encoderDecoderDiagram,
  type UnrolledRNNOptions,
} from "./plots/diagrams";
export { show, liveChart, type LiveChart, type ShowOptions } from "./plots/show";
export { formatNumber, formatVector } from "./plots/numbers";

// ---- device: where tensors and recurrent layers run ----
export { useDevice, type BackendName, type Device } from "./device";
export { setRecurrentKernel, recurrentKernelName } from "./nn/recurrent";

// ---- the notebooks' own helpers: a claim about a result checked, the library's code printed, an
// exercise's checks ----
export { claim, type Evidence } from "./claims";
export { sourceOf } from "./source";
export { runChecks } from "./exercises";
