import * as tf from "@tensorflow/tfjs";
import { seed, useDevice, sinusoid, MLPRNN, trainMLPRNN, runMLPRNN } from "./src";
(async () => {
  await useDevice();
  const series = sinusoid(200, 50);
  const trainEnd = 150;
  const t0 = Date.now();
  for (const size of [1, 2, 4, 8]) {
    const row: string[] = [];
    for (const s of [27, 28, 29]) {
      seed(s);
      const m = new MLPRNN(size);
      const h = await trainMLPRNN(m, series.slice(0, trainEnd), { epochs: 12, lr: 0.01, updateEvery: 10, verbose: false });
      const run = runMLPRNN(m, series.slice(0, -1));
      const p = run.predictions.dataSync();
      let se = 0; for (let t = trainEnd - 1; t < 199; t++) se += (p[t] - series[t + 1]) ** 2;
      tf.dispose([run.predictions, run.memory]); m.dispose();
      row.push(`${(se / (199 - trainEnd + 1)).toFixed(4)} (train ${h[h.length - 1].loss.toFixed(4)})`);
    }
    console.log(`size ${size}: ${row.join("  ")}`);
  }
  console.log(Date.now() - t0, "ms");
})();
