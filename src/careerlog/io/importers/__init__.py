"""Parsers for what other tools wrote: each reads a file and hands plain dicts to
:mod:`careerlog.services.exchange.importing`, which writes them."""
