"""What goes into the frozen app and what stays out: the rules build.spec applies (kept here so
tests/test_bundle_rules.py can check them without running PyInstaller).

- `EXCLUDES`: modules PyInstaller must not follow (Qt modules the app never uses, development
  tools); `is_test_module` / `unwanted`: library test suites, Qt plugins and translations to
  drop from what the hooks collected.
- `data_files`: the migration scripts (Alembic reads them as files) and resources/;
  `library_data_files`: data the libraries in `LIBRARY_DATA` read at run time (icon fonts).
- `strip_libraries`: Linux, after the build: the libraries' symbol tables out, except where
  that would break them.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

MIGRATIONS_PACKAGE = "crm_desktop.storage.migrations"

# Qt modules PySide6-Essentials ships that the app does not use (it uses QtCore, QtGui,
# QtWidgets, QtSvg and QtPrintSupport: the print dialog of quotes and orders), Addons modules in case the full PySide6 is installed; development tools.
EXCLUDES = [
    *(f"PySide6.{module}" for module in (
        "QtQml", "QtQuick", "QtQuickControls2", "QtQuickWidgets", "QtQuickTest", "QtQuick3D",
        "QtDesigner", "QtHelp", "QtUiTools", "QtSql", "QtTest", "QtXml", "QtNetwork", "QtDBus",
        "QtConcurrent", "QtOpenGL", "QtOpenGLWidgets", "QtSvgWidgets",
        "QtWebEngineCore", "QtWebEngineWidgets", "QtWebEngineQuick", "QtWebChannel",
        "QtWebSockets", "QtWebView", "Qt3DCore", "Qt3DRender", "Qt3DInput", "Qt3DLogic",
        "Qt3DAnimation", "Qt3DExtras", "QtMultimedia", "QtMultimediaWidgets", "QtSpatialAudio",
        "QtCharts", "QtDataVisualization", "QtGraphs", "QtGraphsWidgets", "QtPdf",
        "QtPdfWidgets", "QtBluetooth", "QtNfc", "QtPositioning", "QtLocation", "QtSensors",
        "QtSerialPort", "QtSerialBus", "QtTextToSpeech", "QtRemoteObjects", "QtScxml",
        "QtStateMachine", "QtHttpServer", "QtNetworkAuth", "QtAxContainer")),
    "tkinter", "_tkinter", "IPython", "jedi", "ipykernel", "notebook", "pytest", "_pytest",
    "pytestqt", "hypothesis", "mypy", "ruff", "importlinter", "grimp", "mlxtend", "PyInstaller",
    "pip", "setuptools", "pkg_resources", "pydoc_data", "lib2to3", "sphinx", "docutils",
    "tests", "test",
    "PIL._avif", "PIL.AvifImagePlugin",  # AVIF images (libavif, 5 MB): matplotlib never reads them
    # (numpy.f2py looks like a build tool but stays: SciPy's array-API layer imports it.)
]

# Modules imported only inside functions that the build must still bring: SQLCipher's driver
# (storage/encryption.py imports it when an encrypted database is opened).
HIDDEN_IMPORTS = ["sqlcipher3", "sqlcipher3.dbapi2", "sqlcipher3._sqlite3"]

# Qt plugins for what the app never does (paths under plugins/, Linux/macOS "libq..." and
# Windows "q..." names): platforms other than xcb, wayland, offscreen, minimal (Windows and
# macOS have their own), embedded-Linux integrations, input devices read directly, PDF and rare
# image formats, networking, QML, Designer, SQL drivers, multimedia, sensors (printsupport/
# stays: the print dialog lists the system's printers through its CUPS plugin).
QT_PLUGINS_LEFT_OUT = (
    "platforms/libqeglfs", "platforms/libqlinuxfb", "platforms/libqvnc", "platforms/libqvkkhr",
    "platforms/libqminimalegl", "egldeviceintegrations/", "generic/", "imageformats/libqpdf",
    "imageformats/qpdf", "imageformats/libqtiff", "imageformats/qtiff", "imageformats/libqwbmp",
    "imageformats/qwbmp", "imageformats/libqtga", "imageformats/qtga",
    "networkinformation/", "tls/", "qmltooling/", "designer/",
    "sqldrivers/", "multimedia/", "position/", "sensors/", "canbus/", "texttospeech/",
)


def is_migration_script(module: str) -> bool:
    return module == MIGRATIONS_PACKAGE or module.startswith(MIGRATIONS_PACKAGE + ".")


def is_test_module(module: str) -> bool:
    """A library's test suite (numpy.tests, networkx.algorithms.tests.test_x, ...)."""
    return any(part in ("tests", "test") for part in module.split(".")[1:])


