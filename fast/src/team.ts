/**
 * The fast kernel's second thread. A big layer's work is cut into two parts (halves of the batch, or of a
 * product's rows); with a helper thread, the main thread and the helper run the same WebAssembly function
 * on the same shared memory at the same time, each on its own part. Without one (one core, `setKernelThreads(1)`, or a process
 * not allowed to start threads, like the autograder's sandbox) the main thread does both parts itself, with
 * the same results to the bit.
 *
 * The helper is a worker thread that sleeps until asked to call one export of the module on one
 * workspace's memory. It is started on first need and never keeps the process alive.
 */
import { availableParallelism } from "node:os";
import { MessageChannel, MessagePort, Worker, receiveMessageOnPort } from "node:worker_threads";
import { check } from "rnn-course-contract";

/** The exports the helper may be asked to call. */
export const TEAM_FUNCTIONS = [
  "lstmForward", "gruForward", "rnnForward", "lstmBackward", "gruBackward", "rnnBackward", "gemm", "gemmLongK",
] as const;
export type TeamFunction = (typeof TEAM_FUNCTIONS)[number];

/** Int32 slots of the control buffer shared with the helper; the call's arguments follow as float64. */
const REQUESTED = 0, SERVED = 1, FAILED = 2, READY = 3, ARGS_BYTE = 16, MAX_ARGS = 32;
/** Checks of SERVED before sleeping: both threads usually finish within microseconds of each other. */
const SPINS = 20000;
/** How long a starting helper may take to say it is ready before the kernel goes on without it. */
const START_TIMEOUT_MS = 10000;

/** The helper's side, plain JS run with `eval`: wait for a request, attach new memories, call, report. */
const HELPER_SOURCE = `
const { workerData, receiveMessageOnPort } = require("node:worker_threads");
const { module, control, port, names } = workerData;
const flags = new Int32Array(control, 0, 4), args = new Float64Array(control, ${ARGS_BYTE});
const instances = [];
const abort = () => { throw new Error("the SIMD module aborted"); };
Atomics.store(flags, ${READY}, 1);
Atomics.notify(flags, ${READY});
for (let served = 0; ; ) {
  Atomics.wait(flags, ${REQUESTED}, served);
  served = Atomics.load(flags, ${REQUESTED});
  for (let m; (m = receiveMessageOnPort(port)); ) {
    instances[m.message.id] = new WebAssembly.Instance(module, { env: { memory: m.message.memory, abort } }).exports;
  }
  try {
    instances[args[0]][names[args[1]]](...args.subarray(3, 3 + args[2]));
    flags[${FAILED}] = 0;
  } catch (error) {
    flags[${FAILED}] = 1;
    port.postMessage(String((error && error.stack) || error));
  }
  Atomics.store(flags, ${SERVED}, served);
  Atomics.notify(flags, ${SERVED});
}
`;

class Helper {
  private readonly flags: Int32Array;
  private readonly args: Float64Array;
  /** Which instance on the helper's side works on each memory. */
  private readonly attached = new WeakMap<object, number>();
  private memories = 0;
  private requests = 0;

  constructor(control: SharedArrayBuffer, private readonly port: MessagePort) {
    this.flags = new Int32Array(control, 0, 4);
    this.args = new Float64Array(control, ARGS_BYTE, MAX_ARGS);
  }

  /** Waits (up to `ms`) for the helper to start running. */
  ready(ms: number): boolean {
    return Atomics.wait(this.flags, READY, 0, ms) !== "timed-out";
  }

  /** Starts `name(...args)` on the helper, in the instance that works on `memory`. */
  start(memory: object, name: TeamFunction, args: number[]): void {
    this.finish(); // a call cut short (an interrupted cell) must not still be running on the same memory
    let id = this.attached.get(memory);
    if (id === undefined) {
      id = this.memories++;
      this.attached.set(memory, id);
      this.port.postMessage({ id, memory });
    }
    this.args.set([id, TEAM_FUNCTIONS.indexOf(name), args.length, ...args]);
    Atomics.store(this.flags, REQUESTED, ++this.requests);
    Atomics.notify(this.flags, REQUESTED);
  }

  /** Waits until the helper has served every request. */
  finish(): void {
    for (let spin = 0; spin < SPINS && Atomics.load(this.flags, SERVED) !== this.requests; spin++);
    // Sleep only while SERVED still holds the value just seen: the helper may store the last one at any moment.
    for (let seen; (seen = Atomics.load(this.flags, SERVED)) !== this.requests; ) Atomics.wait(this.flags, SERVED, seen);
    if (this.flags[FAILED]) {
      this.flags[FAILED] = 0;
      throw new Error(`the kernel's helper thread failed (a bug in the library): ${receiveMessageOnPort(this.port)?.message}`);
    }
  }
}

let wanted = availableParallelism() > 1 ? 2 : 1;
let helper: Helper | null | undefined; // undefined: not tried yet; null: could not start

/** Threads the fast kernel may use: 2 (the default where there are two cores or more) or 1. */
export function setKernelThreads(count: number): void {
  check(count === 1 || count === 2, "setKernelThreads(count)", "1 or 2", count);
  wanted = count;
}

/** Threads the fast kernel may use (see setKernelThreads). */
export function kernelThreads(): number {
  return wanted;
}

/** Whether the helper thread has been started (it starts with the first layer big enough to share). */
export function helperThreadRunning(): boolean {
  return !!helper;
}

function startHelper(module: object): Helper | null {
  let worker: Worker | undefined;
  try {
    const control = new SharedArrayBuffer(ARGS_BYTE + 8 * MAX_ARGS);
    const { port1, port2 } = new MessageChannel();
    worker = new Worker(HELPER_SOURCE, {
      eval: true,
      workerData: { module, control, port: port2, names: [...TEAM_FUNCTIONS] },
      transferList: [port2],
    });
    worker.unref();
    port1.unref();
    const started = new Helper(control, port1);
    if (started.ready(START_TIMEOUT_MS)) return started;
    void worker.terminate();
    return null;
  } catch {
    return null; // e.g. the permission model without --allow-worker: one thread it is
  }
}

export interface TeamWorkspace {
  readonly memory: object;
  readonly module: object;
  call(name: TeamFunction, args: number[]): void;
}

/**
 * The rows [start, start + count) of n rows that part p takes when they are cut into `parts`: evenly, each
 * part starting on a multiple of 4 (a row tile of the matrix products).
 */
export function partRows(n: number, p: number, parts: number): [start: number, count: number] {
  const start = (q: number) => (q === parts ? n : Math.floor((Math.floor(n / parts) * q) / 4) * 4);
  return [start(p), start(p + 1) - start(p)];
}

/**
 * Makes the calls `call(0)`, ..., `call(parts - 1)` (an export's name and arguments each; parts is 1 or 2)
 * and returns when all are done: with a helper thread, part 1 runs there while part 0 runs here.
 */
export function runParts(ws: TeamWorkspace, parts: number, call: (part: number) => [TeamFunction, number[]]): void {
  if (parts === 1) return ws.call(...call(0));
  if (wanted > 1 && helper === undefined) helper = startHelper(ws.module);
  if (wanted > 1 && helper) {
    helper.start(ws.memory, ...call(1));
    ws.call(...call(0));
    helper.finish();
  } else {
    ws.call(...call(0));
    ws.call(...call(1));
  }
}
