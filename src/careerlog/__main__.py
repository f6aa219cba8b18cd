"""Entry point for ``python -m careerlog``."""

from careerlog.cli import main

raise SystemExit(main())
