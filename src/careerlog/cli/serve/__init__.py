"""``careerlog serve``: the TUI in a browser tab through textual-serve. Imported only
when that command runs (aiohttp and textual-serve cost ~0.3 s), so the rest of the
command line never pays for it."""
