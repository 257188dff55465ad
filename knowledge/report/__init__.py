"""The career report: one page a job seeker can keep, comparing the job they have with the job they want.

``report_html(engine, from_text, to_text, state)`` gives a self-contained HTML page (charts embedded),
``report_pdf(...)`` the same page as PDF. FROM and TO are codes or job titles in free text, as for
``careerbot compare``; errors are those of ``Analyst.compare`` (UnknownCode, AmbiguousJob, UnknownJob).

Modules: ``data`` gathers the figures, ``charts`` draws them, ``html`` lays them out with the Jinja template
in ``templates/``, ``pdf`` prints the page with WeasyPrint, ``cli`` adds ``careerbot report``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def report_html(engine: Engine, from_text: str, to_text: str, state: str | None = None, profile=None) -> str:
    """``profile``: the person's whole story (knowledge.person.profile.Profile), shown at the top."""
    from knowledge.report.data import report_data
    from knowledge.report.html import render_html

    return render_html(report_data(engine, from_text, to_text, state, profile))


def report_pdf(engine: Engine, from_text: str, to_text: str, state: str | None = None) -> bytes:
    from knowledge.report.pdf import html_to_pdf

    return html_to_pdf(report_html(engine, from_text, to_text, state))
