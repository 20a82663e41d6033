"""The one build step pyproject.toml cannot declare: a wheel carries resources/ and the user manual.

They land in site-packages/resources/, beside the app/, db/ and ui/ packages, which is where app.resources looks
in a checkout too; the list is scripts/shipped_files.py, shared with build_installer.spec. The translations are
taken as `make translations` built them: a wheel is refused rather than built with a stale or missing .qm.
An editable install reads resources/ from the checkout and copies nothing.
"""

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.errors import FileError

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "scripts"))
import shipped_files  # noqa: E402


class BuildWithResources(build_py):
    def run(self) -> None:
        if self.editable_mode:
            super().run()
            return
        try:
            files = shipped_files.resource_files(ROOT) + shipped_files.built_translations(ROOT)
        except shipped_files.StaleTranslations as exc:
            raise FileError(f"liaison-desk: {exc}") from None
        # pip builds in the checkout and setuptools reuses build/lib: a module or resource deleted since the
        # last build would otherwise ride along in the wheel.
        shutil.rmtree(self.build_lib, ignore_errors=True)
        super().run()
        build_lib = Path(self.build_lib)
        for source, destination in files:
            target = build_lib / destination
            self.mkpath(str(target.parent))
            self.copy_file(str(source), str(target), preserve_mode=False)


setup(cmdclass={"build_py": BuildWithResources})
