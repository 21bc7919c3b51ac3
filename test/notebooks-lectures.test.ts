// Every lecture notebook, executed and compared with its stored outputs.
import { notebookTests } from "./notebooks";

notebookTests(["lectures"]);
