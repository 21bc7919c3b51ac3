// The released exercises: exercises/*.ipynb (student-code cells tagged raises-exception, since the stubs
// throw "not implemented") must run through.
import { notebookTests } from "./notebooks";

notebookTests(["exercises"]);
