"""The counselor console: conversations from every channel with the bot's analyses, behind a login.

    bot/console/web.py            the blueprint under /console on bot/web.py's server: login, the shared Kit
    bot/console/conversation_pages.py   the list, a conversation with its casework and notes, exports
    bot/console/handoff_pages.py  requests for a person (the queue), their contact on request, the live chat
    bot/console/account_pages.py  the access log, one's own account (password, log out everywhere)
    bot/console/conversations.py  conversations read from Rasa's SQL tracker store (read-only), masked
    (bot/understanding/person_requests.py reads "talk to a human", "can someone call me?" from what people typed)
    bot/console/filters.py        the list's search, filters and order
    bot/console/db.py             the console's own database: every table
    bot/console/accounts.py       counselor accounts, sessions, the login throttle
    bot/console/casework.py       assignment, status, follow-up date; notes with their history
    bot/console/access.py         the access log: who viewed, exported or changed what
    bot/console/export.py         HTML / PDF / CSV exports

Create an account:  .venv/bin/python -m bot.console add-counselor NAME   (or: make counselor NAME=...)
Disable one:        .venv/bin/python -m bot.console disable-counselor NAME   (enable-counselor NAME undoes it)
"""
