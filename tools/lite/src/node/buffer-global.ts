/** The Buffer global, for the few library lines that use it (a PNG as base64, the SIMD module decoded). */
export { Buffer } from "buffer";
