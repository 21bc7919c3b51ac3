// The SIMD module's exports: matrix products and the per-step cell kernels.
export { gemm, gemmLongK, packB } from "./gemm";
export { addColumnSums, fillRows, gruStep, gruStepBack, heapBase, lstmStep, lstmStepBack, rnnStep, rnnStepBack } from "./cells";
