import { defineConfig } from "vitest/config";

// The WebGPU tests (`npm run test:webgpu`; named *.webgpu.ts, so `npm test` leaves them out): the fused WebGPU
// kernel, the PyTorch-parity tests and one lecture, all on tfjs's webgpu backend. They need a WebGPU adapter:
// any GPU with Vulkan, Metal or Direct3D 12, or on Linux without one Mesa's lavapipe >= 25 (CI installs it with
// .ci/lavapipe). No adapter is a failure, not a skip.
export default defineConfig({
  test: {
    include: ["test/webgpu/**/*.webgpu.ts", "fast/test/**/*.webgpu.ts", "test/torch-parity.test.ts"],
    env: { COURSE_BACKEND: "webgpu" },
    pool: "forks",
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
