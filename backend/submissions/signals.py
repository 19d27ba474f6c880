"""What submissions announce to the apps that learn from them (they import this, never the
other way round)."""

from django.dispatch import Signal

# Sent with ``submission_ids`` when graded submissions may be shown to their owner: when a grade
# is stored, and for an interview's submits when the interview ends.
results_visible = Signal()
