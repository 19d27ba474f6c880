"""Lines of the graded-work machinery merged by issue 12, before and after: whole files, or
named top-level functions and classes of a file (ast; docstrings and comments included).

    python scripts/machinery_lines.py 9a6f0b6 main
"""
import ast
import subprocess
import sys


def source(rev, path):
    r = subprocess.run(["git", "show", f"{rev}:{path}"], capture_output=True, text=True)
    return r.stdout if r.returncode == 0 else None

def lines(rev, path, names=None):
    text = source(rev, path)
    if text is None:
        return 0
    if names is None:
        return len(text.splitlines())
    total = 0
    for node in ast.parse(text).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name in names:
            start = min([d.lineno for d in node.decorator_list] + [node.lineno])
            total += node.end_lineno - start + 1
    return total

BEFORE = {
    "backend/submissions/tasks.py": None, "backend/designs/tasks.py": None,
    "backend/takehomes/tasks.py": None, "backend/submissions/heartbeat.py": None,
    "backend/submissions/broker.py": None,
    "backend/submissions/services.py": {"enqueue", "claim", "release", "store_result",
                                        "store_pictures", "fail_permanently"},
    "backend/designs/services.py": {"enqueue", "claim", "grade", "_finish", "fail_permanently"},
    "backend/takehomes/services.py": {"enqueue", "claim", "store_grade", "fail"},
    "backend/submissions/models.py": {"CaseImage"}, "backend/designs/models.py": {"DesignPlot"},
    "backend/takehomes/models.py": {"HandInPlot"},
    "backend/submissions/api.py": {"case_image"}, "backend/designs/api.py": {"design_plot"},
    "backend/takehomes/api.py": {"PlotView"},
}
AFTER = {
    **{f"backend/grading/{name}.py": None for name in
       ("models", "kinds", "lifecycle", "tasks", "sweep", "heartbeat", "broker", "artifacts",
        "views", "status")},
    "backend/submissions/tasks.py": None, "backend/designs/tasks.py": None,
    "backend/takehomes/tasks.py": None, "backend/submissions/kind.py": None,
    "backend/designs/kind.py": None, "backend/takehomes/kind.py": None,
    "backend/static/cvprep/live.js": None,
}
rev_before, rev_after = sys.argv[1], sys.argv[2]
for label, rev, spec in (("before", rev_before, BEFORE), ("after", rev_after, AFTER)):
    rows = [(path, lines(rev, path, names)) for path, names in spec.items()]
    print(f"{label} ({rev}): {sum(n for _, n in rows)} lines")
    for path, n in rows:
        print(f"  {n:5d}  {path}{'' if spec[path] is None else ' ' + ','.join(sorted(spec[path]))}")
