// Loaded with `node --require` before tslab in every kernel `npm start` launches (see kernelspec.ts).
// Jupyter starts a kernel in a session of its own, so nothing ends the kernel if Jupyter itself is killed
// before it can shut its kernels down: the kernel would run on, parented to init. This ends it instead, once
// the process that started it is gone. Plain JavaScript: the kernel's Node runs it as it is.
"use strict";

const jupyter = process.ppid;
setInterval(() => {
  if (process.ppid !== jupyter) process.exit(0);
}, 1000).unref();
