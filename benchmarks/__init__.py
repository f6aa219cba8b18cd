"""``python -m benchmarks``: careerlog measured against jrnl and its own targets."""
