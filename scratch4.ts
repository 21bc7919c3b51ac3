import { seed, useDevice, sinusoid, MLPRNN, trainMLPRNN } from "./src";
(async () => {
  await useDevice();
  const series = sinusoid(200, 50);
  for (const [every, lr] of [[1, 0.01], [10, 0.01], [199, 0.01], [1, 0.001], [1, 0.003], [10, 0.03], [199, 0.1], [199, 0.03]] as const) {
    seed(27);
    const m = new MLPRNN(1);
    const t0 = Date.now();
    const h = await trainMLPRNN(m, series, { epochs: 8, lr, updateEvery: every, verbose: false });
    console.log(`N=${every} lr=${lr}: ${Date.now() - t0} ms, losses ${h.map((r) => r.loss.toFixed(4)).join(" ")}`);
  }
})();
