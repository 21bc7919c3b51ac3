"""Stops the Jupyter server that `npm start` launched once `npm start` is gone, however it ended (even SIGKILL).

`npm start` gives the server a pipe as its standard input and never writes to it: the pipe reaches its end
only when `npm start`'s process has ended. The server then stops as it does on SIGTERM, shutting its kernels
down first. Only a server that `npm start` launched watches (it sets COURSE_WATCH_STDIN); the variable is
removed at once, so that nothing the server starts (kernels, terminals) inherits it.
"""

import os
import signal
import threading


def watch():
    if os.environ.pop("COURSE_WATCH_STDIN", None) != "1":
        return
    threading.Thread(target=_stop_at_end_of_input, name="course-watchdog", daemon=True).start()


def _stop_at_end_of_input():
    # The file descriptor itself, not sys.stdin: a thread blocked inside sys.stdin's buffer holds its lock, and
    # Python, exiting, cannot close stdin then (a fatal error).
    try:
        while os.read(0, 4096):
            pass
    except OSError:
        pass  # closed or unreadable: the end all the same
    # On Windows this ends the server outright; the kernel guard then ends its kernels.
    os.kill(os.getpid(), signal.SIGTERM)
