/** `crypto` in the kernel's worker: random bytes from the browser's generator, as a Buffer. */
import { Buffer } from "buffer";

export function randomBytes(size: number): Buffer {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(size)));
}

export default { randomBytes };
