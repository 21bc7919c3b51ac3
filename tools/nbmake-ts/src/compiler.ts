/**
 * The shared compiler: one worker thread per tslab installation (compile-service.cjs) does the TypeScript
 * work of every kernel this process starts; each kernel reaches it through a pipe on its fd 3
 * (compile-client.cjs). This side relays lines between the kernels' pipes and the worker.
 *
 * Why: tslab compiles every cell with its own TypeScript compiler, and a fresh kernel runs that compiler
 * cold (parsing the type declarations, V8 not yet optimising the compiler's code). That was about 80% of
 * what a course notebook cost. A warm compiler does the same work in about half the time.
 */
import type { ChildProcess } from "node:child_process";
import { realpathSync } from "node:fs";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";
import { Worker } from "node:worker_threads";

/** Node options that preload the client into a kernel; the pipe it talks through is the child's fd 3. */
export const CLIENT_PRELOAD = ["--require", join(__dirname, "compile-client.cjs")];
const SERVICE = join(__dirname, "compile-service.cjs");
/** A worker with no kernel left stops after this long, unless another kernel starts. */
const IDLE_MS = 10_000;

interface Service {
  worker: Worker;
  pipes: Map<number, Writable>;
  idle?: NodeJS.Timeout;
}

const services = new Map<string, Service>();
let kernels = 0;

/** Serves the compiler of the tslab in folder `tslab` to a kernel spawned with CLIENT_PRELOAD and `stdio[3] = "pipe"`. */
export function serveCompiler(tslab: string, child: ChildProcess): void {
  const service = serviceFor(realpathSync(tslab));
  const kernel = kernels++;
  const pipe = child.stdio[3] as Readable & Writable;
  service.pipes.set(kernel, pipe);
  clearTimeout(service.idle);
  let pending = "";
  pipe.on("data", (chunk: Buffer) => {
    const lines = (pending + chunk.toString("utf8")).split("\n");
    pending = lines.pop()!;
    for (const line of lines) service.worker.postMessage({ kernel, line });
  });
  pipe.on("error", () => {}); // the kernel was killed mid-answer: its converters are dropped on close
  pipe.on("close", () => {
    service.pipes.delete(kernel);
    service.worker.postMessage({ kernel, closed: true });
    if (service.pipes.size === 0) service.idle = setTimeout(() => void stop(service), IDLE_MS).unref();
  });
}

/** Stops every compile service of this process (they also stop by themselves when idle); kernels still running get an error on their next cell. */
export async function stopCompilers(): Promise<void> {
  await Promise.all([...new Set(services.values())].map(stop));
}

function serviceFor(tslab: string): Service {
  const known = services.get(tslab);
  if (known) return known;
  // No execArgv: the worker needs plain Node, not the TypeScript loader this process may run under.
  const worker = new Worker(SERVICE, { workerData: { tslab }, execArgv: [] });
  const service: Service = { worker, pipes: new Map() };
  worker.on("message", ({ kernel, line }: { kernel: number; line: string }) => service.pipes.get(kernel)?.write(`${line}\n`));
  // A crashed service must not leave kernels blocked on an answer: closing their pipes fails their cell.
  worker.on("error", (error) => {
    console.error(`nbmake-ts: the compile service failed: ${error.stack ?? error}`);
    void stop(service);
  });
  worker.on("exit", () => void stop(service));
  // After the listeners: adding a "message" listener refs the worker again, and the runner's process then
  // waited out the idle stop (10 s) before it could exit.
  worker.unref();
  services.set(tslab, service);
  return service;
}

async function stop(service: Service): Promise<void> {
  for (const [tslab, known] of services) if (known === service) services.delete(tslab);
  for (const pipe of service.pipes.values()) pipe.destroy();
  service.pipes.clear();
  clearTimeout(service.idle);
  await service.worker.terminate();
}
