/**
 * Where the browser build of the library finds the files it loads at run time (TensorFlow.js's
 * WebAssembly binaries, the PNG renderer and its fonts): by default next to the script that runs
 * it, as tfjs's own wasm backend does; a page that serves them elsewhere says where with
 * `setAssetBase`.
 */
let base: string | undefined;

export function setAssetBase(url: string): void {
  base = url.endsWith("/") ? url : `${url}/`;
}

/** The address of asset `name` (e.g. "tfjs/tfjs-backend-wasm-simd.wasm"). */
export function assetUrl(name: string): string {
  const here = (globalThis as { location?: { href: string } }).location?.href;
  return new URL(name, base ?? here).href;
}
