/**
 * Globals the kernel's worker adds to a Web Worker's, as Node has them (src/node/immediate.ts): cells are
 * checked against this file besides lib.es2022.d.ts and lib.webworker.d.ts.
 */
declare function setImmediate<A extends unknown[]>(
  callback: (...args: A) => void,
  ...args: A
): number;
declare function clearImmediate(id: number | undefined): void;
