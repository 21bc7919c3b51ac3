/**
 * @resvg/resvg-js's `renderAsync` in the browser: the same renderer (resvg, same version) compiled to
 * WebAssembly, loaded on the first chart. The library asks for fonts by file (DejaVu Sans from the
 * dejavu-fonts-ttf package); here they are fetched from the kernel's assets by the same names, so a chart's
 * PNG is drawn with the same fonts as in Node.
 */
import { Resvg, initWasm } from "@resvg/resvg-wasm";
import { Buffer } from "buffer";
import { assetUrl } from "../../../../src/browser/assets";

let ready: Promise<void> | undefined;
const fonts = new Map<string, Promise<Uint8Array>>();

interface Options {
  font?: {
    fontFiles?: string[];
    loadSystemFonts?: boolean;
    defaultFontFamily?: string;
    sansSerifFamily?: string;
  };
}

export async function renderAsync(
  svg: string,
  options: Options = {},
): Promise<{ asPng(): Buffer }> {
  ready ??= initWasm(fetch(assetUrl("resvg/index_bg.wasm")));
  await ready;
  const { fontFiles = [], loadSystemFonts: _, ...family } = options.font ?? {};
  const fontBuffers = await Promise.all(fontFiles.map(font));
  const resvg = new Resvg(svg, { font: { fontBuffers, ...family } });
  try {
    const png = Buffer.from(resvg.render().asPng());
    return { asPng: () => png };
  } finally {
    resvg.free();
  }
}

/** A font the library names by path (…/ttf/DejaVuSans.ttf), from the assets' fonts/ folder. */
function font(path: string): Promise<Uint8Array> {
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (!fonts.has(name)) {
    fonts.set(
      name,
      fetch(assetUrl(`fonts/${name}`)).then(async (response) => {
        if (!response.ok)
          throw new Error(`the chart font ${name} could not be loaded (${response.status})`);
        return new Uint8Array(await response.arrayBuffer());
      }),
    );
  }
  return fonts.get(name)!;
}
