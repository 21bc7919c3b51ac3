/**
 * rnn-course-contract: what the course library (src/) and its fast path (rnn-course-fast, fast/)
 * agree on, in one package both import, so that neither imports the other's code: the contract a
 * recurrent kernel keeps, and the error type both throw.
 */
export * from "./errors";
export * from "./recurrent-kernel";
