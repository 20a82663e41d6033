"""Wrap the one-folder build (`make installer` makes dist/liaison/) in a .deb for Debian, UOS and Kylin.

    python scripts/build_deb.py [FOLDER] [--out DIR]    # dist/liaison -> dist/liaison-desk_<version>_<arch>.deb

What the package installs:
  /opt/liaison-desk/                              the folder as built; the program is /opt/liaison-desk/liaison
  /usr/bin/liaison                                a link to it: the window with no command, the CLI with one
  /usr/share/applications/liaison-desk.desktop    the menu entry (代表家站点工作台 / Liaison Desk, under Office)
  /usr/share/icons/hicolor/{256x256,scalable}/apps/liaison-desk.{png,svg}
  /usr/share/doc/liaison-desk/copyright

Version, summary and licence are the folder's own package metadata (_internal/liaison_desk-*.dist-info), so
the package says what was built. The folder carries Qt and most libraries it loads; Depends names the ones
it leaves to the system: OpenGL/EGL (they must match the machine's driver), libc at the version the folder's
binaries were linked against, and the X11, fontconfig, D-Bus and keyboard libraries of the Makefile's
SYSTEM_PACKAGES, which also bring the configuration and data that the bundled copies read (/etc/fonts, the
XKB keymaps). There are no maintainer scripts: the icon and menu caches are refreshed by their own packages'
triggers, and the program writes only in the user's home, so `apt-get remove` leaves nothing behind.
dpkg-deb --root-owner-group builds it as any user; beyond dpkg it needs only objdump (binutils).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from email.message import Message
from email.parser import HeaderParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "liaison-desk"
PROGRAM = "liaison"
INSTALL_DIR = Path("opt") / PACKAGE

# Every library package of the Makefile's SYSTEM_PACKAGES (tests/e2e/test_installer.py keeps them in step),
# and libxcb1, which the folder's Qt links to without carrying it.
DEPENDS = (
    "libgl1",
    "libegl1",
    "libglib2.0-0 | libglib2.0-0t64",  # renamed in Debian 13 and Ubuntu 24.04
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libfontconfig1",
    "libdbus-1-3",
    "libxcb1",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-cursor0",
    "libxcb-shape0",
    "libxcb-xinerama0",
    "libxcb-randr0",
    "libxcb-xkb1",
)
# Qt tries Wayland first in a Wayland session and falls back to X11 when these are missing.
RECOMMENDS = ("libwayland-client0", "libwayland-cursor0", "libwayland-egl1")

DESCRIPTION = """\
 Liaison Desk runs a people's-congress deputy liaison station (代表之家、代表联络站、代表联系点) offline:
 reception days, deputies' attendance, residents received, public-sentiment items from 提出 to 反馈,
 the monthly report, and bundles carried to the district office, which merges them and reports the year."""

DESKTOP_ENTRY = """\
[Desktop Entry]
Type=Application
Name=代表家站点工作台
Name[en]=Liaison Desk
Comment=人大代表家站点的接待、社情民意与报表
Comment[en]=Deputy liaison stations: reception days, public-sentiment items, reports
Exec={program}
Icon={package}
Terminal=false
Categories=Office;
Keywords=人大;代表;家站点;社情民意;deputy;liaison;
StartupWMClass=Liaison Desk
"""

COPYRIGHT = """\
{package}: 代表家站点工作台 Liaison Desk

License: {license}. On Debian systems the GNU General Public License version 3 is in
/usr/share/common-licenses/GPL-3.

