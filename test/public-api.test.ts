/**
 * What `import { ... } from "rnn-course"` offers, pinned: adding or removing a name is a decision, made here as
 * well as in src/index.ts. Internals (argument checks, progress, rendering, device loaders, the fast path's
 * knobs) are importable from their own files only.
 */
import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import * as ts from "typescript";
import { describe, expect, it } from "vitest";
import * as api from "../src";

const VALUES = [
  // data
  "sinusoid", "loadSeries", "seriesNames", "historyWindows", "horizonWindows", "paddedHistoryWindows", "padHistory",
  "sequenceWindows", "anchoredWindows", "unanchor", "recallWindows", "echoWindows", "chronologicalSplit",
  "fitNormalizer", "DataLoader",
  // analysis
  "stats", "decompose", "movingAverageTrend", "persistence", "fitLinear", "meanSquaredError", "exponentialSmoothing",
  "fitExponentialSmoothing", "localLevelFilter", "steadyStateGain", "measureHiddenGradNorms",
  "setSpectralRadius", "traceGates", "meanOverUnits", "openForgetGate",
  // nn
  "Module", "Linear", "ReLU", "Sigmoid", "Tanh", "F", "Sequential", "MLPRNN", "runMLPRNN", "rnnCell",
  "lstmCell", "gruCell", "unrollCell", "GATES", "readableKernel", "RNN", "LSTM", "GRU", "RecurrentModule",
  "LastStepRegressor", "EveryStepRegressor", "Seq2Seq", "Optimizer", "Adam", "SGD", "clipGradNorm",
  "fromTorchStateDict",
  // training
  "seed", "random", "gaussian", "shuffle", "uniformArray", "uniformMatrix", "fit", "evaluate", "trainMLPRNN",
  "truncatedBPTT", "predictWindows", "autoregressiveForecast", "horizonErrors", "rmse",
  // plots
  "seriesChart", "predictionChart", "lossChart", "linesChart", "sweepChart", "scatterChart", "decompositionChart",
  "heatmapChart", "sliderChart", "lookbackChart", "gatesChart", "unrolledRNNDiagram", "bpttDiagram", "lstmCellDiagram",
  "gruCellDiagram", "encoderDecoderDiagram", "show", "liveChart", "formatNumber", "formatVector",
  // device
  "useDevice", "setRecurrentKernel", "recurrentKernelName",
  // errors and the notebooks' helpers
  "ArgumentError", "NotImplementedError", "claim", "sourceOf", "runChecks",
];

const TYPES = [
  "Frequency", "Series", "SeriesLike", "SeriesName", "Ticker", "AnchoredWindows", "Windows", "EchoOptions",
  "RecallOptions", "Split", "SplitRatios", "Normalizer", "NormalizerKind", "Batch", "DataLoaderOptions",
  "Decomposition", "DecompositionModel", "LinearForecaster", "GateTrace", "MLPRNNTrainOptions", "CellWeights",
  "CellKind", "LSTMOptions", "RecurrentOutput", "RNNOptions", "TruncatedBPTTOptions", "EncoderState", "AdamOptions",
  "SGDOptions", "TorchStateDict", "Batches", "EpochRecord", "FitOptions", "ChartOptions", "Numbers",
  "XValues", "Control", "LiveChart", "ShowOptions", "BackendName", "Device", "Evidence", "UnrolledRNNOptions", "SmoothingOptions",
  "LocalLevelOptions",
];

const sorted = (names: string[]) => [...names].sort();

describe('the public API, "rnn-course"', () => {
  it("exports exactly the course's names at run time", () => {
    expect(sorted(Object.keys(api))).toEqual(sorted(VALUES));
  });

  it("exports exactly these names for TypeScript (the run-time ones and the types)", () => {
    const file = join(__dirname, "..", "src", "index.ts");
    const program = ts.createProgram([file], { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true, types: ["node"] });
    const checker = program.getTypeChecker();
    const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)!)!).map((s) => s.name);
    expect(sorted(exported)).toEqual(sorted([...VALUES, ...TYPES.filter((name) => !VALUES.includes(name))]));
  });

  it("has activations and losses in F, like torch.nn.functional", () => {
    expect(sorted(Object.keys(api.F))).toEqual(["mseLoss", "relu", "sigmoid", "tanh"]);
  });

  it("has the summary statistics in stats", () => {
    expect(sorted(Object.keys(api.stats))).toEqual(["autocorrelation", "describe", "max", "mean", "median", "min", "quantile", "std", "variance"]);
  });

  it("shares no name with tfjs's top level but the PyTorch class names it keeps on purpose", () => {
    expect(sorted(Object.keys(api).filter((name) => name in tf))).toEqual(["Optimizer", "RNN", "Sequential", "Sigmoid", "Tanh"]);
  });

  it("keeps the internals out", () => {
    for (const name of ["check", "checkRows", "describe", "checkLookback", "Clock", "nextTick", "Progress", "mulberry32", "nextSeed",
      "fastKernel", "kernelParts", "helperThreadRunning", "setKernelThreads", "nodeLoaders", "renderSvg", "mimeBundle", "valuesOf"]) {
      expect(api, name).not.toHaveProperty(name);
    }
  });
});
