"""Build the one-folder installer and run what it built, as a clerk's PC would: shared by the installer
test (tests/e2e/test_installer.py) and its benchmark (bench/bench_installer.py)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build_installer.spec"
EXE_NAME = "liaison.exe" if sys.platform.startswith("win") else "liaison"


def build(out: Path, timeout: float = 1800) -> Path:
    """Run PyInstaller on the spec into out/dist (work files in out/work); returns the built folder."""
    pyinstaller = Path(sys.executable).parent / ("pyinstaller.exe" if os.name == "nt" else "pyinstaller")
    command = [str(pyinstaller), "--noconfirm", "--clean", "--log-level", "WARN"]
    command += ["--distpath", str(out / "dist"), "--workpath", str(out / "work"), str(SPEC)]
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(
            f"pyinstaller failed ({proc.returncode}):\n{proc.stdout[-4000:]}\n{proc.stderr[-8000:]}"
        )
    return out / "dist" / "liaison"


def copy_out(folder: Path, destination: Path) -> Path:
    """Copy the built folder elsewhere, as onto a USB stick and off it again; returns the program's path."""
    target = destination / folder.name
    shutil.copytree(folder, target, symlinks=True)
    return target / EXE_NAME


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


# What the clerk types when the program asks for the keys' passphrase: a command run here has no terminal to ask on.
CLERK_PASSPHRASE = "控江路-口令-2026"


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """Nothing from the developer's shell: no PYTHONPATH, no virtualenv, no LIAISON_* settings but the clerk's
    passphrase."""
    home.mkdir(parents=True, exist_ok=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    env["LIAISON_PASSPHRASE"] = CLERK_PASSPHRASE
    env.update(extra)
    return env


@contextmanager
def xvfb_display() -> Iterator[str]:
    """A private X server (Xvfb picks a free display number and reports it)."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as reader:
            number = reader.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


_WINDOW_LINE = re.compile(r'^\s*(0x[0-9a-f]+) .*\("liaison" "[^"]*"\)\s+(\d+)x(\d+)', re.MULTILINE)


def shown_main_window(display: str) -> bool:
    """True once a mapped top-level window of the `liaison` program, of a real size, is on the display."""
    env = {**os.environ, "DISPLAY": display}
    tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True).stdout
    for window_id, width, height in _WINDOW_LINE.findall(tree):
        if int(width) < 400 or int(height) < 300:
            continue
        info = subprocess.run(["xwininfo", "-id", window_id], env=env, capture_output=True, text=True).stdout
        if "IsViewable" in info:
            return True
    return False


def time_to_window(command: Sequence[str], env: dict[str, str], cwd: Path, timeout: float = 60) -> float:
    """Seconds from starting `command` until its main window is shown on a private X server."""
    with xvfb_display() as display:
        run_env = {**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        started = time.perf_counter()
        proc = subprocess.Popen(
            list(command), env=run_env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        try:
            while time.perf_counter() - started < timeout:
                if shown_main_window(display):
                    return time.perf_counter() - started
                if proc.poll() is not None:
                    output = proc.stdout.read() if proc.stdout else ""
                    raise RuntimeError(
                        f"the program ended ({proc.returncode}) before a window showed:\n{output}"
                    )
                time.sleep(0.05)
            raise TimeoutError(f"no window within {timeout} s")
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def time_command(command: Sequence[str], env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(list(command), env=env, cwd=cwd, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - started
