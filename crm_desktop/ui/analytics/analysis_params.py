"""The parameter controls of the Analytics page.

One control per parameter of :data:`crm_desktop.services.analyses.parameters.PARAMETERS`
(ranges from ``LIMITS``, choices from ``CHOICES``, defaults from ``DEFAULT_PARAMS``), each with
a label and a tooltip; only the controls of the chosen analysis are visible. The values last used with an
analysis are stored in QSettings under ``analytics/<analysis>/<parameter>`` and restored when
the page is built. The purchase-propensity target offers "any purchase" and the product
categories the page loads in a worker (:meth:`ParamsPanel.set_categories`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from crm_desktop.services.analyses.parameters import CHOICES, DEFAULT_PARAMS, LIMITS, PARAMETERS
from crm_desktop.ui.preferences import Preferences  # (with the page's module, off the GUI thread)
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.theme import spin_box_look

SETTINGS_GROUP = "analytics"
ANY = "any"


def _object_name(param: str) -> str:
    return "analysisParam" + "".join(part.title() for part in param.split("_"))


class ParamsPanel(QWidget):
    """Label + control per parameter in one row; ``set_analysis`` shows the chosen one's."""

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None,
                 build_later: Callable[[Callable[[], None]], None] | None = None) -> None:
        """`build_later` (the page's Page.build_later): the second half of the fields is made
        in a part of its own (20 fields with their spin boxes' style sheets: 15-20 ms)."""
        super().__init__(parent)
        self.setObjectName("analysisParams")
        self._settings = settings
        self.editors: dict[str, QWidget] = {}
        self.fields: dict[str, QWidget] = {}
        self.analysis: str | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.no_settings = named(QLabel(self.tr("(no settings)")), "analysisNoParams")
        self.no_settings.setToolTip(self.tr("This analysis has no parameters"))
        layout.addWidget(self.no_settings)
        texts = self._texts()
        params = list(dict.fromkeys(p for names in PARAMETERS.values() for p in names))
        half = len(params) // 2 if build_later is not None else len(params)
        self._make_fields(layout, texts, params[:half])

        def rest() -> None:
            self._make_fields(layout, texts, params[half:])
            self._restore()
            method = self.editors["method"]
            assert isinstance(method, QComboBox)
            method.currentIndexChanged.connect(self._method_changed)
            self._method_changed()

        (build_later or (lambda part: part()))(rest)

    def _make_fields(self, layout: QHBoxLayout, texts: dict[str, tuple[str, str, str]],
                     params: list[str]) -> None:
        for param in params:
            label_text, suffix, tip = texts[param]
            # Made inside their parents: made apart, each of the fields' widgets was styled
            # again as it was added (8-10 ms of the page's first build).
            field = named(QWidget(self), _object_name(param) + "Field")
            field.hide()
            editor = self._editor(param, suffix, field)
            editor.setObjectName(_object_name(param))
            editor.setToolTip(tip)
            label = QLabel(label_text, field)
            label.setToolTip(tip)
            label.setBuddy(editor)
            row = QHBoxLayout(field)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            row.addWidget(label)
            row.addWidget(editor)
            layout.addWidget(field)
            self.editors[param] = editor
            self.fields[param] = field

    def _texts(self) -> dict[str, tuple[str, str, str]]:
        """(label, suffix, tooltip) per parameter."""
        return {
            "period": (self.tr("Revenue per"), "", self.tr(
                "Revenue and its growth per calendar month or quarter")),
            "loyal_min_quarters": (self.tr("Loyal: orders in"), "", self.tr(
                "A customer is loyal with paid orders in at least this many of the recent "
                "quarters; the loyalty index is the loyal customers' share of revenue")),
            "loyal_quarters": (self.tr("of the last"), self.tr(" quarters"), self.tr(
                "How many recent quarters (3-month windows back from the last order) the "
                "loyalty rule looks at")),
            "churn_window_days": (self.tr("Churn period"), self.tr(" days"), self.tr(
                "Churn rate: the share of customers active at the start of this period "
                "(an order in the 180 days before) who were no longer active at its end")),
            "method": (self.tr("Method"), "", self.tr(
                "k-means: k chosen by the best silhouette score; DBSCAN: density clusters, "
                "eps chosen at the knee of the k-distance curve, outliers marked as noise")),
            "k_min": (self.tr("k from"), "", self.tr("k-means: the smallest number of segments tried")),
            "k_max": (self.tr("to"), "", self.tr("k-means: the largest number of segments tried")),
            "min_samples": (self.tr("Core points"), "", self.tr(
                "DBSCAN: neighbours a point needs to be the core of a cluster; auto = twice "
                "the number of features")),
            "model": (self.tr("Model"), "", self.tr(
                "The classifier that learns the category from customer behaviour; quality "
                "is measured by 3-fold cross-validation")),
            "horizon_days": (self.tr("Churned after"), self.tr(" days"), self.tr(
                "A customer counts as churned after this many days without a paid order; "
                "the model predicts who will be churned this many days from now")),
            "propensity_days": (self.tr("Buys within"), self.tr(" days"), self.tr(
                "The probability of buying within this many days from now")),
            "target": (self.tr("Target"), "", self.tr(
                "Any purchase, or a purchase of a product from one category")),
            "clv_months": (self.tr("CLV horizon"), self.tr(" months"), self.tr(
                "Customer lifetime value: expected value over this many months")),
            "discount_rate": (self.tr("Discount"), self.tr(" % a year"), self.tr(
                "Annual discount rate: future purchases are worth this much less per year "
                "(applied monthly)")),
            "text_source": (self.tr("Texts"), "", self.tr(
                "Ticket subjects and bodies (themes per month, unusual weeks), or the needs "
                "written on customers (one row per customer with its theme)")),
            "theme_method": (self.tr("Method"), "", self.tr(
                "k-means: groups similar texts; NMF: finds themes as word combinations and "
                "gives each text its strongest theme")),
            "themes": (self.tr("Themes"), "", self.tr(
                "How many themes; auto = the number from 2 to 8 with the best silhouette "
                "score")),
            "tune": (self.tr("Tune"), "", self.tr(
                "Choose the model's settings by a small cross-validated search first "
                "(slower; the decision tree is always tuned)")),
            "min_support_pct": (self.tr("In at least"), self.tr(" % of orders"), self.tr(
                "Products bought together count when they are in at least this share of "
                "the paid orders")),
            "min_confidence_pct": (self.tr("Right at least"), self.tr(" %"), self.tr(
                "A rule 'who buys A buys B' is kept when it holds at least this often")),
        }

    def _choice_texts(self) -> dict[str, str]:
        return {"month": self.tr("month"), "quarter": self.tr("quarter"), "kmeans": self.tr("k-means"),
                "dbscan": self.tr("DBSCAN"), "random_forest": self.tr("Random forest"),
                "decision_tree": self.tr("Decision tree"), "logistic": self.tr("Logistic regression"),
                "svm": self.tr("SVM"), "nmf": self.tr("NMF"), "tickets": self.tr("Tickets"),
                "needs": self.tr("Customer needs")}

    def _editor(self, param: str, suffix: str, parent: QWidget) -> QWidget:
        default = DEFAULT_PARAMS[param]
        if isinstance(default, bool):
            check = QCheckBox(parent)
            check.setChecked(default)
            return check
        if param == "target":
            combo = QComboBox(parent)
            combo.addItem(self.tr("Any purchase"), ANY)
            return combo
        if param in CHOICES:
            combo = QComboBox(parent)
            texts = self._choice_texts()
            for value in CHOICES[param]:
                combo.addItem(texts.get(value, value), value)
            combo.setCurrentIndex(max(0, combo.findData(default)))
            return combo
        low, high = LIMITS[param]
        spin: QSpinBox | QDoubleSpinBox
        if isinstance(default, float):
            decimal = spin_box_look(QDoubleSpinBox(parent))
            decimal.setDecimals(1)
            decimal.setSingleStep(0.5)
            spin = decimal
        else:
            spin = spin_box_look(QSpinBox(parent))
        spin.setRange(low, high)  # type: ignore[arg-type]
        spin.setValue(default)
        spin.setSuffix(suffix)
        if param in ("min_samples", "themes"):
            spin.setSpecialValueText(self.tr("auto"))
        return spin

    # ------------------------------------------------------------------------------ values
    def value(self, param: str) -> Any:
        editor = self.editors[param]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        assert isinstance(editor, (QSpinBox, QDoubleSpinBox))
        return editor.value()

    def set_value(self, param: str, value: Any) -> None:
        editor = self.editors[param]
        default = DEFAULT_PARAMS[param]
        if isinstance(editor, QCheckBox):  # QSettings gives "true"/"false" back
            editor.setChecked(value is True or str(value).lower() in ("true", "1"))
            return
        try:
            value = type(default)(value)
        except (TypeError, ValueError):
            return
        if isinstance(editor, QComboBox):
            index = editor.findData(value)
            if index < 0 and param == "target" and value:
                editor.addItem(value, value)  # a category not loaded (yet)
                index = editor.count() - 1
            if index >= 0:
                editor.setCurrentIndex(index)
        elif isinstance(editor, (QSpinBox, QDoubleSpinBox)):
            editor.setValue(value)

    def values(self, analysis: str | None = None) -> dict[str, Any]:
        """The parameters of ``analysis`` (default: the shown one) as run_analysis takes them."""
        params = {p: self.value(p) for p in PARAMETERS.get(analysis or self.analysis or "", ())}
        if "k_min" in params and "k_max" in params:
            params["k_max"] = max(params["k_min"], params["k_max"])
        return params

    def set_analysis(self, analysis: str) -> None:
        self.analysis = analysis
        shown = PARAMETERS.get(analysis, ())
        for param, field in self.fields.items():
            field.setVisible(param in shown)
        self.no_settings.setVisible(not shown)

    def visible_params(self) -> list[str]:
        return [p for p, field in self.fields.items() if not field.isHidden()]

    def set_categories(self, categories: list[str]) -> None:
        """The product categories a propensity can target (besides any purchase)."""
        combo = self.editors["target"]
        assert isinstance(combo, QComboBox)
        current = combo.currentData()
        while combo.count() > 1:
            combo.removeItem(1)
        for category in categories:
            combo.addItem(category, category)
        self.set_value("target", current)

    def _method_changed(self) -> None:
        dbscan = self.value("method") == "dbscan"
        for param in ("k_min", "k_max"):
            self.fields[param].setEnabled(not dbscan)
        self.fields["min_samples"].setEnabled(dbscan)

    # ------------------------------------------------------------------------------ settings
    def _key(self, analysis: str, param: str) -> str:
        return f"{SETTINGS_GROUP}/{analysis}/{param}"

    def _restore(self) -> None:
        if self._settings is None:
            return
        # The churn window and loyal-customer rule of the Settings dialog, unless other values
        # were used on this page since.
        for param, value in Preferences.load(self._settings).kpi_params().items():
            self.set_value(param, value)
        for analysis, params in PARAMETERS.items():
            for param in params:
                stored = self._settings.value(self._key(analysis, param))
                if stored is not None:
                    self.set_value(param, stored)

    def save(self, analysis: str) -> None:
        """Remember the values used with ``analysis`` (restored when the page is built)."""
        if self._settings is None:
            return
        for param, value in self.values(analysis).items():
            self._settings.setValue(self._key(analysis, param), value)
