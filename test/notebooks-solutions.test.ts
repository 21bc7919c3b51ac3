// The instructor's solutions: solutions/*.ipynb must run clean, with their checks passing.
import { notebookTests } from "./notebooks";

notebookTests(["solutions"]);
