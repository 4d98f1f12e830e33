"""The rules build.spec applies (scripts/bundle_rules.py): what goes into the frozen app, what
stays out, and the stripping that must not break a library."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import bundle_rules  # noqa: E402


def test_the_icon_fonts_are_bundled():
    files = {folder + "/" + Path(source).name for source, folder in
             bundle_rules.library_data_files()}
    fonts = {name for name in files if name.startswith("qtawesome/fonts/")}
    assert any("materialdesignicons6" in name and name.endswith(".ttf") for name in fonts)
    assert any("materialdesignicons6" in name and name.endswith(".json") for name in fonts)
    assert not [name for name in files if name.endswith(".py")]
    assert not [name for name in fonts if bundle_rules.unwanted(name)]


def test_the_migration_scripts_and_resources_are_copied_as_files():
    files = {Path(source).relative_to(ROOT).as_posix(): folder
             for source, folder in bundle_rules.data_files(ROOT)}
    versions = sorted((ROOT / "crm_desktop/storage/migrations/versions").glob("*.py"))
    assert versions
    for script in versions:
        name = script.relative_to(ROOT).as_posix()
        assert files[name] == "crm_desktop/storage/migrations/versions"
    assert files["crm_desktop/storage/migrations/env.py"] == "crm_desktop/storage/migrations"
    assert "crm_desktop/storage/migrations/script.py.mako" in files
    assert files["resources/icons/app.svg"] == "resources/icons"
    assert {"resources/icons/app.ico", "resources/icons/app.icns"} <= set(files)
    assert not [name for name in files if "__pycache__" in name or name.endswith(".ts")]
    assert not [name for name in files if name.startswith("crm_desktop/storage/")
                and "migrations" not in name]


def test_migration_scripts_are_not_modules_but_their_neighbours_are():
    assert bundle_rules.is_migration_script("crm_desktop.storage.migrations")
    assert bundle_rules.is_migration_script("crm_desktop.storage.migrations.versions.0001_x")
    assert not bundle_rules.is_migration_script("crm_desktop.storage.migrations_filter")
    assert not bundle_rules.is_migration_script("crm_desktop.storage.migrate")


@pytest.mark.parametrize(("dest", "left_out"), [
    ("scipy/special/tests/data/boost.npz", True),
    ("networkx/algorithms/tests/test_x.py", True),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", True),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", True),
    ("PySide6\\plugins\\imageformats\\qpdf.dll", True),  # Windows layout
    ("PySide6\\plugins\\platforms\\qwindows.dll", False),
    ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", False),
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", False),
    ("PySide6/Qt/translations/qt_zh_CN.qm", False),
    ("PySide6/Qt/translations/qtwebengine_zh_CN.qm", True),
    ("PySide6\\translations\\designer_zh_CN.qm", True),
    ("resources/translations/crm_desktop_zh_CN.qm", False),
    ("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf", False),
])
def test_unwanted_files(dest, left_out):
    assert bundle_rules.unwanted(dest) is left_out


def test_library_test_suites_are_test_modules_but_ours_and_testing_helpers_are_not():
    assert bundle_rules.is_test_module("numpy.tests.test_x")
    assert bundle_rules.is_test_module("networkx.algorithms.tests")
    assert not bundle_rules.is_test_module("numpy.testing")  # SciPy imports it at run time
    assert not bundle_rules.is_test_module("crm_desktop.self_test")


def _elf(tmp_path: Path, name: str, offset: int, address: int) -> Path:
    """A minimal 64-bit ELF header with one PT_LOAD segment."""
    header = bytearray(64)
    header[:6] = b"\x7fELF\x02\x01"
    struct.pack_into("<Q", header, 0x20, 64)  # program headers right after
    struct.pack_into("<HH", header, 0x36, 56, 1)
    segment = struct.pack("<IIQQQQQQ", 1, 5, offset, address, address, 16, 16, 4096)
    path = tmp_path / name
    path.write_bytes(bytes(header) + segment)
    return path


def test_elf_alignment_check(tmp_path):
    assert bundle_rules.elf_segments_aligned(_elf(tmp_path, "good.so", 0x1000, 0x401000))
    assert not bundle_rules.elf_segments_aligned(_elf(tmp_path, "bad.so", 0x1621098, 0x166b000))
    (tmp_path / "text.py").write_text("print('not ELF')\n")
    assert not bundle_rules.elf_segments_aligned(tmp_path / "text.py")


@pytest.mark.skipif(sys.platform != "linux" or shutil.which("strip") is None,
                    reason="stripping is for Linux builds")
def test_stripping_keeps_a_library_working_and_leaves_vendored_ones_alone(tmp_path):
    import _json  # a small extension module of the standard library

    library = Path(_json.__file__)
    bundle = tmp_path / "_internal"
    (bundle / "numpy.libs").mkdir(parents=True)
    shutil.copy(library, bundle / library.name)
    shutil.copy(library, bundle / "numpy.libs" / library.name)
    vendored = (bundle / "numpy.libs" / library.name).read_bytes()
    bundle_rules.strip_libraries(bundle)
    assert (bundle / "numpy.libs" / library.name).read_bytes() == vendored
    assert bundle_rules.elf_segments_aligned(bundle / library.name)
    assert not list(bundle.rglob("*.stripped"))
    loads = subprocess.run(
        [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); import _json; "
         "print(_json.__file__)", str(bundle)], capture_output=True, text=True)
    assert loads.returncode == 0, loads.stderr
    assert Path(loads.stdout.strip()) == bundle / library.name  # the stripped copy was loaded
