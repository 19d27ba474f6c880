"""The coding kind's grading task (the plumbing is backend.grading.tasks.GradeTask's)."""

from backend.grading.tasks import grade_task

grade_submission = grade_task("coding", name="backend.submissions.tasks.grade_submission")
