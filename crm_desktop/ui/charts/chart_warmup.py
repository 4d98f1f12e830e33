"""What the chart pages need before they can be built, done in a worker thread.

Importing pandas, matplotlib and its Qt backend and finding the fonts takes 0.6 s. Done on the
GUI thread the first time the Dashboard or Analytics page is opened, the window froze for that
long; in a worker the longest GUI gap it causes is 25-30 ms, and the page is then built in 20 ms.

The modules' objects are then frozen out of the cyclic garbage collector (as
`child_process.prepare` does for the start-up objects): they live as long as the app, and with
them in view a full collection now and then ran 60-160 ms inside one dashboard paint step.
"""

from __future__ import annotations


def warm_up() -> None:
    import gc

    # No collections while importing: the imports make hundreds of thousands of objects and
    # almost no garbage, and a full collection among them held the GIL for 45-50 ms.
    enabled = gc.isenabled()
    gc.disable()
    try:
        from matplotlib.font_manager import FontProperties, fontManager

        import crm_desktop.ui.analytics.frame_model  # noqa: F401 - pandas
        import crm_desktop.ui.charts.chart_hover  # noqa: F401 - imported by a ChartPanel
        import crm_desktop.ui.charts.charts  # noqa: F401 - matplotlib, FigureCanvasQTAgg

        fontManager.findfont(FontProperties(family=["sans-serif"]))
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
