"""Entry script of the windowed `liaison-desk.exe` on Windows (no console window behind the desktop window)."""

import sys

from ui.main import main

if __name__ == "__main__":
    sys.exit(main())
