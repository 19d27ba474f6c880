from graders.casekit import Case


def generate():
    return [Case("sample", {"a": 1, "b": 2}, sample=True)] + [
        Case(f"hidden_{i}", {"a": i, "b": 2 * i}) for i in range(4)
    ]
