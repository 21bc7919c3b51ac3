# Config for `jupyter nbconvert --execute` on the course's notebooks (nbclient 0.7), used to cross-check nbmake-ts.
#
# nbclient fails a notebook only on execute replies with status "error", and counts "aborted" (a request the
# kernel dropped because a cell before it failed) as success. nbclient sends one cell at a time and stops at an
# unexpected error, so with the course's kernel no cell should ever come back aborted; this hook makes sure a
# notebook whose cells did not all run cannot pass.
from nbclient.exceptions import CellExecutionError


def fail_on_abort(cell, cell_index, execute_reply):
    if execute_reply["content"]["status"] == "aborted":
        raise CellExecutionError(
            f"cell {cell_index + 1} was aborted by the kernel without running:\n{cell.source}",
            ename="Aborted",
            evalue="the kernel aborted the cell (a cell before it failed)",
        )


c = get_config()  # noqa: F821 (provided by Jupyter when it loads this file)
c.ExecutePreprocessor.kernel_name = "tslab"
c.ExecutePreprocessor.on_cell_executed = fail_on_abort
