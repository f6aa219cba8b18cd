"""Reusable widgets shared by careerlog's screens."""
