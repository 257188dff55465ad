"""The ``careerbot`` command: build the store and ask it questions. ``--json`` on every question."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Callable

from knowledge import config
from knowledge.errors import UserError


def _engine(args):
    from knowledge.db import the_store

    return the_store(args.db)


def _print(args, payload, render: Callable[[object], str]) -> None:
    from knowledge.render import print_result  # render imports the analysis; keep `build` light

    print_result(getattr(args, "json", False), payload, render)


def cmd_build(args) -> int:
    from knowledge.build import build

    loaded = build(config.db_url(args.db), config.data_dir(args.data), show=not args.quiet)
    if args.json:
        json.dump([x.__dict__ for x in loaded], sys.stdout, indent=1)
        sys.stdout.write("\n")
    return 0


def cmd_sources(args) -> int:
    from sqlalchemy import select

    from knowledge import models as m

    with _engine(args).connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(m.Source).order_by(m.Source.table_name))]
    _print(args, rows, lambda rs: "\n".join(f"{r['table_name']:<28} {r['rows']:>9,}  {r['dataset']} {r['release']}"
                                            + (f"\n{'':<39}{r['note']}" if r["note"] else "") for r in rs))
    return 0


def cmd_occupation(args) -> int:
    from sqlalchemy.orm import Session

    from knowledge.profile import occupation_profile, render_profile

    with Session(_engine(args)) as conn:
        profile = occupation_profile(conn, args.code, state=args.state)
    _print(args, profile, render_profile)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="careerbot", description=__doc__)
    top.add_argument("--db", help="SQLAlchemy URL of the store (default: CAREERBOT_DB_URL, else var/careerbot.sqlite)")
    sub = top.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="load the public releases into a new store")
    p.add_argument("--data", help="folder of the raw releases (default: CAREERBOT_DATA_DIR, else download)")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("sources", help="every loaded table with its dataset, release and row count")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sources)

    p = sub.add_parser("occupation", help="everything the store knows about one occupation")
    p.add_argument("code", help="O*NET-SOC 2019 code, SOC 2018 code, or an older O*NET-SOC code")
    p.add_argument("--state", help="two-letter state code for local wages and institutions")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_occupation)

    from knowledge.analysis_cli import add_analysis_commands

    add_analysis_commands(sub)
    from knowledge.report.cli import add_report_command

    add_report_command(sub)
    for command in sub.choices.values():  # --db also after the command; SUPPRESS keeps one given before it
        command.add_argument("--db", default=argparse.SUPPRESS, help="SQLAlchemy URL of the store (as before the command)")
    return top


def main(argv: list[str] | None = None) -> int:
    # Why: spaCy's thinc imports TensorFlow when it is installed (Rasa brings it), which costs seconds
    # on every command; nothing the command line runs needs it, so tell thinc it is not there.
    sys.modules.setdefault("tensorflow", None)
    args = parser().parse_args(argv)
    from knowledge.analysis import AmbiguousJob, UnknownJob
    from sqlalchemy.exc import SQLAlchemyError

    from knowledge.db import StoreMissing, store_error
    from knowledge.lookup import UnknownCode
    from knowledge.textfile import DataFileError

    try:
        return args.func(args)
    except (UserError, UnknownCode, UnknownJob, AmbiguousJob) as exc:
        message = exc.args[0] if exc.args else str(exc)
        sys.stderr.write(f"careerbot: {message}\n")
        if getattr(args, "json", False):
            _print(args, {"error": message, "candidates": getattr(exc, "candidates", [])}, str)
        return 2
    except (StoreMissing, DataFileError, config.ConfigError) as exc:
        sys.stderr.write(f"careerbot: {exc}\n")
        return 1
    except SQLAlchemyError as exc:  # locked, unreadable, server gone: one line, not a traceback
        sys.stderr.write(f"careerbot: {store_error(exc, config.db_url(args.db))}\n")
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
