"""Runs `liaison` commands as child processes forked from one warm interpreter, so that a test can start
hundreds of them and kill each at a random moment of its own work rather than of Python's start-up.

Protocol, one line each way: the test writes a JSON list (the command line); this process forks, the child
runs app.cli.main on it (output to /dev/null) and exits with its code; this process answers the child's pid,
then, once the child has ended, how it ended: "exit N" or "signal N".

Run: python -m tests.e2e.cli_forker
"""

from __future__ import annotations

import json
import os
import sys

from app import cli


def _child(argv: list[str]) -> None:
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    try:
        code = cli.main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        code = 99
    os._exit(code)


def main() -> None:
    cli.build_parser()  # every command module imported here, once, not in each child
    for line in sys.stdin:
        argv = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _child(argv)
        print(pid, flush=True)
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            print(f"signal {os.WTERMSIG(status)}", flush=True)
        else:
            print(f"exit {os.WEXITSTATUS(status)}", flush=True)


if __name__ == "__main__":
    main()
