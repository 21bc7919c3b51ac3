/**
 * Node's `setImmediate` and `clearImmediate` in the kernel's worker, for the library (it yields to the event
 * loop between epochs) and for cells, as in tslab (`await new Promise(setImmediate)`): a task queued through
 * a MessageChannel, which runs as soon as the worker is free, without the 4 ms that browsers add to nested
 * `setTimeout(…, 0)`. Cells see them as globals (`installImmediate`), declared in `lib.kernel.d.ts`.
 */
const channel = new MessageChannel();
const queue: { id: number; run: () => void }[] = [];
let lastId = 0;
channel.port1.onmessage = () => queue.shift()?.run();

export function setImmediate<A extends unknown[]>(
  callback: (...args: A) => void,
  ...args: A
): number {
  const id = ++lastId;
  queue.push({ id, run: () => callback(...args) });
  channel.port2.postMessage(null);
  return id;
}

export function clearImmediate(id: number | undefined): void {
  const at = queue.findIndex((task) => task.id === id);
  if (at >= 0) queue[at].run = () => {}; // its message is still on its way: it then runs nothing
}

/** Makes them globals, for code that is not bundled (the cells). */
export function installImmediate(): void {
  Object.assign(globalThis, { setImmediate, clearImmediate });
}
