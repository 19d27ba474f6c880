import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "add_one"


TORCH_FIXTURE = Path(__file__).parent / "fixtures" / "scaled_add"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graders", *args], capture_output=True, text=True, timeout=600
    )


def test_check_grades_a_torch_problem_with_json_output(scaled_add):
    forbidden = TORCH_FIXTURE / "solutions/forbidden/lerp.py"
    result = run_cli("check", str(TORCH_FIXTURE), str(forbidden), "--json")
    assert result.returncode == 1 and '"verdict": "forbidden"' in result.stdout
    assert "uses torch.lerp, which this problem asks you to implement" in result.stdout


def test_verify_runs_a_torch_package_and_its_forbidden_solutions(scaled_add):
    result = run_cli("verify", str(TORCH_FIXTURE))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok   scaled_add" in result.stdout


def test_check_exits_zero_only_when_accepted(add_one):
    good = run_cli("check", str(FIXTURE), str(FIXTURE / "solutions/accepted/alt.py"))
    assert good.returncode == 0 and "accepted" in good.stdout
    bad = run_cli("check", str(FIXTURE), str(FIXTURE / "solutions/wrong_answer/plus2.py"), "--json")
    assert bad.returncode == 1 and '"verdict": "wrong_answer"' in bad.stdout


def test_verify_passes_a_good_package_and_reports_counts(add_one):
    result = run_cli("verify", str(FIXTURE.parent))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(list(FIXTURE.parent.glob('*/problem.toml')))} passed, 0 failed" in result.stdout


def test_verify_fails_when_a_tagged_solution_gets_another_verdict(add_one, tmp_path):
    import shutil

    package = tmp_path / "add_one"
    shutil.copytree(FIXTURE, package)
    (package / "solutions/accepted/wrong.py").write_text("def add_one(x):\n    return x\n")
    result = run_cli("verify", str(tmp_path))
    assert result.returncode == 1
    assert "accepted/wrong.py: got wrong_answer" in result.stdout


def test_invalid_package_is_reported_with_exit_two(tmp_path):
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "problem.toml").write_text("title = 1")
    result = run_cli("check", str(tmp_path / "broken"), "/dev/null")
    assert result.returncode == 2 and "invalid package" in result.stderr