The program in /{install_dir} bundles Python, Qt for Python (PySide6) and other components, and a Chinese
font; their licences are in /{install_dir}/_internal/resources/licenses/ and beside the font in
/{install_dir}/_internal/resources/fonts/.
"""


def read_metadata(folder: Path) -> Message:
    found = sorted((folder / "_internal").glob(f"{PACKAGE.replace('-', '_')}-*.dist-info/METADATA"))
    if len(found) != 1:
        raise SystemExit(f"build_deb: {folder} has {len(found)} {PACKAGE} dist-info folders, not one")
    return HeaderParser().parsestr(found[0].read_text(encoding="utf-8"))


def debian_version(version: str) -> str:
    """A PEP 440 version as dpkg orders it: pre- and dev releases sort before the release (1.0~rc1 < 1.0)."""
    epoch, _, rest = version.rpartition("!")
    public, plus, local = rest.partition("+")
    public = re.sub(r"[.\-_]?(a|b|rc|dev)(\d*)", r"~\1\2", public)
    return (f"{epoch}:" if epoch else "") + public + plus + local


def architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def glibc_floor(folder: Path) -> str | None:
    """The newest GLIBC_x.y symbol version any binary in the folder needs (the build machine's libc sets it)."""
    newest: tuple[int, ...] = ()
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as handle:
            if handle.read(4) != b"\x7fELF":
                continue
        symbols = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
        for found in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", symbols):
            newest = max(newest, tuple(int(part) for part in found.split(".")))
    return ".".join(map(str, newest)) if newest else None


def maintainer() -> str:
    name, email = os.environ.get("DEBFULLNAME"), os.environ.get("DEBEMAIL")
    if name and email:
        return f"{name} <{email}>"
    return "Liaison Desk maintainers <maintainers@liaison-desk.invalid>"


def _normalise_modes(tree: Path) -> None:
    """What a user may read and run, whatever the build machine's umask was."""
    for path in [tree, *tree.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if path.stat().st_mode & 0o111 else 0o644)


def _installed_size_kib(tree: Path) -> int:
    """As dpkg counts it: each file rounded up to a KiB, each directory and link one."""
    total = 0
    for path in tree.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += -(-path.stat().st_size // 1024)
        else:
            total += 1
    return total


def _md5sums(tree: Path) -> str:
    lines = []
    for path in sorted(tree.rglob("*")):
        if path.is_file() and not path.is_symlink():
            digest = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
            lines.append(f"{digest}  {path.relative_to(tree).as_posix()}\n")
    return "".join(lines)


def stage(folder: Path, tree: Path, metadata: Message) -> None:
    """Lay out the package's files under tree/ as they will be under /."""
    shutil.copytree(folder, tree / INSTALL_DIR, symlinks=True)
    bin_dir = tree / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / PROGRAM).symlink_to(
        Path("/") / INSTALL_DIR / PROGRAM
    )  # the program finds its folder through it

    share = tree / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    (share / "applications" / f"{PACKAGE}.desktop").write_text(
        DESKTOP_ENTRY.format(program=PROGRAM, package=PACKAGE), encoding="utf-8"
    )
    icons = folder / "_internal" / "resources" / "icons"
    for source, size, suffix in (
        (icons / "app.png", "256x256", ".png"),
        (icons / "app.svg", "scalable", ".svg"),
    ):
        target = share / "icons" / "hicolor" / size / "apps" / f"{PACKAGE}{suffix}"
        target.parent.mkdir(parents=True)
        shutil.copyfile(source, target)
    doc = share / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        COPYRIGHT.format(package=PACKAGE, license=metadata["License-Expression"], install_dir=INSTALL_DIR),
        encoding="utf-8",
    )


def control(tree: Path, folder: Path, metadata: Message, arch: str) -> str:
    depends = list(DEPENDS)
    libc = glibc_floor(folder)
    if libc:
        depends.insert(0, f"libc6 (>= {libc})")
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {debian_version(metadata['Version'])}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {maintainer()}\n"
        f"Installed-Size: {_installed_size_kib(tree)}\n"
        f"Depends: {', '.join(depends)}\n"
        f"Recommends: {', '.join(RECOMMENDS)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Description: {metadata['Summary']}\n"
        f"{DESCRIPTION}\n"
    )


def build(folder: Path, out: Path) -> Path:
    """The .deb of `folder` (a one-folder build) in `out`; returns its path."""
    if not (folder / PROGRAM).is_file():
        raise SystemExit(f"build_deb: {folder / PROGRAM} is missing; build the folder first (make installer)")
    metadata = read_metadata(folder)
    arch = architecture()
    out.mkdir(parents=True, exist_ok=True)
    deb = out / f"{PACKAGE}_{debian_version(metadata['Version'])}_{arch}.deb"
    with tempfile.TemporaryDirectory(prefix="liaison-deb-") as work:
        tree = Path(work) / PACKAGE
        stage(folder, tree, metadata)
        _normalise_modes(tree)
        (tree / "DEBIAN").mkdir()
        (tree / "DEBIAN" / "md5sums").write_text(_md5sums(tree), encoding="utf-8")
        (tree / "DEBIAN" / "control").write_text(control(tree, folder, metadata, arch), encoding="utf-8")
        _normalise_modes(tree / "DEBIAN")
        # xz at level 1: a tenth larger than the default level, and several times faster to build.
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", "-Zxz", "-z1", "--build", str(tree), str(deb)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "dist" / PROGRAM)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)
    print(build(args.folder.resolve(), args.out.resolve()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
