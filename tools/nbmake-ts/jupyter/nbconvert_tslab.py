# Config for `jupyter nbconvert --execute` on tslab notebooks (nbclient 0.7), used to cross-check nbmake-ts.
#
# nbclient fails a notebook only on execute replies with status "error". tslab answers "abort" (without
# running the cell) to requests arriving within 200 ms of a failed cell, and nbclient counts "abort" as
# success. This hook turns "abort" into a failure, and after an expected error (tag raises-exception) it
# waits out tslab's 200 ms window so that the next cell really runs.
import time

from nbclient.exceptions import CellExecutionError


def fail_on_abort(cell, cell_index, execute_reply):
    status = execute_reply["content"]["status"]
    if status == "abort":
        raise CellExecutionError(
            f"cell {cell_index + 1} was aborted by the kernel without running:\n{cell.source}",
            ename="Aborted",
            evalue="tslab aborted the cell (it follows a failed cell)",
        )
    if status == "error":
        time.sleep(0.25)


c = get_config()  # noqa: F821 (provided by Jupyter when it loads this file)
c.ExecutePreprocessor.kernel_name = "tslab"
c.ExecutePreprocessor.on_cell_executed = fail_on_abort
