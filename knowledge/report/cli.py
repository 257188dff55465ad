"""``careerbot report FROM TO [--state XX] --format html|pdf --out FILE``: the career report as a file."""
from __future__ import annotations

import sys
from pathlib import Path

from knowledge.errors import UserError

FORMATS = ("html", "pdf")


def output_format(fmt: str | None, out: str) -> str:
    """--format, else the --out file's suffix, else html."""
    if fmt:
        return fmt
    suffix = Path(out).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else "html"


def cmd_report(args) -> int:
    from knowledge.db import the_store
    from knowledge.report import report_html
    from knowledge.report.pdf import html_to_pdf

    fmt = output_format(args.format, args.out)
    if fmt == "pdf" and args.out == "-" and sys.stdout.isatty():
        raise UserError("a PDF would go to the terminal: give --out FILE")
    out = None if args.out == "-" else Path(args.out)
    if out is not None and not out.parent.is_dir():
        raise UserError(f"no folder {str(out.parent)!r} to write the report into")
    html = report_html(the_store(args.db), args.source, args.target, args.state)
    body = html.encode("utf-8") if fmt == "html" else html_to_pdf(html)
    if out is None:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
        return 0
    partial = out.with_name(out.name + ".part")  # a failed write never leaves half a report under the name asked for
    partial.write_bytes(body)
    partial.replace(out)
    sys.stderr.write(f"careerbot: wrote {out} ({fmt.upper()}, {len(body) // 1024:,} KB)\n")
    return 0


def add_report_command(sub) -> None:
    p = sub.add_parser("report", help="the full career report for FROM -> TO as a standalone HTML page or a PDF")
    p.add_argument("source", metavar="FROM", help="code or job title")
    p.add_argument("target", metavar="TO", help="code or job title")
    p.add_argument("--state", help="two-letter state code for local pay and schools (else national)")
    p.add_argument("--format", choices=FORMATS, help="html or pdf (default: from the --out suffix, else html)")
    p.add_argument("--out", default="-", help="file to write (default: standard output)")
    p.set_defaults(func=cmd_report)
