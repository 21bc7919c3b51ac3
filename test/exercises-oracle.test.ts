// Independent oracles for the exercises whose expected values otherwise come only from the instructor's
// solution (ex01-ex03, ex05, ex08, ex14; the cells are checked against PyTorch in exercises-torch.test.ts), and
// ex07's weights, set by hand, run through the library's own RNN module instead of the judge's kernel.
// Each solution runs on the inputs of its public, hidden and freshly drawn cases and must agree with the
// course library (itself checked against numpy and PyTorch) or with a loop written from the definition.
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { Case, compare, rng, sine } from "../autograder/core";
import { readableKernel } from "../src/nn/bptt";
import { decompose, movingAverageTrend } from "../src/analysis/decompose";
import { ArgumentError } from "../src/errors";
import { ReLU } from "../src/nn/activations";
import { clipGradNorm } from "../src/nn/clip";
import { Linear } from "../src/nn/linear";
import { MLPRNN, runMLPRNN } from "../src/nn/mlp-rnn";
import { Sequential } from "../src/nn/sequential";
import { padHistory, paddedHistoryWindows } from "../src/data/windows";
import { max, mean, median, min, std, variance } from "../src/analysis/stats";
import { historyWindows } from "../src/data/windows";
import * as ex01 from "../solutions/ex01-lookback/lookback";
import * as ex02 from "../solutions/ex02-padding/padding";
import * as ex03 from "../solutions/ex03-statistics/statistics";
import * as ex05 from "../solutions/ex05-mlp-rnn/mlp-rnn";
import * as ex08 from "../solutions/ex08-gradient-norms/gradient-norms";
import * as ex14 from "../solutions/ex14-forecast/forecast";
import { echoWeights } from "../solutions/ex07-echo-by-hand/echo-weights";
import { coinFlips, echoTargets } from "../solutions/ex07-echo-by-hand/experiment";
import { RNN } from "../src/nn/rnn";
import { EveryStepRegressor } from "../src/nn/regressors";
import { fromTorchStateDict } from "../src/nn/torch";
import * as cases01 from "../solutions/ex01-lookback/cases";
import * as hidden01 from "../solutions/ex01-lookback/hidden";
import * as cases02 from "../solutions/ex02-padding/cases";
import * as hidden02 from "../solutions/ex02-padding/hidden";
import * as cases03 from "../solutions/ex03-statistics/cases";
import * as hidden03 from "../solutions/ex03-statistics/hidden";
import * as cases05 from "../solutions/ex05-mlp-rnn/cases";
import * as hidden05 from "../solutions/ex05-mlp-rnn/hidden";
import * as cases08 from "../solutions/ex08-gradient-norms/cases";
import * as hidden08 from "../solutions/ex08-gradient-norms/hidden";
import * as cases14 from "../solutions/ex14-forecast/cases";
import * as hidden14 from "../solutions/ex14-forecast/hidden";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** Float64 oracles differ from the solutions only by summation order; tfjs computes in float32. */
const FLOAT64 = { rtol: 1e-9, atol: 1e-12 };
const FLOAT32 = { rtol: 1e-4, atol: 1e-5 };

/** Seeds for the fresh hidden cases, like the autograder's instructor seed. */
const SEEDS = [1, 2, 3, 2024];

/** Every case of an exercise: public, hidden, and drawn from each seed. */
function everyCase(cases: { cases: Case[] }, hidden: { hidden: Case[]; draw: (rand: () => number) => Case[] }): Case[] {
  return [...cases.cases, ...hidden.hidden, ...SEEDS.flatMap((s) => hidden.draw(rng(s)))];
}

/** The cases calling `fn` (and passing `keep`); finding none fails, as an oracle that checks nothing must not pass. */
function calling(all: Case[], fn: string, keep: (c: Case) => boolean = () => true): Case[] {
  const selected = all.filter((c) => c.fn === fn && keep(c));
  expect(selected.length, `cases calling ${fn}`).toBeGreaterThan(0);
  return selected;
}

/** Solution and oracle agree on the arguments of every case calling `fn` (each gets its own copy). */
function agree<A extends unknown[]>(
  all: Case[],
  fn: string,
  solution: (...args: A) => unknown,
  oracle: (...args: A) => unknown,
  tolerance = FLOAT64,
): void {
  for (const c of calling(all, fn)) {
    const r = compare(oracle(...(structuredClone(c.args) as A)), solution(...(structuredClone(c.args) as A)), tolerance.rtol, tolerance.atol);
    expect(r.ok, `${fn}, case ${c.id}: ${r.message}`).toBe(true);
  }
}

