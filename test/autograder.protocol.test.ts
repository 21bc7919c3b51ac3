/**
 * The grading protocol when the nonce is known to the other side: what a submission could do if a leak
 * were ever found again. A forger script takes the runner's place in the sandbox, reads the job (nonce
 * included) and sends what an attacker would. The parent must read on unhurt, never recurse on what it
 * got, and keep its own deadlines.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runChild, type Limits } from "../autograder/sandbox/child";
import { isolationFor } from "../autograder/sandbox/isolation";
import { LineReader, MAX_CHANNEL_BYTES, MAX_CONTAINERS, MAX_FRAME_BYTES, shapeWithin, readFrame, type Call } from "../autograder/sandbox/protocol";
import { sandboxTarget } from "../autograder/sandbox/target";

const root = join(__dirname, "..");
const folder = mkdtempSync(join(tmpdir(), "autograder-protocol-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let limits: (timeoutMs: number) => Limits;
beforeAll(async () => {
  const isolation = await isolationFor("auto");
  limits = (caseTimeoutMs) => ({ caseTimeoutMs, memoryMb: 256, deadline: Date.now() + 60_000, isolation });
});
const calls: Call[] = [
  { id: "first", fn: "f", args: [] },
  { id: "second", fn: "f", args: [] },
];
const nonce = "0123456789abcdef0123456789abcdef";

/** A child that reads the job and runs `body` with `send(frameJson)` and the job's nonce in scope. */
function forger(body: string): string {
  return `const fs = require("fs"); const job = JSON.parse(fs.readFileSync(3, "utf8"));
const send = (json) => fs.writeSync(3, job.nonce + " " + json + "\\n");
${body}`;
}
const run = (body: string, timeoutMs = 1500) => runChild(sandboxTarget(folder, join(folder, "none.ts"), root, { compiled: {} }), calls, limits(timeoutMs), (result) => result, forger(body));

describe("the parent's reading of frames", () => {
  it("refuses, without recursing or throwing, frames nested deeper than a frame can be", () => {
    const deep = `${nonce} {"kind":"value","id":"first","value":${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}}`;
    expect(readFrame(deep, nonce)).toBeUndefined();
    expect(shapeWithin(`{"a":"${"[".repeat(500)}"}`, 2)).toBe(true); // brackets inside strings do not nest
    expect(shapeWithin(`[${"[],".repeat(99)}[]]`, 2, 100)).toBe(false); // one array too many
    const arrays = (n: number) => `${nonce} {"kind":"value","id":"first","value":[${"[],".repeat(n - 2)}[]]}`; // n arrays in all
    expect(readFrame(arrays(MAX_CONTAINERS), nonce)).toBeDefined();
    expect(readFrame(arrays(MAX_CONTAINERS + 1), nonce)).toBeUndefined();
    const flat = readFrame(`${nonce} {"kind":"value","id":"first","value":{"__proto__":{"polluted":1},"x":[1]}}`, nonce);
    expect(flat).toEqual({ kind: "value", id: "first", value: { ["__proto__"]: { polluted: 1 }, x: [1] } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("ignores lines of another run and frames of the wrong shape", () => {
    expect(readFrame(`${"f".repeat(32)} {"kind":"loaded"}`, nonce)).toBeUndefined();
    expect(readFrame(`{"nonce":"${nonce}","kind":"loaded"}`, nonce)).toBeUndefined();
    for (const bad of ['{"kind":"start"}', '{"kind":"error","id":"x","name":1,"message":"m"}', '{"kind":"missing-export","id":"x","exports":[{}]}', "[]", "null", '{"kind":"other"}']) {
      expect(readFrame(`${nonce} ${bad}`, nonce)).toBeUndefined();
    }
  });

  it("keeps only lines that start with the nonce, however the lines are cut, and bounds each and the total", () => {
    const lines: string[] = [];
    const reader = new LineReader("n1 ", (line) => lines.push(line));
    const push = (text: string) => reader.push(Buffer.from(text, "latin1"));
    for (const chunk of ["n1 ab\nn", "1", " cd", "e\n\nx", "y n1 z\nn2 w\nn1\nn1 \n"]) expect(push(chunk)).toBeUndefined();
    expect(lines).toEqual(["n1 ab", "n1 cde", "n1 "]);
    // A line without the nonce is skipped as it comes, never held: any length is fine, up to the total.
    expect(push("x".repeat(MAX_FRAME_BYTES * 2))).toBeUndefined();
    expect(push(`\nn1 ${"y".repeat(MAX_FRAME_BYTES)}`)).toBe("frame too large");
    expect(new LineReader("n1 ", () => {}).push(Buffer.alloc(MAX_CHANNEL_BYTES + 1, 0x78))).toBe("flood");
  });
});

describe("a child that knows the nonce", () => {
  it("cannot stretch a call past its time limit with repeated loaded and start frames", async () => {
    const started = Date.now();
    const attempt = await run(`send('{"kind":"loaded"}'); send('{"kind":"start","id":"first"}');
setInterval(() => { send('{"kind":"loaded"}'); send('{"kind":"start","id":"first"}'); send('{"kind":"start","id":"second"}'); }, 20);`);
    expect(attempt.answers).toEqual([]);
    expect(attempt.failure).toEqual({ during: "first", result: { kind: "timeout", ms: 1500 } });
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it("cannot stretch its loading with repeated ready frames", async () => {
    const attempt = await run(`send('{"kind":"ready"}'); setInterval(() => send('{"kind":"ready"}'), 20);`);
    expect(attempt.answers).toEqual([]);
    expect(attempt.failure).toEqual({ during: "load", result: { kind: "load-error", message: "loading stopped: it took over 1.5 s" } });
  });

  it("gets no answer accepted out of turn, and no deep frame read", async () => {
    const attempt = await run(`send('{"kind":"value","id":"first","value":1}');
send('{"kind":"loaded"}');
send('{"kind":"value","id":"first","value":2}');
send('{"kind":"start","id":"second"}');
send('{"kind":"start","id":"first"}');
send('{"kind":"value","id":"first","value":' + "[".repeat(200000) + "]".repeat(200000) + '}');
send('{"kind":"value","id":"second","value":3}');
send('{"kind":"value","id":"first","value":4}');
setInterval(() => {}, 1000);`);
    expect(attempt.answers).toEqual([{ kind: "value", value: 4 }]);
    expect(attempt.failure?.during).toBe("between");
  });

  it("is stopped when one frame grows past what the parent holds, and its call fails", async () => {
    const attempt = await run(`send('{"kind":"loaded"}'); send('{"kind":"start","id":"first"}');
fs.writeSync(3, job.nonce + ' {"kind":"value","id":"first","value":"' + "x".repeat(5 << 20));
setInterval(() => {}, 1000);`, 60_000);
    expect(attempt.failure).toEqual({ during: "first", result: { kind: "crash", message: "it sent an answer of more than 4 MiB, more than the grader reads" } });
  });

  it("is stopped when it floods the channel, and its call fails", async () => {
    // A time limit only the flood can beat to it, however busy the machine.
    const attempt = await run(`send('{"kind":"loaded"}'); send('{"kind":"start","id":"first"}');
const line = "x".repeat(1 << 20) + "\\n"; for (let i = 0; i < 80; i++) fs.writeSync(3, line);
setInterval(() => {}, 1000);`, 60_000);
    expect(attempt.failure).toEqual({ during: "first", result: { kind: "crash", message: "it returned more than 64 million characters of results" } });
  });
});
