/**
 * Trains a few small models with fixed seeds through the library's training loops and writes every trained
 * weight, loss and gradient norm to test/fixtures/trained-weights.json:
 *
 *   node --import tsx scripts/trained-weights.ts
 *
 * The fixture pins the bits training gives: test/trained-weights.test.ts runs the same training and
 * compares, so a rewrite of a loop, the optimiser or the recurrent op that changes one bit of a trained
 * weight fails there. The committed fixture was made by this script before the training step was
 * rewritten to show forward, loss, backward, clip and step one per line.
 *
 * Everything runs on tfjs's cpu backend, whose results are the same bits on every machine.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import {
  Adam,
  DataLoader,
  GRU,
  LSTM,
  LastStepRegressor,
  Linear,
  MLPRNN,
  Module,
  RNN,
  ReLU,
  SGD,
  Sequential,
  fit,
  historyWindows,
  measureHiddenGradNorms,
  seed,
  setRecurrentKernel,
  sinusoid,
  trainMLPRNN,
} from "../src";

/** One training run: the trained parameters by name, and the losses of its history. */
export interface TrainedRun {
  losses: number[];
  weights: Record<string, number[]>;
  /** ‖∂L/∂h_t‖ of a recurrent layer after training, where the run measures them. */
  hiddenGradNorms?: number[][];
}

const FIXTURE = join(__dirname, "..", "test", "fixtures", "trained-weights.json");

const weightsOf = (model: Module) =>
  Object.fromEntries(model.namedParameters().map(([name, p]) => [name, Array.from(p.dataSync())]));

/** Windows of 8 of the sinusoid with a feature axis, for the recurrent models. */
function sequenceBatches(shuffle: boolean) {
  return new DataLoader(historyWindows(sinusoid(120, 25), 8), {
    batchSize: 16,
    shuffle,
    featureAxis: true,
  });
}

async function mlpWithClipping(): Promise<TrainedRun> {
  seed(1);
  const model = new Sequential(new Linear(2, 8), new ReLU(), new Linear(8, 1));
  const windows = historyWindows(sinusoid(100, 20), 2);
  const train = new DataLoader(windows, { batchSize: 16, shuffle: true });
  const history = await fit(model, train, {
    epochs: 4,
    lr: 0.02,
    clip: 0.05,
    validation: new DataLoader(windows),
    verbose: false,
  });
  return { losses: history.flatMap((r) => [r.trainLoss, r.valLoss!]), weights: weightsOf(model) };
}

async function lstmWithNesterov(): Promise<TrainedRun> {
  seed(2);
  const model = new LastStepRegressor(new LSTM({ inputSize: 1, hiddenSize: 5 }));
  const optimizer = new SGD(model, { lr: 0.1, momentum: 0.9, nesterov: true });
  const history = await fit(model, sequenceBatches(true), { epochs: 3, optimizer, verbose: false });
  return { losses: history.map((r) => r.trainLoss), weights: weightsOf(model) };
}

/** Two stacked GRU layers with Adam; then the gradient norms through time of a tanh RNN on the same data. */
async function gruAndGradientNorms(): Promise<TrainedRun> {
  seed(3);
  const model = new LastStepRegressor(new GRU({ inputSize: 1, hiddenSize: 4, numLayers: 2 }));
  const history = await fit(model, sequenceBatches(false), {
    epochs: 3,
    lr: 0.01,
    clip: 1,
    verbose: false,
  });
  const rnn = new RNN({ inputSize: 1, hiddenSize: 6, numLayers: 2 });
  const [x] = sequenceBatches(false).first();
  const norms = measureHiddenGradNorms(rnn, x, (output) => tf.mean(tf.square(output)) as tf.Scalar);
  x.dispose();
  return {
    losses: history.map((r) => r.trainLoss),
    weights: weightsOf(model),
    hiddenGradNorms: norms.map((n) => Array.from(n)),
  };
}

/** The readable BPTT kernel instead of the fast one, with Adam on a user-made optimizer. */
async function rnnOnTheReadableKernel(): Promise<TrainedRun> {
  seed(4);
  setRecurrentKernel("readable");
  try {
    const model = new LastStepRegressor(new RNN({ inputSize: 1, hiddenSize: 6 }));
    const optimizer = new Adam(model, { lr: 0.01, betas: [0.8, 0.99] });
    const history = await fit(model, sequenceBatches(true), {
      epochs: 3,
      optimizer,
      verbose: false,
    });
    return { losses: history.map((r) => r.trainLoss), weights: weightsOf(model) };
  } finally {
    setRecurrentKernel("auto");
  }
}

async function mlpRnnInChunks(): Promise<TrainedRun> {
  seed(5);
  const model = new MLPRNN(2);
  const history = await trainMLPRNN(model, sinusoid(60, 20), {
    epochs: 3,
    lr: 0.01,
    updateEvery: 10,
    clip: 0.5,
    verbose: false,
  });
  return { losses: history.map((r) => r.loss), weights: weightsOf(model) };
}

/** Every run, by name, on the cpu backend. */
export async function trainReferenceModels(): Promise<Record<string, TrainedRun>> {
  const backend = tf.getBackend();
  await tf.setBackend("cpu");
  try {
    return {
      "fit: MLP, Adam, clipping, validation": await mlpWithClipping(),
      "fit: LSTM, SGD with Nesterov momentum": await lstmWithNesterov(),
      "fit: stacked GRU, Adam, clipping; RNN gradient norms": await gruAndGradientNorms(),
      "fit: RNN on the readable kernel, Adam": await rnnOnTheReadableKernel(),
      "trainMLPRNN: updates every 10 steps, clipping": await mlpRnnInChunks(),
    };
  } finally {
    if (backend) await tf.setBackend(backend);
  }
}

if (require.main === module) {
  trainReferenceModels().then((runs) => {
    writeFileSync(FIXTURE, JSON.stringify(runs) + "\n");
    console.log(`wrote ${FIXTURE}`);
  });
}