describe("ex01 lookback agrees with the library's historyWindows", () => {
  const all = everyCase(cases01, hidden01);

  /** historyWindows, or no windows where the library refuses a series too short for one (ex01 returns none). */
  const windowsOrNone = (series: number[], lookback: number) => {
    try {
      return historyWindows(series, lookback);
    } catch (e) {
      if (e instanceof ArgumentError) return { inputs: [], targets: [] };
      throw e;
    }
  };

  /**
   * The library has horizon 1. With horizon h, the j-th target value of pair k is the one-step target of
   * window k of the series shifted by j; all h shifted series are cut to the n - h + 1 points where every
   * target still fits.
   */
  const libraryPairs = (series: number[], lookback: number, horizon: number): ex01.Pairs => {
    const fits = Math.max(0, series.length - horizon + 1);
    const shifted = Array.from({ length: horizon }, (_, j) => windowsOrNone(series.slice(j, j + fits), lookback));
    return { inputs: shifted[0].inputs, targets: shifted[0].targets.map((_, k) => shifted.map((w) => w.targets[k][0])) };
  };

  it("lookbackPairs", () => agree(all, "lookbackPairs", ex01.lookbackPairs, libraryPairs));

  it("countPairs is the number of pairs of any series that long", () =>
    agree(all, "countPairs", ex01.countPairs, (n: number, lookback: number, horizon: number) =>
      libraryPairs(new Array<number>(n).fill(0), lookback, horizon).inputs.length,
    ));

  it("countPairs counts what lookbackPairs returns", () => {
    for (const c of calling(all, "lookbackPairs")) {
      const [series, lookback, horizon] = c.args as [number[], number, number];
      expect(ex01.countPairs(series.length, lookback, horizon), c.id).toBe(ex01.lookbackPairs(series, lookback, horizon).inputs.length);
    }
  });

  it("gives the lecture's printout and keeps the pair the lecture drops", () => {
    // sin(2πi/50), history 2: the lecture prints the window [0.3681, 0.4818] with target 0.5878 (x_3, x_4 → x_5).
    const pairs = ex01.lookbackPairs(sine(8, 50), 2, 1);
    expect(pairs.inputs[3].map((v) => v.toFixed(4))).toEqual(["0.3681", "0.4818"]);
    expect(pairs.targets[3].map((v) => v.toFixed(4))).toEqual(["0.5878"]);
    // The lecture's dataset builds range(len(datapoints) - history_len - 1) pairs from 1000 points; ex01 adds the last.
    expect(ex01.countPairs(1000, 2, 1)).toBe(1000 - 2 - 1 + 1);
  });
});

describe("ex02 padding agrees with the library's padHistory and paddedHistoryWindows", () => {
  const all = everyCase(cases02, hidden02);

  // The library refuses length 0; ex02 keeps nothing.
  const libraryFit = (history: number[], length: number) => (length === 0 ? [] : padHistory(history, length));

  /** Row 0 (nothing before x_0) is all padding; row t >= 1 is the input of the library's padded window with target x_t. */
  const libraryHistories = (series: number[], length: number) => [
    padHistory([], length),
    ...(series.length >= 2 ? paddedHistoryWindows(series, length).inputs : []),
  ];

  /** Zeros at the end are padHistory's zeros in front, read backwards; the mask pads a row of ones the same way. */
  const libraryBatch = (sequences: number[][]): ex02.PaddedBatch => {
    const longest = Math.max(...sequences.map((s) => s.length));
    const padEnd = (s: number[]) => padHistory([...s].reverse(), longest).reverse();
    return { padded: sequences.map(padEnd), mask: sequences.map((s) => padEnd(s.map(() => 1))) };
  };

  it("fitHistory", () => agree(all, "fitHistory", ex02.fitHistory, libraryFit));
  it("fixedHistories", () => agree(all, "fixedHistories", ex02.fixedHistories, libraryHistories));
  it("padBatch", () => agree(all, "padBatch", ex02.padBatch, libraryBatch));
});

describe("ex03 statistics agree with the library's stats and decomposition (checked against numpy)", () => {
  const all = everyCase(cases03, hidden03);

  const librarySummary = (series: number[]): ex03.Summary => ({
    mean: mean(series),
    median: median(series),
    variance: variance(series),
    std: std(series),
    min: min(series),
    max: max(series),
  });

  /**
   * Over an odd window, the trailing average starting at k is the library's centred trend at k + window/2;
   * other windows: the library's mean of each window.
   */
  const libraryMovingAverage = (series: number[], window: number) => {
    const half = Math.floor(window / 2);
    if (window % 2 === 1 && window > 1) return Array.from(movingAverageTrend(series, window)).slice(half, series.length - half);
    return Array.from({ length: Math.max(0, series.length - window + 1) }, (_, k) => mean(series.slice(k, k + window)));
  };

  /** The library keeps every position (NaN where the centred window runs off); ex03 keeps t = h .. n-1-h. */
  const libraryDecomposition = (series: number[], period: number): ex03.Decomposition => {
    const parts = decompose(series, period, "additive");
    const kept = (a: Float64Array) => Array.from(a).slice(Math.floor(period / 2), series.length - Math.floor(period / 2));
    return { trend: kept(parts.trend), seasonal: kept(parts.seasonal), residual: kept(parts.residual) };
  };

  it("summarize", () => agree(all, "summarize", ex03.summarize, librarySummary));
  it("movingAverage", () => agree(all, "movingAverage", ex03.movingAverage, libraryMovingAverage));
  it("decompose", () => agree(all, "decompose", ex03.decompose, libraryDecomposition));
});

