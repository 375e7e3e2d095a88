"""Signals that apps above accounts listen to, so that accounts never imports them.

``manager_changed`` is sent (after commit is not needed: receivers write in the same transaction) when a
person's manager changes, with ``person`` (the User, already saved) and ``old_manager_id`` /
``new_manager_id`` (either may be None). Participants moves that person's waiting requests to the new
manager.
"""

from django.dispatch import Signal

manager_changed = Signal()
