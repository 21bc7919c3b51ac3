/**
 * `worker_threads` in the kernel's worker: none. The fast kernel's helper thread needs memory shared between
 * threads, which a page without cross-origin isolation cannot have; the kernel stays on one thread (it does
 * by itself wherever a thread cannot start).
 */
const unavailable = () => {
  throw new Error("worker_threads is not available in the browser: the kernel runs on one thread");
};

export class Worker {
  constructor() {
    unavailable();
  }
}
export class MessageChannel {
  constructor() {
    unavailable();
  }
}
export class MessagePort {}
export const receiveMessageOnPort = unavailable;
