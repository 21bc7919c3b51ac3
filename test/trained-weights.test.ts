/**
 * Training gives the same bits as when the fixture was made (scripts/trained-weights.ts, which says when):
 * every trained weight, every loss of the history and the gradient norms through time, compared exactly.
 * A rewrite of a training loop, the optimiser or the recurrent op that is meant to change nothing must
 * pass this; one that changes the numbers on purpose regenerates the fixture and says why.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type TrainedRun, trainReferenceModels } from "../scripts/trained-weights";

const reference = JSON.parse(
  readFileSync(join(__dirname, "fixtures", "trained-weights.json"), "utf8"),
) as Record<string, TrainedRun>;

describe("training, bit for bit", () => {
  it("gives the weights, losses and gradient norms of the fixture", async () => {
    const runs = await trainReferenceModels();
    expect(Object.keys(runs)).toEqual(Object.keys(reference));
    for (const [name, run] of Object.entries(runs)) expect(run, name).toEqual(reference[name]);
  });
});
