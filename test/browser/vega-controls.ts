/**
 * An explorable chart's controls, moved as a reader moves them: each control of a vega-lite chart drawn by
 * vega-embed (on the course site, or by JupyterLab's and Notebook 7's vega renderer) set to both its ends, and
 * the picture read after each move. The picture is the chart's drawing: the SVG's markup, or a canvas' pixels.
 */
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";

/** Each control of `chart` (its `.vega-bind` elements) at its two ends: the two pictures per control. */
export async function picturesPerControl(page: Page, chart: Locator): Promise<[string, string][]> {
  const controls = chart.locator(".vega-bind");
  const count = await controls.count();
  expect(count, "controls of the chart").toBeGreaterThan(0);
  const pictures: [string, string][] = [];
  for (let j = 0; j < count; j++) pictures.push(await picturesAtEnds(page, chart, controls.nth(j)));
  return pictures;
}

/** The chart's picture with the control at its two ends: a slider's minimum and maximum, the first and last radio button. */
export async function picturesAtEnds(page: Page, chart: Locator, control: Locator): Promise<[string, string]> {
  const slider = control.locator("input[type=range]");
  const radios = control.locator("input[type=radio]");
  const drawn: string[] = [];
  if (await slider.count()) {
    for (const end of ["min", "max"]) {
      const value = await slider.getAttribute(end);
      await slider.evaluate((input: HTMLInputElement, v) => {
        input.value = v!;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }, value);
      drawn.push(await settled(page, chart));
    }
  } else {
    expect(await radios.count(), "radio buttons").toBeGreaterThan(1);
    for (const radio of [radios.first(), radios.last()]) {
      await radio.check();
      drawn.push(await settled(page, chart));
    }
  }
  return [drawn[0], drawn[1]];
}

/** The chart's picture once vega has finished redrawing it: the same for 300 ms. */
async function settled(page: Page, chart: Locator): Promise<string> {
  const marks = chart.locator("svg.marks, canvas.marks").first();
  let previous = "";
  let unchanged = 0;
  for (let tries = 0; tries < 100; tries++) {
    await page.waitForTimeout(100);
    const current = await marks.evaluate((element) => (element instanceof HTMLCanvasElement ? element.toDataURL() : element.outerHTML));
    unchanged = current === previous ? unchanged + 1 : 0;
    if (unchanged === 3) return current;
    previous = current;
  }
  throw new Error("the chart kept changing for 10 seconds after its control moved");
}
