/**
 * The SIMD module (assembly/*.ts compiled to WebAssembly) and the memory it works in.
 *
 * WebAssembly code reads and writes only its own linear memory, so a kernel copies its inputs in, runs,
 * and copies its results out. A `SimdWorkspace` is one instance of the module with its own memory, laid out
 * per call as named float buffers; the memory grows when a call needs more and is reused afterwards.
 * The memory is shared (a SharedArrayBuffer underneath), so the kernel's helper thread can work in it too.
 */
import { SIMD_WASM_BASE64 } from "./simd-wasm";
import { TeamFunction, TeamWorkspace } from "./team";

/**
 * The slice of the WebAssembly JS API used here (the project's TypeScript lib has no DOM types, which is
 * where TypeScript declares WebAssembly).
 */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** What the module exports. Pointers are byte offsets into its memory; sizes and strides count floats. */
export interface SimdExports {
  heapBase(): number;
  packB(k: number, n: number, src: number, sk: number, sn: number, dst: number): void;
  gemm(m: number, n: number, k: number, a: number, sa: number, sk: number, bp: number, c: number, ldc: number, add: boolean): void;
  gemmLongK(
    m: number, n: number, k: number, a: number, sa: number, sk: number,
    b: number, sbk: number, sbn: number, c: number, ldc: number, work: number, add: boolean,
  ): void;
  addColumnSums(rows: number, n: number, src: number, dst: number): void;
  toTimeMajor(batch: number, steps: number, n: number, src: number, np: number, dst: number): void;
  toBatchFirst(batch: number, steps: number, np: number, src: number, n: number, dst: number): void;
}

let compiled: object | null = null;

function simdModule(): object {
  compiled ??= new wasm.Module(Buffer.from(SIMD_WASM_BASE64, "base64"));
  return compiled;
}

/** Buffers sit on 64-byte boundaries (one cache line, and any SIMD load is aligned). */
const ALIGN_FLOATS = 16;
const PAGE_BYTES = 65536;
/** The most a shared memory may grow to (4 GiB, all a 32-bit WebAssembly memory can address). */
const MAX_PAGES = 65536;

export class SimdWorkspace implements TeamWorkspace {
  readonly memory = new wasm.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
  readonly module = simdModule();
  readonly simd: SimdExports;
  /** The first float offset free for buffers (below it: the module's own data). */
  readonly start: number;

  constructor() {
    this.simd = new wasm.Instance(this.module, { env: { memory: this.memory, abort: moduleAbort } }).exports as unknown as SimdExports;
    this.start = roundUp(this.simd.heapBase() / 4, ALIGN_FLOATS);
  }

  call(name: TeamFunction, args: number[]): void {
    (this.simd as unknown as Record<TeamFunction, (...a: number[]) => void>)[name](...args);
  }

  /**
   * Places buffers of the given float sizes one after another from float offset `from`, grows the memory
   * to hold them, and returns each buffer's float offset plus `end`, the first offset after them.
   */
  layout<K extends string>(from: number, sizes: Record<K, number>): Record<K, number> & { end: number } {
    const offsets = {} as Record<K, number> & { end: number };
    let next = roundUp(from, ALIGN_FLOATS);
    for (const name of Object.keys(sizes) as K[]) {
      offsets[name] = next as (Record<K, number> & { end: number })[K];
      next = roundUp(next + sizes[name], ALIGN_FLOATS);
    }
    offsets.end = next;
    const needed = next * 4 - this.memory.buffer.byteLength;
    if (needed > 0) this.memory.grow(Math.ceil(needed / PAGE_BYTES));
    return offsets;
  }

  /** A float view of the whole memory (take a fresh one after `layout`: growing replaces the buffer). */
  get heap(): Float32Array {
    return new Float32Array(this.memory.buffer);
  }
}

function roundUp(n: number, multiple: number): number {
  return Math.ceil(n / multiple) * multiple;
}

function moduleAbort(): never {
  throw new Error("the SIMD module aborted (this is a bug in the library)");
}
