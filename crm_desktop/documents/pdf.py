"""Render a quote, order or invoice to PDF with Qt's own printing: QTextDocument lays out the
HTML of :mod:`crm_desktop.documents.layout`, QPdfWriter writes A4 pages (vector text, fonts
embedded), each with a footer: the business, the document's number and "page x of n".

Needs a QGuiApplication (fonts, images): the app's when it runs, else one is made here on the
offscreen platform (the command line has no window).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from crm_desktop.documents import texts as T
from crm_desktop.documents.layout import LOGO_URL, MUTED, document_html
from crm_desktop.documents.text_map import fix_text_map, radical_twins
from crm_desktop.documents.texts import Texts

if TYPE_CHECKING:
    from crm_desktop.services.printing import PrintJob

DPI = 300
MARGINS_MM = QMarginsF(16, 14, 16, 12)
LOGO_MAX_MM = (50.0, 16.0)  # width, height
IMAGE_DPI = 96
BODY_POINTS = 9.5
FOOTER_POINTS = 7.5
# Families tried in order; a family the machine lacks is skipped (Qt then falls back itself).
FONTS = {"en": ("Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial", "Noto Sans CJK SC"),
         "zh_CN": ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                   "Microsoft YaHei", "PingFang SC", "SimSun", "DejaVu Sans")}
_app: QGuiApplication | None = None


@dataclass(frozen=True)
class RenderedDocument:
    """The PDF written: where, how many pages, in which language and font family."""

    path: Path
    pages: int
    language: str
    font: str


def ensure_gui() -> QCoreApplication:
    """The running Qt application, or a new offscreen QGuiApplication (kept for the process)."""
    global _app
    existing = QCoreApplication.instance()
    if existing is not None:
        if not isinstance(existing, QGuiApplication):
            raise RuntimeError("printing needs a QGuiApplication, not a QCoreApplication")
        return existing
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(["crm-desktop"])
    return _app


def font_for(language: str) -> QFont:
    """The body font of a document language (Chinese: Noto Sans CJK SC when installed)."""
    installed = set(QFontDatabase.families())
    families = [f for f in FONTS[language] if f in installed] or list(FONTS[language][:1])
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(BODY_POINTS)
    # Text in the PDF must copy and search as it reads. No ligatures: "ffi" drawn as one
    # glyph comes out as "ﬃ". No localised forms: Noto Sans CJK's digits after Latin letters
    # ("Q-000010") come from its 'locl' glyphs, which Qt's PDF text map leaves out, so they
    # vanished from the copied text.
    for feature in ("liga", "clig", "dlig", "locl"):
        font.setFeature(QFont.Tag(feature), 0)
    return font


def _mm_to_px(mm: float) -> float:
    return mm / 25.4 * DPI


def _add_logo(document: QTextDocument, data: bytes) -> tuple[int, int] | None:
    """Add the logo image as a resource; its (width, height) as an HTML image size, kept
    within LOGO_MAX_MM; None when the bytes are not an image Qt can read. (QTextDocument
    sizes images in pixels of 96 per inch, whatever the resolution of the page.)"""
    image = QImage.fromData(data)
    if image.isNull() or image.width() == 0 or image.height() == 0:
        return None
    max_w, max_h = (mm / 25.4 * IMAGE_DPI for mm in LOGO_MAX_MM)
    scale = min(max_w / image.width(), max_h / image.height())
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(LOGO_URL), image)
    return round(image.width() * scale), round(image.height() * scale)


def render_pdf(job: PrintJob, out: Path | str, language: str = "en") -> RenderedDocument:
    """Write ``job`` (services.printing.print_job) as a PDF to ``out`` in ``language``
    ('en' or 'zh_CN'); OSError when the file cannot be written."""
    ensure_gui()
    texts = Texts(language)
    path = Path(out)
    if not path.parent.is_dir():
        raise OSError(f"folder {path.parent} does not exist")
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    writer.setTitle(document_title(job, texts))
    writer.setCreator("crm-desktop")
    pages, font, shown = paint_document(job, texts, writer, DPI, writer.newPage)
    bold = QFont(font)
    bold.setBold(True)
    fix_text_map(path, radical_twins((font, bold), shown))
    return RenderedDocument(path, pages, texts.language, font.families()[0])


def document_title(job: PrintJob, texts: Texts) -> str:
    """'Quote Q-000007' in the document's language (the PDF's title, the print job's name)."""
    return f"{texts.tr(T.TITLE[job.kind])} {job.document.number}"


def paint_document(job: PrintJob, texts: Texts, device: QPagedPaintDevice, resolution: int,
                   new_page: Callable[[], bool]) -> tuple[int, QFont, str]:
    """Lay out ``job`` on ``device`` (a QPdfWriter, or a QPrinter the print dialog set up)
    page by page with its footers; ``new_page`` is the device's own (QPrinter's is not the
    base class's). Returns (pages, body font, the text drawn); OSError when the device cannot
    be painted on (a printer that went away)."""
    font = font_for(texts.language)
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    logo = _add_logo(document, job.company.logo.data) if job.company.logo else None
    document.setHtml(document_html(job, texts, logo))

    page = device.pageLayout().paintRectPixels(resolution)
    footer_font = QFont(font)
    footer_font.setPointSizeF(FOOTER_POINTS)
    footer_height = _mm_to_px(8) * resolution / DPI
    body = QSizeF(page.width(), page.height() - footer_height)
    document.setPageSize(body)
    pages = max(1, document.pageCount())
    footers = [_footer_texts(job, texts, number + 1, pages) for number in range(pages)]

    painter = QPainter()
    if not painter.begin(device):
        raise OSError(f"cannot print {document_title(job, texts)}")
    try:
        for number in range(pages):
            if number:
                new_page()
            painter.save()
            painter.translate(0, -number * body.height())
            document.drawContents(painter, QRectF(0, number * body.height(), body.width(),
                                                  body.height()))
            painter.restore()
            _footer(painter, footer_font,
                    QRectF(0, body.height(), body.width(), footer_height), *footers[number])
    finally:
        painter.end()
    shown = document.toPlainText() + "".join(left + right for left, right in footers)
    return pages, font, shown


def _footer_texts(job: PrintJob, texts: Texts, page: int, pages: int) -> tuple[str, str]:
    """The footer's left (business, number) and right ("page x of n") texts."""
    left = " · ".join(x for x in (job.company.name, job.document.number) if x)
    return left, texts.tr(T.PAGE, page, pages)


def _footer(painter: QPainter, font: QFont, area: QRectF, left: str, right: str) -> None:
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor(MUTED))
    painter.drawLine(area.topLeft(), area.topRight())
    flags = Qt.AlignmentFlag.AlignBottom
    painter.drawText(area, flags | Qt.AlignmentFlag.AlignLeft, left)
    painter.drawText(area, flags | Qt.AlignmentFlag.AlignRight, right)
    painter.restore()
