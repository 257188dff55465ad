"""The career report as a PDF: the same HTML page laid out by WeasyPrint, which fetches nothing.

WeasyPrint needs Pango (Debian's libpango-1.0-0 and libpangoft2-1.0-0) and reads the page's @page rules
(US Letter, page numbers in the footer). The charts are data URIs; the fetcher allows only those, and any
other resource the page named would stop the rendering (a report must stand alone)."""
from __future__ import annotations

import logging


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # font subsetting chatter is not the reader's business
    fetcher = URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
    return HTML(string=html, url_fetcher=fetcher, media_type="print").write_pdf()
