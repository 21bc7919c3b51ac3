/**
 * Node's `setImmediate` in the kernel's worker (the library yields to the event loop with it between epochs):
 * a task queued through a MessageChannel, which runs as soon as the worker is free, without the 4 ms that
 * browsers add to nested `setTimeout(…, 0)`.
 */
const channel = new MessageChannel();
const queue: (() => void)[] = [];
channel.port1.onmessage = () => queue.shift()?.();

export function setImmediate(callback: (...args: unknown[]) => void, ...args: unknown[]): void {
  queue.push(() => callback(...args));
  channel.port2.postMessage(null);
}
