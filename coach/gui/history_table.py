"""The history window's table of sessions: a passive model fed rows, filtered by routine through a proxy.

The model sorts its own rows with one Python sort on precomputed keys; the proxy only filters. Sorting in
the proxy asked the model for each compared cell through Qt (about 40,000 calls on ten years of sessions,
half the time the window took to open).

It starts with the sessions of the twelve months the window shows and reads the older ones when asked
(Qt's fetchMore: the table scrolled to its end), or at once when they are needed to sort by another
column or to show a routine done only before then: years of sessions cost nothing until someone looks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import tzinfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from coach.core.history.outcome import session_outcome
from coach.core.history.records import SessionRecord
from coach.core.i18n import N_, _, format_moment

_Index = QModelIndex | QPersistentModelIndex
ROUTINE_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True, slots=True)
class SessionRow:
    """One session as the table shows it; `sort` holds the values to sort by (numbers sort as numbers)."""

    routine_id: str
    cells: tuple[str, ...]
    sort: tuple[object, ...]


COLUMNS = (
    N_("Date"),
    N_("Routine"),
    N_("Outcome"),
    N_("Done"),
    N_("Before"),
    N_("Pain"),
    N_("Next morning"),
    N_("Warning signs"),
    N_("Note"),
)


def session_rows(sessions: Sequence[SessionRecord], tz: tzinfo | None = None) -> list[SessionRow]:
    """The table's rows, newest first."""
    rows = []
    for s in reversed(sessions):
        start = s.local_start(tz)
        signs = warning_signs_cell(s)
        cells = (
            format_moment(start, "%a %d %b %Y %H:%M", "yMMMEd"),
            s.routine_title,
            session_outcome(s).label,
            _("{done} of {planned}").format(done=s.steps_completed, planned=s.steps_total),
            "" if s.pain_before is None else str(s.pain_before),
            "" if s.pain is None else str(s.pain),
            "" if s.morning_pain is None else str(s.morning_pain),
            signs,
            s.note,
        )
        sort = (
            s.started_at.timestamp(),
            s.routine_title,
            cells[2],
            s.steps_completed / s.steps_total if s.steps_total else 0.0,
            -1 if s.pain_before is None else s.pain_before,
            -1 if s.pain is None else s.pain,
            -1 if s.morning_pain is None else s.morning_pain,
            signs,
            s.note,
        )
        rows.append(SessionRow(s.routine_id, cells, sort))
    return rows


def warning_signs_cell(session: SessionRecord) -> str:
    """'' when nothing was asked, 'none' when every answer was no, else the signs answered yes."""
    if not any(answer is not None for _, answer in session.warning_signs):
        return ""
    return ", ".join(key.replace("_", " ") for key in session.warning_signs_reported) or _("none")


class SessionTableModel(QAbstractTableModel):
    """Sessions as rows; knows nothing of the store: `set_rows` hands it what to show."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[SessionRow] = []
        self._order: tuple[int, Qt.SortOrder] | None = None
        self._older: Callable[[], Sequence[SessionRow]] | None = None

    def set_rows(
        self, rows: Sequence[SessionRow], older: Callable[[], Sequence[SessionRow]] | None = None
    ) -> None:
        """Show `rows`; `older` reads the rows of every earlier session, when they are first needed."""
        self.beginResetModel()
        self._older = older
        if not self._newest_first():
            rows = [*rows, *self._take_older()]
        self.rows = self._sorted(rows)
        self.endResetModel()

    @property
    def has_older(self) -> bool:
        """Whether rows of earlier sessions are still to be read."""
        return self._older is not None

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802, B008 (Qt's name and default)
        return not parent.isValid() and self._older is not None

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802, B008 (Qt's name and default)
        """The table reached its end: the earlier sessions, read now (in this order, below the others)."""
        if parent.isValid() or self._older is None:
            return
        older = self._sorted(self._take_older())
        if older:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(older) - 1)
            self.rows += older
            self.endInsertRows()

    def fetch_all(self) -> None:
        """Read the earlier sessions now, wherever their rows belong in the order shown."""
        if self._older is None:
            return
        if self._newest_first():
            self.fetchMore()
            return
        self.set_rows([*self.rows, *self._take_older()])

    def _take_older(self) -> Sequence[SessionRow]:
        older, self._older = self._older, None
        return older() if older is not None else ()

    def _newest_first(self) -> bool:
        """Whether the order keeps earlier sessions below the rest (by date, newest first; or unsorted)."""
        return self._order is None or self._order == (0, Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's sort values (stable, as Qt's own sort is), keeping selections on their rows."""
        self._order = (column, order) if 0 <= column < len(COLUMNS) else None
        if not self._newest_first() and self._older is not None:
            self.fetch_all()  # the earlier sessions' rows may belong anywhere in this order
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        kept = [self.rows[index.row()] for index in old]
        self.rows = self._sorted(self.rows)
        where = {id(row): number for number, row in enumerate(self.rows)}
        self.changePersistentIndexList(
            old, [self.index(where[id(row)], index.column()) for row, index in zip(kept, old, strict=True)]
        )
        self.layoutChanged.emit()

    def _sorted(self, rows: Sequence[SessionRow]) -> list[SessionRow]:
        if self._order is None:
            return list(rows)
        column, order = self._order
        descending = order is Qt.SortOrder.DescendingOrder
        return sorted(rows, key=lambda row: row.sort[column], reverse=descending)  # type: ignore[arg-type,return-value]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt's name and default)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt's name and default)
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row.cells[index.column()]
        if role == ROUTINE_ROLE:
            return row.routine_id
        if role == SORT_ROLE:
            return row.sort[index.column()]
        return None

    def headerData(  # noqa: N802 (Qt's name)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None


class RoutineFilter(QSortFilterProxyModel):
    """Shows the rows of one routine (or all, with None), in the order the model sorted them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.routine_id: str | None = None
        self.setSortRole(SORT_ROLE)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The source model sorts (see the module's note); the proxy keeps its order and only filters.
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)

    def set_routine(self, routine_id: str | None) -> None:
        self.beginFilterChange()
        self.routine_id = routine_id
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802 (Qt's name)
        if self.routine_id is None:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return bool(index.data(ROUTINE_ROLE) == self.routine_id)
