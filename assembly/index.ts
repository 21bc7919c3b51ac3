// The SIMD module's exports: a recurrent layer's loops over time (one or two threads), matrix products,
// layout changes. It works in memory it imports, shared with a second thread when there is one.
export { gemm, gemmLongK, packB } from "./gemm";
export { gemmLongKRows, gemmRows, gruBackward, gruForward, lstmBackward, lstmForward, rnnBackward, rnnForward } from "./layers";
export { addColumnSums, heapBase } from "./cells";
export { toBatchFirst, toTimeMajor } from "./layout";
