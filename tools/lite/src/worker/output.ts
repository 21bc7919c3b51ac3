/**
 * What a cell shows, sent to the page as the running cell's outputs. As in tslab, `console.log` and friends are
 * streams (stdout; `console.error` and `console.warn` stderr), formatted as Node formats them
 * (util.format / util.inspect, from node-inspect-extracted), and anything printed after a cell ended (a timer)
 * goes to the cell that ran last. Rich outputs go through the display channel (./display).
 */
import { formatWithOptions } from "node-inspect-extracted";
import type { FromWorker } from "../protocol";

let current = "";
const post = (message: FromWorker) =>
  (self as unknown as { postMessage(m: FromWorker): void }).postMessage(message);

/** Outputs from now on belong to request `id`. */
export function setCurrentRequest(id: string): void {
  current = id;
}

export function currentRequest(): string {
  return current;
}

export function send(message: FromWorker): void {
  post(message);
}

export function write(name: "stdout" | "stderr", text: string): void {
  if (text) post({ type: "stream", id: current, name, text });
}

const print =
  (name: "stdout" | "stderr") =>
  (...args: unknown[]) =>
    write(name, `${formatWithOptions({}, ...args)}\n`);

/** Replaces the worker's console: what the student prints becomes the cell's output, as in tslab. */
export function captureConsole(): void {
  const browserConsole = globalThis.console;
  const stdout = print("stdout");
  const stderr = print("stderr");
  const timers = new Map<string, number>();
  const counts = new Map<string, number>();
  globalThis.console = Object.assign(Object.create(browserConsole) as Console, {
    log: stdout,
    info: stdout,
    debug: stdout,
    error: stderr,
    warn: stderr,
    trace: (...args: unknown[]) =>
      stderr(
        `Trace: ${formatWithOptions({}, ...args)}\n${new Error().stack?.split("\n").slice(2).join("\n") ?? ""}`,
      ),
    dir: (value: unknown) => write("stdout", `${formatWithOptions({}, "%O", value)}\n`),
    time: (label = "default") => void timers.set(label, performance.now()),
    timeEnd: (label = "default") => {
      const start = timers.get(label);
      timers.delete(label);
      if (start !== undefined) stdout(`${label}: ${(performance.now() - start).toFixed(3)}ms`);
    },
    count: (label = "default") => {
      counts.set(label, (counts.get(label) ?? 0) + 1);
      stdout(`${label}: ${counts.get(label)}`);
    },
  });
}