describe("ex05 MLP-RNN agrees with the library's Linear, ReLU, Sequential and MLPRNN (tfjs, float32)", () => {
  const all = everyCase(cases05, hidden05);

  const libraryLinear = (layer: ex05.Linear): Linear => {
    const module = new Linear(layer.weight[0].length, layer.weight.length);
    module.loadStateDict({ weight: layer.weight, bias: layer.bias });
    return module;
  };
  const apply = (module: { forward(x: tf.Tensor): tf.Tensor }, input: number[]) => Array.from(module.forward(tf.tensor2d([input])).dataSync());
  const network = (layers: ex05.Linear[]) =>
    new Sequential(libraryLinear(layers[0]), new ReLU(), libraryLinear(layers[1]), new ReLU(), libraryLinear(layers[2]));

  /** The recurrence from its definition: feed [x_t, h_t] through the network, split off y_t, carry h_{t+1}. */
  const libraryRun = (layers: ex05.Linear[], series: number[], hidden0: number[]) => {
    const net = network(layers);
    try {
      const run = { outputs: [] as number[], hiddens: [] as number[][] };
      let hidden = hidden0;
      for (const x of series) {
        const [output, ...next] = tf.tidy(() => apply(net, [x, ...hidden]));
        run.outputs.push(output);
        run.hiddens.push((hidden = next));
      }
      return run;
    } finally {
      net.dispose();
    }
  };

  it("linear", () =>
    agree(all, "linear", ex05.linear, (layer: ex05.Linear, x: number[]) => {
      const module = libraryLinear(layer);
      try {
        return tf.tidy(() => apply(module, x));
      } finally {
        module.dispose();
      }
    }, FLOAT32));

  it("relu", () => agree(all, "relu", ex05.relu, (x: number[]) => tf.tidy(() => apply(new ReLU(), x)), FLOAT32));

  it("mlpRnnRun", () => agree(all, "mlpRnnRun", ex05.mlpRnnRun, libraryRun, FLOAT32));

  it("mlpRnnStep is a run of one step", () =>
    agree(all, "mlpRnnStep", ex05.mlpRnnStep, (layers: ex05.Linear[], x: number, hidden: number[]) => {
      const run = libraryRun(layers, [x], hidden);
      return { output: run.outputs[0], hidden: run.hiddens[0] };
    }, FLOAT32));

  it("the lecture-sized cases equal runMLPRNN with the same weights", () => {
    const lectureSized = (layers: ex05.Linear[]) => layers[0].weight.length === 32 && layers[1].weight.length === 8;
    const runs = calling(all, "mlpRnnRun", (c) => lectureSized(c.args[0] as ex05.Linear[]) && (c.args[1] as number[]).length > 0);
    const steps = calling(all, "mlpRnnStep", (c) => lectureSized(c.args[0] as ex05.Linear[]));
    const asRuns = [...runs.map((c) => c.args), ...steps.map(({ args: [layers, x, hidden] }) => [layers, [x], hidden])] as [ex05.Linear[], number[], number[]][];
    for (const [layers, series, hidden0] of asRuns) {
      const model = new MLPRNN(hidden0.length);
      try {
        model.loadStateDict(Object.fromEntries(layers.flatMap((l, i) => [[`layers.${2 * i}.weight`, l.weight], [`layers.${2 * i}.bias`, l.bias]])));
        const library = tf.tidy(() => {
          const { predictions, memory } = runMLPRNN(model, series, tf.tensor2d([hidden0]));
          return { outputs: Array.from(predictions.dataSync()), last: Array.from(memory.dataSync()) };
        });
        const run = ex05.mlpRnnRun(layers, series, hidden0);
        const r = compare(library, { outputs: run.outputs, last: run.hiddens[run.hiddens.length - 1] }, FLOAT32.rtol, FLOAT32.atol);
        expect(r.ok, r.message).toBe(true);
      } finally {
        model.dispose();
      }
    }
  });
});

