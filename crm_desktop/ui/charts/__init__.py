"""Charts drawn with matplotlib in Qt: the panel widget, its painter, layout, hover tips, theme,
and the warm-up that imports matplotlib off the GUI thread.
"""
