"""The counselor console: conversations from every channel with the bot's analyses, behind a login.

    bot/console/web.py            the pages (a Sanic blueprint under /console on bot/web.py's server)
    bot/console/conversations.py  conversations read from Rasa's SQL tracker store (read-only), masked
    bot/console/accounts.py       counselor accounts, sessions, notes (the console's own database)
    bot/console/export.py         HTML / PDF / CSV exports

Create an account:  .venv/bin/python -m bot.console add-counselor NAME   (or: make counselor NAME=...)
"""
