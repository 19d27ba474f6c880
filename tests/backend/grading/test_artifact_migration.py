"""The kinds' own PNG tables (CaseImage, DesignPlot, HandInPlot) are copied into the one
grading.Artifact by their migrations: every picture and plot survives, byte for byte, under
the name its URL asks for."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from backend.grading import artifacts
from backend.submissions.models import Submission
from backend.takehomes.models import HandIn

BEFORE = [
    ("submissions", "0005_status_choices_of_graded_work"),
    ("designs", "0002_designsubmission_heartbeat_at"),
    ("takehomes", "0002_handin_heartbeat_at"),
    ("grading", "0001_initial"),
]
PNG = b"\x89PNG\r\n\x1a\nnot really"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_pictures_and_plots_survive_the_move_into_one_artifact_table():
    old = migrate(BEFORE)
    user = old.get_model("auth", "User").objects.create(username="someone")
    problem = old.get_model("catalog", "Problem").objects.create(
        slug="p", title="P", difficulty="easy", category="c", entry="f", statement="s",
        starter="", time_limit=1.0, memory_limit_mb=64, fingerprint="0",
    )
    submission = old.get_model("submissions", "Submission").objects.create(
        owner=user, problem=problem, code="x", mode="run"
    )
    old.get_model("submissions", "CaseImage").objects.create(
        submission=submission, case_name="example", kind="expected", png=PNG
    )
    design = old.get_model("designs", "DesignSubmission").objects.create(
        owner=user, problem=problem
    )
    old.get_model("designs", "DesignPlot").objects.create(
        submission=design, name="latency", png=PNG + b"1"
    )
    takehome = old.get_model("takehomes", "TakeHome").objects.create(
        slug="t", title="T", task="classification", brief="b", deadline_hours=1,
        late_policy="mark", fingerprint="0",
    )
    assignment = old.get_model("takehomes", "Assignment").objects.create(
        takehome=takehome, candidate=user, owner=user, deadline=timezone.now()
    )
    hand_in = old.get_model("takehomes", "HandIn").objects.create(
        assignment=assignment, predictions=b"", predictions_name="p.csv", code_zip=b"",
        code_name="c.zip", writeup="w",
    )
    old.get_model("takehomes", "HandInPlot").objects.create(
        hand_in=hand_in, name="confusion", png=PNG + b"2"
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from backend.designs.models import DesignSubmission

    def stored(model, job_id):
        return {a.name: bytes(a.png) for a in artifacts.of(model, job_id)}

    assert stored(Submission, submission.id) == {"example/expected": PNG}
    assert stored(DesignSubmission, design.id) == {"latency": PNG + b"1"}
    assert stored(HandIn, hand_in.id) == {"confusion": PNG + b"2"}
