"""The career report (``careerbot report``, knowledge/report/, bot/web.py) on the real store.

The HTML must carry every section of the seed report in its order, the same figures as ``careerbot compare``,
its charts embedded and nothing fetched from outside; the PDF must open, hold the titles and show a page
that is not blank (rendered with poppler's pdftoppm: `scripts/apt-install.sh poppler-utils`); the web
server must answer with both formats and 404 for unknown codes.
"""
from __future__ import annotations

import base64
import io
import json
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from knowledge import cli
from tests.servers import ServerFailed, free_port, http, start as start_server, stop, wait_until_up
from knowledge.formatting import money

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parent.parent
CSR, CLERKS, CASHIERS, NURSES, SECRETARIES = "43-4051.00", "43-4031.00", "41-2011.00", "29-1141.00", "43-6014.00"
PAIRS = [(CSR, CLERKS, "ME"), (CASHIERS, NURSES, None), (CSR, SECRETARIES, "TX")]
SECTIONS = ["score", "gaps", "education", "job-zones", "work", "labor-market", "programs", "apprenticeships",
            "destinations", "industries", "sources"]  # the seed report's order, with apprenticeships after programs
SUBHEADINGS = {"gaps": ["Abilities to strengthen", "Skills to build", "Knowledge to add"],
               "work": ["Tasks", "Work activities", "Technology"]}


