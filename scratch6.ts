import * as tf from "@tensorflow/tfjs";
import { seed, useDevice, sinusoid, MLPRNN, trainMLPRNN, runMLPRNN } from "./src";
(async () => {
  await useDevice();
  const series = sinusoid(200, 50);
  const t0 = Date.now();
  for (const N of [1, 10, 199]) {
    for (const lr of [0.001, 0.01, 0.1]) {
      seed(27);
      const m = new MLPRNN(1);
      const h = await trainMLPRNN(m, series, { epochs: 8, lr, updateEvery: N, verbose: false });
      const run = runMLPRNN(m, series.slice(0, -1));
      const p = run.predictions.dataSync();
      tf.dispose([run.predictions, run.memory]); m.dispose();
      console.log(`N=${N} lr=${lr}: final ${h[7].loss.toFixed(4)}  p50 ${p[50].toFixed(4)} p75 ${p[75].toFixed(4)}`);
    }
  }
  console.log(Date.now() - t0, "ms");
})();
