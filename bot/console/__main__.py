"""python -m bot.console add-counselor NAME [--password-stdin]

Creates a counselor account in the console database (CAREERBOT_CONSOLE_URL, default var/console.sqlite),
or gives an existing account a new password (which ends its sessions). The password is asked twice on
the terminal, or read from the first line of standard input with --password-stdin (for scripts).
"""
from __future__ import annotations

import argparse
import getpass
import sys

from bot.console import accounts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.console", description="counselor console accounts")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add-counselor", help="create a counselor account or set its password")
    add.add_argument("name")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.add_argument("--db", help="SQLAlchemy URL of the console database (default: CAREERBOT_CONSOLE_URL, "
                                  "else var/console.sqlite)")
    args = parser.parse_args(argv)

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"Password for {args.name}: ")
        if getpass.getpass("Same password again: ") != password:
            print("The two passwords differ; nothing changed.", file=sys.stderr)
            return 1
    try:
        created = accounts.add_counselor(accounts.open_console_db(args.db), args.name, password)
    except ValueError as exc:
        print(f"{exc}; nothing changed.", file=sys.stderr)
        return 1
    print(f"Counselor {args.name} {'created' if created else 'now has a new password'}. "
          "Log in at http://localhost:8000/console/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
