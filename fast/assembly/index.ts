// The SIMD module's exports: a recurrent layer's loops over time (for a range of batch rows), matrix
// products, layout changes. It works in memory it imports, shared with a second thread when there is one.
export { gemm, gemmLongK, packB } from "./gemm";
export { gruBackward, gruForward, lstmBackward, lstmForward, rnnBackward, rnnForward } from "./layers";
export { addColumnSums, heapBase } from "./cells";
export { toBatchFirst, toTimeMajor } from "./layout";
