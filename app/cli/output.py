"""Printing for subcommands: JSON for machines, plain lines for people."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, sort_keys=False)
    sys.stdout.write("\n")


def say(message: object) -> None:
    print(str(message))
