"""Sent by ``record_change`` inside the transaction of every recorded change.

Receivers get ``item`` (the changed model instance, still in the database even for
``action == "deleted"``, which is recorded just before the row goes), ``action`` and
``record`` (the ``ChangeRecord`` just written).
"""

from django.dispatch import Signal

change_recorded = Signal()