/** Rows of numbers, flattened row-major into the float64 layout of the library's readable BPTT kernel. */
const flat64 = (rows: number[] | number[][]) => Float64Array.from(rows.flat());
const kernelWeights = (w: ex08.RnnWeights) => ({ wIh: flat64(w.wIh), wHh: flat64(w.wHh), bIh: flat64(w.bIh), bHh: flat64(w.bHh) });

describe("ex08 gradient norms agree with the library's readable BPTT kernel and clipGradNorm", () => {
  const all = everyCase(cases08, hidden08);

  /**
   * The kernel's hiddenGradNorms[t] is ‖∂L/∂h_t‖ of the total gradient reaching h_t. ex08's loss reads only
   * h_T, so nothing arrives from the outputs of earlier steps (dOutput = 0) and ∂L/∂h_T = dLastHidden.
   */
  const kernelNorms = (xs: number[][], h0: number[], w: ex08.RnnWeights, dLastHidden: number[]) => {
    const dims = { batch: 1, steps: xs.length, input: xs[0].length, hidden: h0.length };
    const weights = kernelWeights(w);
    const x = flat64(xs);
    const fwd = readableKernel.forward("rnn_tanh", dims, x, flat64(h0), null, weights);
    const dOutput = new Float64Array(dims.steps * dims.hidden);
    return Array.from(readableKernel.backward("rnn_tanh", dims, weights, x, fwd, dOutput, flat64(dLastHidden), null).hiddenGradNorms);
  };

  /** clipGradNorm (PyTorch's formula, float32) on one gradient: the norm it measured and the clipped gradient. */
  const libraryClip = (grad: number[], maxNorm: number) =>
    tf.tidy(() => {
      const grads = [tf.tensor1d(grad)];
      const total = clipGradNorm(grads, maxNorm);
      return { total, clipped: Array.from(grads[0].dataSync()) };
    });

  it("hiddenGradientNorms", () => agree(all, "hiddenGradientNorms", ex08.hiddenGradientNorms, kernelNorms));
  it("norm", () => agree(all, "norm", ex08.norm, (v: number[]) => libraryClip(v, Number.MAX_VALUE).total, FLOAT32));
  it("clipByNorm", () => agree(all, "clipByNorm", ex08.clipByNorm, (grad: number[], maxNorm: number) => libraryClip(grad, maxNorm).clipped, FLOAT32));
});

describe("ex14 forecast agrees with a forecast written from its definition", () => {
  const all = everyCase(cases14, hidden14);

  /** The prediction after reading `seen` from h0, from scratch: the library's RNN kernel (float64), then the head. */
  const predictAfter = (seen: number[], h0: number[], m: ex14.RnnRegressor) => {
    const dims = { batch: 1, steps: seen.length, input: 1, hidden: h0.length };
    const { hN } = readableKernel.forward("rnn_tanh", dims, Float64Array.from(seen), flat64(h0), null, kernelWeights(m));
    return { hidden: Array.from(hN), prediction: hN.reduce((sum, h, j) => sum + m.wHy[j] * h, m.bHy) };
  };

  /** Each forecast is the one-step prediction from everything seen so far, earlier forecasts included. */
  const definitionForecast = (history: number[], steps: number, h0: number[], m: ex14.RnnRegressor) => {
    const seen = [...history];
    const out: number[] = [];
    while (out.length < steps) {
      out.push(predictAfter(seen, h0, m).prediction);
      seen.push(out[out.length - 1]);
    }
    return out;
  };

  it("predictStep", () => agree(all, "predictStep", ex14.predictStep, (x: number, h: number[], m: ex14.RnnRegressor) => predictAfter([x], h, m)));
  it("forecast", () => agree(all, "forecast", ex14.forecast, definitionForecast));
});

describe("ex07 echo weights, loaded into the library's RNN module (tfjs, float32), echo fresh coin flips", () => {
  it.each([0, 1, 3, 6, 12, 30])("delay %i", (delay) => {
    const w = echoWeights(delay);
    const H = w.wHh.length;
    const model = fromTorchStateDict(new EveryStepRegressor(new RNN({ inputSize: 1, hiddenSize: H })), {
      "recurrent.weight_ih_l0": w.wIh,
      "recurrent.weight_hh_l0": w.wHh,
      "recurrent.bias_ih_l0": w.bIh,
      "recurrent.bias_hh_l0": w.bHh,
      "head.weight": [w.wHy],
      "head.bias": [w.bHy],
    });
    const sequences = coinFlips(8, 40, 1000 + delay);
    const outputs = tf.tidy(() => model.forward(tf.tensor3d(sequences.map((s) => s.map((x) => [x])))).arraySync() as number[][][]);
    model.dispose();
    const worst = Math.max(...sequences.flatMap((inputs, k) => echoTargets(inputs, delay).map((target, t) => Math.abs(outputs[k][t][0] - target))));
    expect(worst).toBeLessThan(1e-4);
  });
});
