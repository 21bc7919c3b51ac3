import { describe, expect, it } from "vitest";
import { compileSimdModule, generatedSource } from "../scripts/build-wasm";
import { SIMD_WASM_BASE64 } from "../src/simd-wasm";

describe("the committed SIMD module", () => {
  it("is what assembly/*.ts compiles to (run `npm run build:wasm` after editing them)", () => {
    const fresh = compileSimdModule();
    expect(Buffer.from(SIMD_WASM_BASE64, "base64").equals(fresh)).toBe(true);
    expect(generatedSource(fresh)).toContain(SIMD_WASM_BASE64);
  });
});