class Page(HTMLParser):
    """What the tests look at in a report: sections, headings, table rows, images, resources, text by id."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.sections, self.headings, self.rows, self.images, self.resources = [], [], [], [], []
        self.by_id: dict[str, str] = {}
        self.styles: list[str] = []
        self._section = self._heading = self._row = self._cell = self._id = None
        self._text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self._section = attrs.get("id")
            self.sections.append(self._section)
        if tag in ("h2", "h3"):
            self._heading, self._text = tag, []
        if tag == "tr":
            self._row = []
        if tag in ("td", "th") and self._row is not None:
            self._cell = []
        if tag == "img":
            self.images.append(attrs.get("src", ""))
        for name in ("src", "href", "data", "poster", "srcset"):
            if name in attrs and tag != "a":
                self.resources.append((tag, attrs[name]))
        if tag in ("link", "script", "iframe", "object", "embed"):
            self.resources.append((tag, attrs.get("src") or attrs.get("href") or ""))
        if tag == "span" and attrs.get("id"):
            self._id, self._text = attrs["id"], []

    def handle_endtag(self, tag):
        if tag == self._heading:
            self.headings.append((self._section, tag, " ".join("".join(self._text).split())))
            self._heading = None
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.rows.append((self._section, self._row))
            self._row = None
        if tag == "span" and self._id:
            self.by_id[self._id] = "".join(self._text).strip()
            self._id = None

    def handle_data(self, data):
        if self.lasttag == "style":
            self.styles.append(data)
        if self._heading or self._id:
            self._text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def section_rows(self, section: str) -> list[list[str]]:
        return [row for s, row in self.rows if s == section]


def compare_json(capsys, source: str, target: str, state: str | None) -> dict:
    """What `careerbot compare --json` prints for the pair (the command itself, in this process)."""
    capsys.readouterr()
    assert cli.main(["compare", source, target, "--json"] + (["--state", state] if state else [])) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def html_reports(engine):
    from knowledge.report import report_html

    out, seconds = {}, {}
    for source, target, state in PAIRS:
        start = time.perf_counter()
        out[(source, target, state)] = report_html(engine, source, target, state)
        seconds[(source, target, state)] = time.perf_counter() - start
    print("report_html seconds:", {k[:2]: round(v, 1) for k, v in seconds.items()})
    return out


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: "-".join(x or "US" for x in p))
def test_every_section_in_the_seed_order(html_reports, pair):
    page = Page(html_reports[pair])
    assert page.sections == SECTIONS
    h2 = {s for s, tag, _ in page.headings if tag == "h2"}
    assert h2 == set(SECTIONS), "every section has its heading"
    for section, titles in SUBHEADINGS.items():
        found = [text for s, tag, text in page.headings if s == section and tag == "h3"]
        for title in titles:
            assert any(text.startswith(title) for text in found), (title, found)
    html = html_reports[pair]
    for section in SECTIONS[:-1]:  # every section names its source
        body = html.split(f'<section id="{section}">', 1)[1].split("</section>", 1)[0]
        assert "Source" in body, section
    assert html.count("<figure>") == html.count("<figcaption>") == len(re.findall(r"<figcaption>[^<]*Source: ", html))


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: "-".join(x or "US" for x in p))
def test_figures_equal_careerbot_compare(html_reports, capsys, pair):
    source, target, state = pair
    expected = compare_json(capsys, source, target, state)
    page = Page(html_reports[pair])
    assert page.by_id["grand-score"] == f"{expected['score']['grand']:,.0f}"
    shown_domains = {row[0].lower(): row[1] for row in page.section_rows("score")[1:]}
    for domain, d in expected["score"]["domains"].items():
        assert shown_domains[domain] == (f"{d['score']:,.0f}" if d["score"] is not None else "no score")
    # the biggest gap of each list, as a row: element, level needed, your level, gap, importance
    gap_rows = page.section_rows("gaps")
    for key in ("gaps_to_narrow", "skills_to_upgrade", "knowledge_to_add"):
        for g in expected[key]["gaps"][:1]:
            row = [g["element"], str(g["target_level"]), str(g["source_level"]), str(g["gap"]), str(g["importance"])]
            assert any(r[:5] == row for r in gap_rows), (key, row)
    # median pay in the area (the state, or the nation), then nationally
    market = expected["labor_market"]
    medians = [r for r in page.section_rows("labor-market") if r[0].startswith("Middle of the pay scale")]
    area_from, area_to = (market["from"]["wages"] or {}), (market["to"]["wages"] or {})
    assert medians[0][1:3] == [money(area_from.get("annual_median")), money(area_to.get("annual_median"))]
    if state:
        assert len(medians) == 2
        assert medians[1][1:3] == [money(market["from"]["national_wages"]["annual_median"]),
                                   money(market["to"]["national_wages"]["annual_median"])]
    else:
        assert len(medians) == 1


def test_the_maine_report_shows_the_known_figures(html_reports):
    page = Page(html_reports[(CSR, CLERKS, "ME")])
    assert page.by_id["grand-score"] == "84"
    law = [r for r in page.section_rows("gaps") if r[0] == "Law and Government"]
    assert law[0][:5] == ["Law and Government", "58", "16", "42", "77"]
    median = [r for r in page.section_rows("labor-market") if r[0].startswith("Middle of the pay scale")][0]
    assert median[2] == "$48,580"  # OEWS May 2025, Maine, 43-4031
    html = html_reports[(CSR, CLERKS, "ME")]
    # the example is the clerks' own task; O*NET's level-58 anchor (buying a house) is another setting, not shown
    assert "Prepare documents and title papers for the purchase of a new house" not in html
    assert law[0][5] == "\u2014"  # no clerk task names law or government: no example rather than an unrelated one
    administrative = [r for r in page.section_rows("gaps") if r[0] == "Administrative"][0]
    assert administrative[5].startswith("\u201cPerform administrative tasks, such as answering telephone calls")


def test_charts_are_embedded_and_nothing_is_fetched(html_reports):
    from PIL import Image

    for pair, html in html_reports.items():
        page = Page(html)
        assert len(page.images) >= 3, pair  # gaps, education, wages
        for src in page.images:
            assert src.startswith("data:image/png;base64,")
            image = Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1])))
            assert image.format == "PNG" and image.width > 400
        assert all(value.startswith("data:") for _tag, value in page.resources), page.resources
        assert not [tag for tag, _ in page.resources if tag in ("link", "script", "iframe", "object", "embed")]
        css = "".join(page.styles)
        assert "@import" not in css and not re.search(r"url\(\s*['\"]?(?!data:)", css)
        assert not re.search(r"<(?:img|script|link|source|video|audio)[^>]+(?:src|href)=\"https?:", html)


def test_training_routes_and_destinations(html_reports, engine):
    texas = Page(html_reports[(CSR, SECRETARIES, "TX")])
    schools = [r for r in texas.section_rows("programs") if r and r[0] != "School"]
    assert schools, "institutions in Texas for the secretaries' programs"
    assert all(len(r) == 5 for r in schools)
    destinations = [r for r in texas.section_rows("destinations") if r[0] != "#"]
    assert len(destinations) == 10 and [r[0] for r in destinations] == [str(i) for i in range(1, 11)]
    industries = [r for r in Page(html_reports[(CASHIERS, NURSES, None)]).section_rows("industries") if r[0] != "Industry"]
    assert industries and sum(float(r[3].rstrip("%")) for r in industries) <= 100  # no double-counted ownership rows

    from knowledge.report import report_html

    to_csr = report_html(engine, CASHIERS, CSR, "ME")  # the one occupation with a full apprenticeship in the store
    assert "RAPIDS 3001CB" in to_csr and "Related instruction (288 hours)" in to_csr
    assert "Core competencies shown on the job" in to_csr and "What you learn on the job" in to_csr


def test_free_text_like_compare(engine):
    from knowledge.analysis import AmbiguousJob
    from knowledge.report import report_html

    page = Page(report_html(engine, "customer service rep", "court clerk", "ME"))
    assert page.by_id["grand-score"] == "84"
    with pytest.raises(AmbiguousJob):
        report_html(engine, "cna", NURSES)


# -- the PDF ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pdf_file(html_reports, tmp_path_factory) -> Path:
    from knowledge.report.pdf import html_to_pdf

    start = time.perf_counter()
    body = html_to_pdf(html_reports[(CSR, CLERKS, "ME")])
    print(f"html_to_pdf: {time.perf_counter() - start:.1f} s")
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(body)
    return path


def test_pdf_opens_with_the_titles(pdf_file):
    from pypdf import PdfReader

    reader = PdfReader(str(pdf_file))
    assert 2 <= len(reader.pages) <= 20
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for title in ("Customer Service Representatives", "Court, Municipal, and License Clerks", "What to work on",
                  "Pay, jobs and outlook", "Sources"):
        assert title in text, title
    assert "$48,580" in text


def test_pdf_first_page_is_not_blank(pdf_file, tmp_path):
    from PIL import Image, ImageStat

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.fail("pdftoppm is missing: scripts/apt-install.sh poppler-utils")
    subprocess.run([pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf_file), str(tmp_path / "page1")],
                   check=True, capture_output=True)
    image = Image.open(tmp_path / "page1.png").convert("L")
    assert image.width > 400 and image.height > 500  # US Letter at 60 dpi: 510 x 660
    assert ImageStat.Stat(image).stddev[0] > 20
    inked = sum(count for value, count in enumerate(image.histogram()) if value < 200)
    assert inked / (image.width * image.height) > 0.02  # text, the score badge and the table


def test_cli_writes_both_formats(tmp_path, capsys):
    out = tmp_path / "r.html"
    assert cli.main(["report", CSR, CLERKS, "--state", "ME", "--out", str(out)]) == 0
    assert Page(out.read_text(encoding="utf-8")).by_id["grand-score"] == "84"
    assert cli.main(["report", CSR, "99-9999.00", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "no occupation has the code" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


# -- the web server ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def server(engine, tmp_path_factory):
    """bot.web on a free loopback port, in its own process; yields the base URL."""
    log = tmp_path_factory.mktemp("web") / "web.log"
    port = free_port()
    process = start_server([sys.executable, "-m", "bot.web", "--port", str(port)], log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/health", process, log, "web server", timeout=180)
        yield base
    except ServerFailed as exc:
        pytest.fail(str(exc))
    finally:
        stop(process)


def _get(url: str):
    status, headers, body = http(url)
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), None)  # any case
    return status, content_type, body


def test_web_serves_html_and_pdf_at_the_stable_url(server):
    from bot.web import report_url

    url = report_url(CSR, CLERKS, "me", base=server)
    assert url == f"{server}/reports/43-4051.00/43-4031.00.html?state=ME"
    status, content_type, body = _get(url)
    assert status == 200 and content_type.startswith("text/html")
    assert Page(body.decode("utf-8")).by_id["grand-score"] == "84"
    status, content_type, body = _get(report_url(CSR, CLERKS, "ME", base=server, fmt="pdf"))
    assert status == 200 and content_type == "application/pdf" and body.startswith(b"%PDF-")
    status, _, body = _get(f"{server}/reports/434051/43-4031.html?state=me")  # redirected to the canonical URL
    assert status == 200 and b'id="grand-score">84<' in body


def test_web_404_for_unknown_codes(server):
    for path in ("/reports/43-4051.00/99-9999.00.html", "/reports/not-a-code/43-4031.00.pdf",
                 "/reports/43-4051.00/43-4031.00.docx", "/elsewhere"):
        status, content_type, body = _get(server + path)
        assert status == 404 and content_type.startswith("text/plain"), path
        assert body and b"<html" not in body.lower()
    assert b"99-9999.00" in _get(server + "/reports/43-4051.00/99-9999.00.html")[2]
    status, _, body = _get(server + "/reports/43-4051.00/43-4031.00.html?state=ZZ")
    assert status == 400 and b"ZZ" in body


BOOKKEEPERS, TELLERS = "43-3031.00", "43-3071.00"


def story():
    from knowledge.person.profile import Education, Job, Profile

    return Profile([Job(CASHIERS, 3, 2), Job(TELLERS, 2)], Education("high-school", 30))


def test_the_persons_story_is_at_the_top_of_the_report(engine):
    """Several jobs or their schooling: the report starts with them, what all the jobs cover together and which job
    covers what, the same figures as ``careerbot compare --from ...``; one job alone keeps the report as it was."""
    from knowledge.analysis import analyst_for
    from knowledge.person.compare import compare_profile
    from knowledge.report import report_html

    page = Page(report_html(engine, TELLERS, BOOKKEEPERS, "WI", story()))
    assert page.sections[:2] == ["story", "score"]
    r = compare_profile(analyst_for(engine), story(), BOOKKEEPERS, state="WI")
    assert page.by_id["story-score"] == f"{r['score']['grand']:.0f}"
    assert page.by_id["story-who"] == ("Tellers covers most of the abilities and knowledge the job asks for; "
                                       "Cashiers adds Customer and Personal Service.")
    assert ("story", "h2", "Your story") in page.headings
    html = report_html(engine, TELLERS, BOOKKEEPERS, "WI", story())
    assert "Cashiers (41-2011.00), 3 years, left 2 years ago" in html and "Schooling: a high school diploma and 30 college credits" in html
    assert "story" not in Page(report_html(engine, TELLERS, BOOKKEEPERS, "WI")).sections


def test_web_report_with_the_persons_story(server):
    from bot.web import report_url

    url = report_url(TELLERS, BOOKKEEPERS, "WI", base=server, profile=story())
    assert url == (f"{server}/reports/43-3071.00/43-3031.00.html?state=WI&past=41-2011.00%3A3%3A2&now=2"
                   "&education=high-school&credits=30")
    status, _, body = _get(url)
    assert status == 200 and Page(body.decode("utf-8")).sections[:2] == ["story", "score"]
    status, _, body = _get(f"{server}/reports/433071/43-3031.html?state=WI&past=41-2011.00:3:2")  # kept on the redirect
    assert status == 200 and b'id="story-score"' in body
    status, _, body = _get(f"{server}/reports/43-3071.00/43-3031.00.html?past=99-9999.00:3")
    assert status == 400 and b"99-9999.00" in body
