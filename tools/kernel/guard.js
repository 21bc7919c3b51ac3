// Ends the kernel once the process that started it is gone. Jupyter starts a kernel in a session of its own,
// so nothing ends the kernel if Jupyter itself is killed before it can shut its kernels down: the kernel would
// run on, parented to init. Loaded first by ./kernel.js.
"use strict";

const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 1000).unref();
