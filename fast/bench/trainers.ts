/**
 * What the benchmark times: one training step (forward, backward, update on one batch) of each
 * implementation. `library` is this course's code path (recurrent layer = one tfjs op running the chosen
 * BPTT kernel, then Linear, mseLoss, Adam); `tfjs-layers` is idiomatic TensorFlow.js (tf.layers + trainOnBatch).
 */
import * as tf from "@tensorflow/tfjs";
import { GRU, LSTM, RNN, RecurrentModule } from "../../src/nn/rnn";
import { Linear } from "../../src/nn/linear";
import { ReLU } from "../../src/nn/activations";
import { Sequential } from "../../src/nn/sequential";
import { Module } from "../../src/nn/module";
import { mseLoss } from "../../src/nn/functional";
import { Adam } from "../../src/nn/optim";
import { setRecurrentKernel } from "../../src/nn/recurrent";
import { stopIfNotFinite } from "../../src/training/not-finite";
import { setKernelThreads } from "rnn-course-fast";
import { seed } from "../../src/seed";
import { LEARNING_RATE, Workload } from "./workloads";

export interface Trainer {
  /** One step on (x, y); resolves to the loss. */
  step(x: tf.Tensor, y: tf.Tensor): number | Promise<number>;
  dispose(): void;
}

/** A recurrent layer and a linear head on every step's hidden state. */
class Regressor extends Module {
  private readonly rnn: RecurrentModule;
  private readonly head: Linear;

  constructor(w: Workload) {
    super();
    const options = { inputSize: 1, hiddenSize: w.hidden };
    const rnn = w.model === "lstm" ? new LSTM(options) : w.model === "gru" ? new GRU(options) : new RNN(options);
    this.rnn = this.addModule("rnn", rnn);
    this.head = this.addModule("head", new Linear(w.hidden, 1));
  }

  forward(x: tf.Tensor): tf.Tensor {
    return this.head.forward(this.rnn.forward(x).output);
  }
}

/**
 * The course library, with the recurrent kernel `kernel` ("auto": the one for the backend, or "fast", "readable")
 * and the WebAssembly kernel on up to `threads` threads.
 */
export function libraryTrainer(w: Workload, kernel: string, threads: number): Trainer {
  setRecurrentKernel(kernel);
  setKernelThreads(threads);
  seed(0);
  const model: Module =
    w.model === "mlp" ? new Sequential(new Linear(2, 32), new ReLU(), new Linear(32, 8), new ReLU(), new Linear(8, 1)) : new Regressor(w);
  const optimizer = new Adam(model, { lr: LEARNING_RATE });
  return {
    // fit's step: forward and loss, backward, the NaN check on the loss, the update
    step: (x, y) =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => mseLoss(model.forward(x) as tf.Tensor, y), optimizer.parameters);
        const loss = value.dataSync()[0];
        stopIfNotFinite("loss", loss, "a timed step");
        optimizer.step(grads);
        return loss;
      }),
    dispose: () => {
      optimizer.dispose();
      model.dispose();
    },
  };
}

/** Idiomatic TensorFlow.js: tf.layers (PyTorch's sigmoid gates, not tfjs's default hard sigmoid), trainOnBatch. */
export function tfjsLayersTrainer(w: Workload): Trainer {
  const model = tf.sequential();
  if (w.model === "mlp") {
    model.add(tf.layers.dense({ units: 32, activation: "relu", inputShape: [w.length] }));
    model.add(tf.layers.dense({ units: 8, activation: "relu" }));
  } else {
    const options = { units: w.hidden, returnSequences: true, inputShape: [w.length, 1] };
    if (w.model === "rnn") model.add(tf.layers.simpleRNN(options));
    else if (w.model === "lstm") model.add(tf.layers.lstm({ ...options, recurrentActivation: "sigmoid" }));
    else model.add(tf.layers.gru({ ...options, recurrentActivation: "sigmoid" }));
  }
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(LEARNING_RATE), loss: "meanSquaredError" });
  return {
    step: async (x, y) => (await model.trainOnBatch(x, y)) as number,
    dispose: () => {
      model.optimizer.dispose();
      model.dispose();
    },
  };
}