def unwanted(dest: str) -> bool:
    """Whether a collected file (its path in the bundle) would only take room: test suites of
    the libraries, Qt plugins for things the app never does, Qt's translations of its other
    modules and tools (qtbase_* and qt_* stay: Qt's dialogs in the user's language)."""
    parts = Path(dest.replace("\\", "/")).parts
    if any(part in ("tests", "test") for part in parts[:-1]):
        return True
    if not parts or parts[0] != "PySide6":
        return False
    if "plugins" in parts[:-1]:
        plugin = "/".join(parts[parts.index("plugins") + 1:])
        return plugin.startswith(QT_PLUGINS_LEFT_OUT)
    if "translations" in parts[:-1]:
        return parts[-1].endswith(".qm") and not parts[-1].startswith(("qtbase_", "qt_"))
    return False


# Libraries whose data files (not modules) the app reads at run time: QtAwesome loads all its
# icon fonts and their charmaps at the first icon (ui/icons.py), so every one must be there.
# PyInstaller's own hook collects them too; named here so a hook change cannot lose them.
LIBRARY_DATA = ("qtawesome",)


def library_data_files() -> list[tuple[str, str]]:
    """(file, folder in the bundle) for the data files of each `LIBRARY_DATA` package: every
    file of the package that is not Python code or a cache."""
    import importlib.util

    files = []
    for package in LIBRARY_DATA:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise RuntimeError(f"{package} is not installed: the app needs its data files")
        folder = Path(next(iter(spec.submodule_search_locations)))
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix not in (".py", ".pyc", ".pyi") \
                    and "__pycache__" not in path.parts:
                files.append((str(path), Path(package, path.parent.relative_to(folder))
                              .as_posix()))
    return files


def data_files(root: Path) -> list[tuple[str, str]]:
    """(file, folder in the bundle): the migration scripts (and an alembic.ini, should there
    be one) where migrate.py looks for them, and everything in resources/ except translation
    sources (.ts) and caches; resources/translations only when it exists."""
    files = []
    storage = root / "crm_desktop" / "storage"
    for path in sorted(storage.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        if (path.suffix in (".py", ".mako") and "migrations" in path.relative_to(storage).parts) \
                or path.name == "alembic.ini":
            files.append((str(path), path.parent.relative_to(root).as_posix()))
    for path in sorted((root / "resources").rglob("*")):
        if path.is_file() and path.suffix != ".ts" and "__pycache__" not in path.parts:
            files.append((str(path), path.parent.relative_to(root).as_posix()))
    for path in sorted((root / "docs").glob("user-guide*.md")):  # Help > User guide
        files.append((str(path), "docs"))
    return files


def strip_libraries(folder: Path) -> tuple[int, int]:
    """Linux: take the symbol tables out of the bundled libraries (libpython, igraph,
    kiwisolver, PIL... carry them: about 60 MB). Not PyInstaller's strip=True: it also strips
    the libraries auditwheel vendored into numpy.libs/ and scipy.libs/, whose segments patchelf
    moved, and those no longer load ("ELF load command address/offset not page-aligned"). So:
    every ELF file outside a *.libs folder, each kept stripped only when its segments are still
    aligned. Returns the bytes before and after (0, 0 without a `strip` program)."""
    strip = shutil.which("strip")
    if strip is None:
        return 0, 0
    before = after = 0
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file() or \
                any(part.endswith(".libs") for part in path.relative_to(folder).parts[:-1]):
            continue
        if not elf_segments_aligned(path):
            continue  # not an ELF file (or one we leave as it is)
        stripped = path.with_name(path.name + ".stripped")
        done = subprocess.run([strip, "-o", str(stripped), str(path)], capture_output=True)
        if done.returncode == 0 and elf_segments_aligned(stripped):
            before += path.stat().st_size
            after += stripped.stat().st_size
            shutil.copymode(path, stripped)
            os.replace(stripped, path)
        else:
            stripped.unlink(missing_ok=True)
    return before, after


def elf_segments_aligned(path: Path, page: int = 4096) -> bool:
    """True for a 64-bit little-endian ELF file whose loadable segments sit where the loader
    accepts them (file offset and address agree modulo the page size); False otherwise."""
    with open(path, "rb") as file:
        head = file.read(64)
        if len(head) < 64 or head[:4] != b"\x7fELF" or head[4] != 2 or head[5] != 1:
            return False
        (offset,) = struct.unpack_from("<Q", head, 0x20)
        size, count = struct.unpack_from("<HH", head, 0x36)
        file.seek(offset)
        table = file.read(size * count)
    if size < 24 or len(table) < size * count:
        return False
    for index in range(count):
        kind, _flags, p_offset, p_vaddr = struct.unpack_from("<IIQQ", table, index * size)
        if kind == 1 and p_offset % page != p_vaddr % page:  # PT_LOAD
            return False
    return True
