/**
 * Free TCP ports for a kernel's five sockets. The OS picks them (bind to port 0), so parallel runs do not
 * guess; a port handed out here is not handed out again by this process while kernels may still hold it.
 * Another process can still take a port between our probe and the kernel's bind: jupyter-client.ts retries then.
 */
import { createServer, type Server } from "node:net";

const handedOut = new Set<number>();

export async function freePorts(count: number, host = "127.0.0.1"): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const servers = await Promise.all(Array.from({ length: count - ports.length }, () => listen(host)));
    for (const server of servers) {
      const port = (server.address() as { port: number }).port;
      if (!handedOut.has(port) && !ports.includes(port)) ports.push(port);
    }
    await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  }
  for (const port of ports) handedOut.add(port);
  return ports;
}

/** Lets the ports of a kernel that has exited be handed out again. */
export function releasePorts(ports: number[]): void {
  for (const port of ports) handedOut.delete(port);
}

function listen(host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => resolve(server));
  });
}
