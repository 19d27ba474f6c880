"""A grading worker's pulse on the row it grades, so that a killed worker is noticed in
seconds, not after the job's whole running bound (every kind's)."""

from __future__ import annotations

import threading
import uuid
from types import TracebackType

from django import db
from django.conf import settings
from django.utils import timezone

from backend.grading.models import GradedJob, JobStatus


class Heartbeat:
    """``with Heartbeat(Model, id, claim):`` writes ``heartbeat_at`` every few seconds from a thread
    of its own (a long case in the sandbox does not stop it); its last write stops with it."""

    def __init__(self, model: type[GradedJob], job_id: int, token: uuid.UUID) -> None:
        self.model = model
        self.job_id = job_id
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
        self.model.objects.filter(
            pk=self.job_id, claim=self.token, status=JobStatus.RUNNING
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
