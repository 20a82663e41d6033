"""Entry script of the frozen `liaison` program (build_installer.spec): the CLI, or the window with no command."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
