/** Parallel kernels must not collide on ports: distinct OS-picked ports, and a retry when one was taken anyway. */
import { createServer } from "node:net";
import { afterAll, expect, it, vi } from "vitest";
import { JupyterClient } from "../../tools/nbmake-ts/src/jupyter-client";
import { repo } from "./project";

const taken = vi.hoisted(() => ({ port: 0, probes: 0 }));

// The first probe hands the kernel a port that another process (our server below) already listens on.
vi.mock("../../tools/nbmake-ts/src/ports", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../tools/nbmake-ts/src/ports")>();
  const freePorts = async (count: number, host?: string) => {
    const ports = await real.freePorts(count, host);
    return taken.probes++ === 0 ? [taken.port, ...ports.slice(1)] : ports;
  };
  return { ...real, freePorts };
});

// Our client sockets of the first attempt connected to this server too: drop them when closing it.
const server = createServer((connection) => connection.destroy());
afterAll(() => new Promise((done) => server.close(done)));

it("a kernel whose port was taken meanwhile is restarted on fresh ports", async () => {
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  taken.port = (server.address() as { port: number }).port;
  const kernel = await JupyterClient.start(repo);
  try {
    expect(taken.probes).toBe(2);
    expect(kernel.ports).not.toContain(taken.port);
    expect((await kernel.execute("6 * 7", 30_000)).outputs).toEqual([{ output_type: "stream", name: "stdout", text: "42\n" }]);
  } finally {
    await kernel.shutdown();
  }
});

it("ports handed out at the same time are all different", async () => {
  const { freePorts, releasePorts } = await vi.importActual<typeof import("../../tools/nbmake-ts/src/ports")>("../../tools/nbmake-ts/src/ports");
  const batches = await Promise.all(Array.from({ length: 20 }, () => freePorts(5)));
  expect(new Set(batches.flat()).size).toBe(100);
  batches.forEach(releasePorts);
});
