"""The design kind's grading task (the plumbing is backend.grading.tasks.GradeTask's)."""

from backend.grading.tasks import grade_task

grade_design = grade_task("design", name="backend.designs.tasks.grade_design")
