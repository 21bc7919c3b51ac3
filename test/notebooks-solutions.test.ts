// Exercises run against their solutions: solutions/*.ipynb must run clean with their checks passing; the
// released exercises/ notebooks (student-code cells tagged raises-exception, since the stubs throw
// "not implemented") must run through.
import { notebookTests } from "./notebooks";

notebookTests(["exercises", "solutions"]);
