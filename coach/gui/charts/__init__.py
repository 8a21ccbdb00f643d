"""The history charts, drawn with QPainter: the calendar heat map, weekly doses, and the pain trend.

Each chart is a drawing fed plain values from the core by `set_data(...)` that paints itself in
`paint(painter, rect, palette)`, shown by a passive widget: the widget's paintEvent calls `paint` on the
screen, the report calls it on a PDF page (no widgets there, so a QGuiApplication is enough), and both show
the same picture. Each drawing also gives its figures as a table (`table()`), which `ChartOrTable` shows
in place of the chart at the press of a button, for a screen reader. Sizes are in logical pixels (fonts
too), which the report scales to its page. Colours are palette roles plus the one accent, in steps of opacity.

Why QPainter and not a chart library: Qt Charts is deprecated since Qt 6.10, and its successor Qt Graphs is
built on Qt Quick, which cannot paint into a QPdfWriter page; neither has a calendar heat map. Three small
charts by hand are a few hundred lines, follow the desktop's palette, and print exactly as they show.
"""

from coach.gui.charts.base import (
    ACCENT,
    SHARE_STEPS,
    ChartTable,
    ChartView,
    Drawing,
    accent,
    faded,
    share_step,
)
from coach.gui.charts.heat_map import HeatMap, HeatMapDrawing
from coach.gui.charts.pain import PainChart, PainDrawing
from coach.gui.charts.table import ChartOrTable
from coach.gui.charts.weekly_dose import WeeklyDoseChart, WeeklyDoseDrawing

__all__ = [
    "ACCENT",
    "SHARE_STEPS",
    "ChartOrTable",
    "ChartTable",
    "ChartView",
    "Drawing",
    "HeatMap",
    "HeatMapDrawing",
    "PainChart",
    "PainDrawing",
    "WeeklyDoseChart",
    "WeeklyDoseDrawing",
    "accent",
    "faded",
    "share_step",
]
