"""`calendar_changed`: sent after a change to the calendar is committed, so deadlines can be recounted (I3).

Receivers get `years`, a tuple of the years whose special days or completeness changed; a deadline
counted over one of them (for instance a letter due in 2027, counted before 2027 was entered) is stale.
"""

from django.dispatch import Signal

calendar_changed = Signal()
