// The SIMD module's exports: matrix products, the per-step cell kernels and layout changes.
export { gemm, gemmLongK, packB } from "./gemm";
export { addColumnSums, fillRows, gruStep, gruStepBack, heapBase, lstmStep, lstmStepBack, rnnStep, rnnStepBack } from "./cells";
export { toBatchFirst, toTimeMajor } from "./layout";
