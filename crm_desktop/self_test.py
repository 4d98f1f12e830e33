"""`crm-desktop --self-test`: does the app work on this machine, from source or frozen?

Each step does what the app does, on a database of its own in a temporary folder:

    database    create it (all migrations: Alembic reads their scripts from files)
    demo data   a little demo data (services.data.load_demo, as the first-run offer does)
    analysis    RFM in the background process (the ChildService the Analytics page uses:
                a spawned child, which in the frozen app is the executable started again)
    libraries   the libraries the other analyses and the graph load when first needed
                (scikit-learn, SciPy, networkx, igraph, threadpoolctl), used there too
    chart       the analysis' chart drawn by the app's chart code on a FigureCanvasQTAgg
    window      the main window on that database, offscreen, until its customer rows show
    pages       every page's module imports (pages are imported by name when first shown)
    resources   the app icon, the icon font and translations are found (resources/, or the bundle's copy)

It prints one line per step with its time (``ok    database    0.12 s  schema 0003``) and exits
0; at the first failure it prints ``FAIL`` and the step, one line saying why (the traceback too
with --verbose), and exits 1. Nothing is written outside the temporary folder: QSettings go there.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from crm_desktop.storage.database import Database

log = logging.getLogger(__name__)

DEMO_CUSTOMERS = 200
DEMO_SEED = 12
ANALYSIS = "rfm"
SELF_TEST_PASSPHRASE = "self-test"  # the self-test database is encrypted (see step_database)
CHART_SIZE = (640, 400)
WINDOW_SIZE = (1280, 800)
WINDOW_TIMEOUT_S = 60.0  # longest wait for the customer rows (a slow, busy machine)


class SelfTestError(Exception):
    """A step saw something wrong (one line, shown as the step's failure)."""


@dataclass
class State:
    """What the steps hand on to each other."""

    folder: Path
    database: Database | None = None
    outcome: Any = None  # the analysis' AnalysisOutcome
    service: Any = None  # the ChildService (the background process)
    app: Any = None  # the QApplication
    window: Any = None
    notes: dict[str, Any] = field(default_factory=dict)


Step = Callable[[State], str]  # does its job, returns a short detail for its line


# Steps --------------------------------------------------------------------------------------------
def step_database(state: State) -> str:
    from crm_desktop.storage.database import open_database
    from crm_desktop.storage.encryption import is_encrypted

    # Encrypted: the build must have brought SQLCipher, and the background process gets the
    # passphrase through its pipe.
    path = state.folder / "self-test.db"
    state.database = open_database(path, passphrase=SELF_TEST_PASSPHRASE)
    version = state.database.schema_version()
    if not version:
        raise SelfTestError("the new database has no schema version")
    if not is_encrypted(path):
        raise SelfTestError("the new database is not encrypted")
    return f"schema {version}, encrypted"


def step_demo_data(state: State) -> str:
    from crm_desktop.services.data import load_demo

    counts = load_demo(_database(state), DEMO_CUSTOMERS, seed=DEMO_SEED).value
    if counts.get("customers", 0) != DEMO_CUSTOMERS:
        raise SelfTestError(f"expected {DEMO_CUSTOMERS} customers, got {counts.get('customers')}")
    return f"{counts['customers']} customers, {counts.get('orders', 0)} orders"


def analysis_function() -> Callable[..., Any]:
    """The function the background process runs (a top-level function, passed by reference)."""
    from crm_desktop.services.analyses.run import run_analysis

    return run_analysis


def step_analysis(state: State) -> str:
    from crm_desktop.ui.child_process import ChildService

    path = _database(state).path
    if path is None:
        raise SelfTestError("the database has no file for the background process to open")
    service = state.service = ChildService(str(path), passphrase=_database(state).passphrase)
    outcome = service.call(analysis_function(), ANALYSIS, {})
    if service.starts != 1:
        raise SelfTestError(f"expected one background process, {service.starts} started")
    if getattr(outcome, "name", None) != ANALYSIS or outcome.table is None or outcome.table.empty:
        raise SelfTestError(f"the {ANALYSIS} analysis returned no rows")
    state.outcome = outcome
    return f"{ANALYSIS}: {len(outcome.table)} customers, in a background process"


def use_libraries(database: Database, progress: Any = None, cancelled: Any = None,
                  frames: Any = None) -> str:
    """In the background process: import and use a little of each library that analyses load
    when first needed (a frozen app finds them only if the build took them in)."""
    import igraph
    import networkx
    import numpy as np
    import scipy.stats
    import sklearn
    from sklearn.cluster import KMeans
    from sklearn.decomposition import NMF
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC
    from threadpoolctl import threadpool_info

    rng = np.random.default_rng(0)
    points = np.vstack([rng.normal(0, 1, (30, 2)), rng.normal(8, 1, (30, 2))])
    labels = np.repeat([0, 1], 30)
    if len(set(KMeans(2, n_init="auto", random_state=0).fit_predict(points))) != 2:
        raise SelfTestError("k-means did not find two clusters")
    for model in (RandomForestClassifier(n_estimators=5, random_state=0),
                  LogisticRegression(), LinearSVC()):
        if model.fit(points, labels).score(points, labels) < 0.9:
            raise SelfTestError(f"{type(model).__name__} did not learn two clusters")
    words = TfidfVectorizer().fit_transform(["late delivery", "refund please", "late again"])
    NMF(2, init="nndsvda", max_iter=50).fit(words)
    scipy.stats.norm.cdf(1.0)
    if networkx.pagerank(networkx.karate_club_graph()) is None or \
            len(igraph.Graph.Famous("Zachary").betweenness()) != 34:
        raise SelfTestError("the graph libraries gave no answer")
    blas = [pool.get("internal_api") for pool in threadpool_info()]
    if not blas:
        raise SelfTestError("threadpoolctl found no BLAS library")
    return f"scikit-learn {sklearn.__version__}, networkx {networkx.__version__}, " \
        f"igraph {igraph.__version__}, BLAS: {', '.join(sorted(set(map(str, blas))))}"


def step_libraries(state: State) -> str:
    if state.service is None:
        raise SelfTestError("no background process (the analysis step did not run)")
    return str(state.service.call(use_libraries))


def step_chart(state: State) -> str:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure
    from PySide6.QtGui import QColor

    from crm_desktop.ui.charts.charts import draw_chart, palette_colors

    _application(state)
    chart = getattr(state.outcome, "chart", None)
    if chart is None:
        raise SelfTestError(f"the {ANALYSIS} analysis has no chart to draw")
    colors = palette_colors()
    figure = Figure(figsize=(CHART_SIZE[0] / 100, CHART_SIZE[1] / 100), dpi=100)
    canvas = FigureCanvasQTAgg(figure)
    try:
        canvas.resize(*CHART_SIZE)
        draw_chart(figure.add_subplot(), chart, colors)
        canvas.draw()
        image = canvas.grab().toImage()
    finally:
        canvas.deleteLater()
    count = distinct_colours(image)
    if count < 3:
        raise SelfTestError(f"the chart came out blank ({count} colour)")
    if not has_colour(image, QColor(colors.accent).rgb()):
        raise SelfTestError("the chart has no bars in the accent colour")
    return f"{image.width()}x{image.height()}, {count} colours"


def step_window(state: State) -> str:
    from PySide6.QtCore import QSettings

    from crm_desktop.ui.main_window import MainWindow
    from crm_desktop.ui.pages.error_page import ErrorPage

    app = _application(state)
    settings = QSettings(str(state.folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(_database(state), settings, start_page="customers")
    state.window = window
    window.resize(*WINDOW_SIZE)
    window.show()
    page = window.page("customers")
    if page is None or isinstance(page, ErrorPage):
        raise SelfTestError("the customers page could not be opened")
    model: Any = getattr(page, "model", None)
    if model is None:
        raise SelfTestError("the customers page has no list")
    deadline = time.monotonic() + WINDOW_TIMEOUT_S
    while not (model.total() and model.rowCount() and not model.isLoading()):
        if time.monotonic() > deadline:
            raise SelfTestError(f"no customer rows within {WINDOW_TIMEOUT_S:.0f} s")
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()
    image = window.grab().toImage()
    count = distinct_colours(image)
    if count < 8:
        raise SelfTestError(f"the window came out blank ({count} colours)")
    return f"customers page, {model.total()} rows, {image.width()}x{image.height()}, " \
        f"{count} colours"


def step_pages(state: State) -> str:
    from crm_desktop.ui.pages import PAGES
    from crm_desktop.ui.pages.base import Page

    for entry in PAGES:
        try:
            page_class = entry.load()
        except Exception as error:  # noqa: BLE001 - named in the step's one line
            raise SelfTestError(f"page {entry.name} cannot be loaded: {error}") from error
        if not (isinstance(page_class, type) and issubclass(page_class, Page)):
            raise SelfTestError(f"page {entry.name}: {page_class!r} is not a page")
    return f"{len(PAGES)} pages"


def step_resources(state: State) -> str:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from crm_desktop.app import resources_dir

    app = _application(state)
    folder = resources_dir()
    if not (folder / "icons" / "app.svg").is_file():
        raise SelfTestError(f"no app icon in {folder / 'icons'}")
    if app.windowIcon().isNull() or app.windowIcon().pixmap(32, 32).isNull():
        raise SelfTestError("the app icon cannot be drawn (Qt's SVG icon plugin missing?)")
    from crm_desktop.ui import icons

    icons.load()
    if icons.icon(icons.PAGE_ICONS["customers"]).pixmap(24, 24).isNull():
        raise SelfTestError("the icon font cannot be drawn (QtAwesome's fonts missing?)")
    ours = sorted((folder / "translations").glob("*.qm"))
    for qm in ours:
        if not QTranslator().load(str(qm)):
            raise SelfTestError(f"translation {qm.name} does not load")
    qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if not (qt_folder / "qtbase_zh_CN.qm").is_file():
        raise SelfTestError(f"Qt's own Chinese translation is missing from {qt_folder}")
    return f"icon, icon font, {len(ours)} translations of ours, Qt's translations"


STEPS: list[tuple[str, Step]] = [
    ("database", step_database),
    ("demo data", step_demo_data),
    ("analysis", step_analysis),
    ("libraries", step_libraries),
    ("chart", step_chart),
    ("window", step_window),
    ("pages", step_pages),
    ("resources", step_resources),
]


# Running ----------------------------------------------------------------------------------------
def run(verbose: bool = False, out: TextIO | None = None) -> int:
    """Run every step; 0 when all passed, 1 at the first failure (later steps are skipped)."""
    stream = out if out is not None else sys.stdout
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    _say(stream, _describe_build())
    # (A file Windows still holds open must not turn a passed test into a crash at the end.)
    with tempfile.TemporaryDirectory(prefix="crm-desktop-self-test-",
                                     ignore_cleanup_errors=True) as folder:
        state = State(Path(folder))
        _isolate_settings(state.folder)
        try:
            for name, step in STEPS:
                begun = time.perf_counter()
                try:
                    detail = step(state)
                except Exception as error:
                    took = time.perf_counter() - begun
                    _say(stream, f"FAIL  {name:<10} {took:6.2f} s  {_one_line(error)}")
                    if verbose:
                        traceback.print_exc()
                    _say(stream, f'self-test failed at step "{name}" after '
                                 f"{time.perf_counter() - started:.1f} s")
                    return 1
                took = time.perf_counter() - begun
                _say(stream, f"ok    {name:<10} {took:6.2f} s  {detail}")
        finally:
            _clean_up(state)
    _say(stream, f"self-test passed in {time.perf_counter() - started:.1f} s")
    return 0


def _say(stream: TextIO | None, line: str) -> None:
    if stream is not None:  # a windowed executable may have no stdout
        print(line, file=stream, flush=True)


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or "(no message)"
    return text if isinstance(error, SelfTestError) else f"{type(error).__name__}: {text}"


def _describe_build() -> str:
    from crm_desktop import __version__
    from crm_desktop.frozen import is_frozen, is_one_folder

    how = ("frozen, one-folder" if is_one_folder() else "frozen, one-file") if is_frozen() \
        else "from source"
    try:
        from PySide6 import __version__ as qt_version
    except ImportError:
        qt_version = "?"
    return (f"crm-desktop {__version__} self-test ({how}; Python {platform.python_version()}, "
            f"PySide6 {qt_version}, {platform.system()} {platform.machine()}, "
            f"Qt platform {os.environ.get('QT_QPA_PLATFORM', '?')})")


def _isolate_settings(folder: Path) -> None:
    """Any QSettings() made during the test reads and writes a file in the temporary folder,
    never the user's settings (the registry on Windows, ~/.config, ~/Library/Preferences)."""
    from PySide6.QtCore import QSettings

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder / "settings"))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(folder / "settings"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)


def _application(state: State) -> Any:
    if state.app is None:
        from crm_desktop.app import make_application

        state.app = make_application()
    return state.app


def _database(state: State) -> Database:
    if state.database is None:
        raise SelfTestError("no database (its step did not run)")
    return state.database


def _clean_up(state: State) -> None:
    """Close the window (stops its jobs and background process) and the database, so the
    temporary folder can be removed (Windows keeps open files)."""
    if state.service is not None:
        state.service.close()
    if state.window is not None:
        try:
            from PySide6.QtCore import QCoreApplication, QEvent

            state.window.close()
            state.window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        except Exception:
            log.exception("the self-test window did not close cleanly")
    if state.database is not None:
        state.database.close()


# Measuring ------------------------------------------------------------------------------------
def distinct_colours(image: QImage, step: int = 4, limit: int = 64) -> int:
    """How many different colours a grid of every `step`-th pixel holds (counting stops at
    `limit`): 1 for a blank image."""
    seen: set[int] = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
            if len(seen) >= limit:
                return limit
    return len(seen)


def has_colour(image: QImage, rgb: int, step: int = 2) -> bool:
    """Whether a grid of every `step`-th pixel has the opaque colour `rgb` (0xAARRGGBB)."""
    wanted = rgb | 0xFF000000
    return any(image.pixel(x, y) | 0xFF000000 == wanted
               for y in range(0, image.height(), step) for x in range(0, image.width(), step))
