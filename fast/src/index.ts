/**
 * rnn-course-fast: the fast path of the course library, a package of its own so that the teaching library
 * (src/) reads without it. The library loads it and runs its kernels by default; it knows them only through
 * the kernel contract (rnn-course-contract, the one package this one imports, which the library imports too)
 * and the interface of src/fast-path.ts, which this file provides.
 */
export { fastKernel, kernelParts } from "./fast-kernel";
export { helperThreadRunning, kernelThreads, setKernelThreads } from "./team";
export { webgpuKernel } from "./webgpu/webgpu-kernel";
export { captureDawnTicks, enableReadSync, readAll } from "./webgpu/read-sync";
