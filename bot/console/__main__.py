"""python -m bot.console add-counselor NAME [--password-stdin] | disable-counselor NAME | enable-counselor NAME

add-counselor creates a counselor account in the console database (CAREERBOT_CONSOLE_URL, default
var/console.sqlite), or gives an existing account a new password (which ends its sessions). The password
is asked twice on the terminal, or read from the first line of standard input with --password-stdin (for
scripts). disable-counselor stops an account from logging in and ends its sessions at once (its notes and
cases stay); enable-counselor lets it log in again.
"""
from __future__ import annotations

import argparse
import getpass
import sys

from bot.console import accounts
from bot.console.db import open_console_db

DB_HELP = "SQLAlchemy URL of the console database (default: CAREERBOT_CONSOLE_URL, else var/console.sqlite)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.console", description="counselor console accounts")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add-counselor", help="create a counselor account or set its password")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    for name, text in (("disable-counselor", "stop an account from logging in; its sessions end now"),
                       ("enable-counselor", "let a disabled account log in again")):
        commands.add_parser(name, help=text)
    for command in commands.choices.values():
        command.add_argument("name")
        command.add_argument("--db", help=DB_HELP)
    args = parser.parse_args(argv)

    if args.command != "add-counselor":
        disable = args.command == "disable-counselor"
        try:
            accounts.set_disabled(open_console_db(args.db), args.name, disable)
        except ValueError as exc:
            print(f"{exc}; nothing changed.", file=sys.stderr)
            return 1
        print(f"Counselor {args.name} {'disabled: logged out everywhere' if disable else 'can log in again'}.")
        return 0
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"Password for {args.name}: ")
        if getpass.getpass("Same password again: ") != password:
            print("The two passwords differ; nothing changed.", file=sys.stderr)
            return 1
    try:
        created = accounts.add_counselor(open_console_db(args.db), args.name, password)
    except ValueError as exc:
        print(f"{exc}; nothing changed.", file=sys.stderr)
        return 1
    print(f"Counselor {args.name} {'created' if created else 'now has a new password'}. "
          "Log in at http://localhost:8000/console/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
