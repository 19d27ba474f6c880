"""A grading worker's pulse on the row it grades, so that a killed worker is noticed in
seconds, not after the submission's whole running bound."""

from __future__ import annotations

import threading
import uuid
from types import TracebackType

from django import db
from django.conf import settings
from django.utils import timezone

from backend.submissions.models import Submission


class Heartbeat:
    """``with Heartbeat(id, claim):`` writes ``heartbeat_at`` every few seconds from a thread
    of its own (a long case in the sandbox does not stop it); its last write stops with it."""

    def __init__(self, submission_id: int, token: uuid.UUID) -> None:
        self.submission_id = submission_id
        self.token = token
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name="heartbeat", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._write()
        self.thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)

    def _write(self) -> None:
        Submission.objects.filter(
            id=self.submission_id, claim=self.token, status=Submission.Status.RUNNING
        ).update(heartbeat_at=timezone.now())

    def _beat(self) -> None:
        try:
            while not self.stopped.wait(settings.CVPREP_HEARTBEAT_SECONDS):
                try:
                    self._write()
                except db.Error:
                    pass  # a missed beat; the sweep allows several
        finally:
            db.connection.close()  # this thread's own connection
