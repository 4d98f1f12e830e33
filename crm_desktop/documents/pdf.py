"""Render a quote, order or invoice to PDF with Qt's own printing: QTextDocument lays out the
HTML of :mod:`crm_desktop.documents.layout`, QPdfWriter writes A4 pages (vector text, fonts
embedded), each with a footer: the business, the document's number and "page x of n".

Needs a QGuiApplication (fonts, images): the app's when it runs, else one is made here on the
offscreen platform (the command line has no window).
"""

from __future__ import annotations

import os
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
    title = texts.tr(T.TITLE[job.kind])
    writer.setTitle(f"{title} {job.document.number}")
    writer.setCreator("crm-desktop")

    font = font_for(texts.language)
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    logo = _add_logo(document, job.company.logo.data) if job.company.logo else None
    document.setHtml(document_html(job, texts, logo))

    page = writer.pageLayout().paintRectPixels(DPI)
    footer_font = QFont(font)
    footer_font.setPointSizeF(FOOTER_POINTS)
    footer_height = _mm_to_px(8)
    body = QSizeF(page.width(), page.height() - footer_height)
    document.setPageSize(body)
    pages = max(1, document.pageCount())
    footers = [_footer_texts(job, texts, number + 1, pages) for number in range(pages)]

    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {path}")
    try:
        for number in range(pages):
            if number:
                writer.newPage()
            painter.save()
            painter.translate(0, -number * body.height())
            document.drawContents(painter, QRectF(0, number * body.height(), body.width(),
                                                  body.height()))
            painter.restore()
            _footer(painter, footer_font,
                    QRectF(0, body.height(), body.width(), footer_height), *footers[number])
    finally:
        painter.end()
    bold = QFont(font)
    bold.setBold(True)
    shown = document.toPlainText() + "".join(left + right for left, right in footers)
    fix_text_map(path, radical_twins((font, bold), shown))
    return RenderedDocument(path, pages, texts.language, font.families()[0])


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
