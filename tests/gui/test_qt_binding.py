"""The Qt binding itself: PySide6 6.12.0 on Python 3.11 dropped a reference to None on every call that
returns None, and Python aborts ("none_dealloc") once the count reaches zero — after enough use of the app."""

import sys

from PySide6.QtCore import QObject, QSortFilterProxyModel
from PySide6.QtGui import QStandardItemModel


def test_calls_returning_none_keep_the_reference_count_of_none(qapp):
    model = QStandardItemModel(2, 2)
    proxy = QSortFilterProxyModel()
    holder = QObject()
    before = sys.getrefcount(None)
    for _ in range(2000):
        holder.setObjectName("x")
        model.index(0, 0).data()
        proxy.invalidate()
    assert sys.getrefcount(None) >= before - 50
