"""Exporters (Markdown, HTML, JSON) and importers (careerlog JSON, jrnl JSON).

Plain data in and out: these modules read and write files and strings, and call
services for everything that touches the store. No Textual, no store imports.
"""
