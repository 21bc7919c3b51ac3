import { afterEach, describe, expect, it } from "vitest";
import { displayData, inKernel, liveDisplay } from "../src/plots/display";
import { fakeKernel, Sent } from "./fake-kernel";

const kernel = fakeKernel();
const unconnected = fakeKernel("/elsewhere");
afterEach(() => {
  kernel.leave();
  unconnected.leave();
});

describe("outside a kernel", () => {
  it("is not in a kernel, and refuses to display", () => {
    expect(inKernel()).toBe(false);
    expect(() => displayData({ "text/plain": "hi" })).toThrow("not inside a tslab kernel");
    expect(() => liveDisplay()({ "text/plain": "hi" })).toThrow("not inside a tslab kernel");
  });

  it("a loaded copy of tslab that no notebook is connected to (sender null) is not a kernel", () => {
    unconnected.enter(null);
    expect(inKernel()).toBe(false);
  });
});

describe("inside a kernel", () => {
  it("finds the kernel's own copy of tslab among several loaded ones", () => {
    unconnected.enter(null);
    kernel.enter();
    expect(inKernel()).toBe(true);
    displayData({ "text/plain": "hi" });
    expect(kernel.sent).toHaveLength(1);
  });

  it("displayData sends ONE message carrying every MIME type, with no display id", () => {
    kernel.enter();
    displayData({ "text/plain": "a chart", "image/svg+xml": "<svg/>" });
    expect(kernel.sent).toEqual([
      { content: { data: { "text/plain": "a chart", "image/svg+xml": "<svg/>" }, metadata: {}, transient: {} }, update: undefined },
    ]);
  });

  it("a live display shows once, then updates the same display id; each live display has its own id", () => {
    kernel.enter();
    const progress = liveDisplay();
    const other = liveDisplay();
    progress({ "text/plain": "step 1" });
    progress({ "text/plain": "step 2" });
    other({ "text/plain": "other" });
    const [first, second, third] = kernel.sent;
    expect([first.update, second.update, third.update]).toEqual([false, true, false]);
    expect(first.content.transient.display_id).toMatch(/^[0-9a-f]{16}$/);
    expect(second.content.transient.display_id).toBe(first.content.transient.display_id);
    expect(third.content.transient.display_id).not.toBe(first.content.transient.display_id);
    expect(second.content.data).toEqual({ "text/plain": "step 2" });
  });

  it("sends through the sender of the cell running now, as tslab sets a new one for every cell", () => {
    kernel.enter();
    const live = liveDisplay();
    live({ "text/plain": "cell 1" });
    const laterCell: Sent[] = [];
    kernel.enter((content, update) => void laterCell.push({ content, update }));
    live({ "text/plain": "cell 2" });
    expect(kernel.sent).toHaveLength(1);
    expect(laterCell).toHaveLength(1);
    expect(laterCell[0].update).toBe(true);
    expect(laterCell[0].content.transient.display_id).toBe(kernel.sent[0].content.transient.display_id);
  });
});
