/**
 * The JupyterLite plugin: registers the TypeScript kernel under tslab's kernelspec name, so that the course's
 * notebooks (saved with tslab) open with it and a notebook saved here opens with tslab in Node.
 */
import { PageConfig, URLExt } from "@jupyterlab/coreutils";
import { IKernelSpecs, type IKernel } from "@jupyterlite/services";
import { TypeScriptKernel } from "./kernel";

const NAME = "rnn-course-lite";

/** The TypeScript logo's colours, as a small square with "TS" (JupyterLab shows it in the launcher). */
const LOGO = `data:image/svg+xml;base64,${btoa(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="6" fill="#3178c6"/>' +
    '<text x="58" y="56" font-family="sans-serif" font-weight="bold" font-size="30" fill="#fff" text-anchor="end">TS</text></svg>',
)}`;

const plugin = {
  id: `${NAME}:kernel`,
  description: "A TypeScript kernel with tslab's semantics, running in a web worker",
  autoStart: true,
  requires: [IKernelSpecs],
  activate: (
    app: { serviceManager: { contents: TypeScriptKernelContents } },
    kernelspecs: IKernelSpecs,
  ) => {
    // JupyterLite gives the extensions' folder as a path; the worker needs a full address.
    const assets = new URL(
      `${URLExt.join(PageConfig.getOption("fullLabextensionsUrl"), NAME, "static")}/`,
      window.location.href,
    ).href;
    kernelspecs.register({
      spec: {
        name: "tslab",
        display_name: "TypeScript",
        language: "typescript",
        argv: [],
        resources: { "logo-32x32": LOGO, "logo-64x64": LOGO },
      },
      create: async (options: IKernel.IOptions) =>
        new TypeScriptKernel({
          ...options,
          workerUrl: URLExt.join(assets, "kernel-worker.js"),
          assets,
          contents: app.serviceManager.contents,
        }),
    });
  },
};

type TypeScriptKernelContents = ConstructorParameters<typeof TypeScriptKernel>[0]["contents"];

export default [plugin];
