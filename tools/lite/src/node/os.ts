/** `os` in the kernel's worker: how many cores the browser reports. */
export function availableParallelism(): number {
  return globalThis.navigator?.hardwareConcurrency || 1;
}

export default { availableParallelism };
