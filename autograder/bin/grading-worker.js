#!/usr/bin/env node
// A grading worker of `npx autograde` (autograder/worker.ts): the command starts --jobs of them and hands
// each one submission at a time, so that a submission that exhausts a grader process costs only its own row.
require("tsx/cjs/api").register();
require("../worker.ts").serve();
