"""One place that turns the bot's replies into what each channel shows best.

The actions stay channel-agnostic: a reply is Rasa's message dict, ``{"text", "buttons": [{"title",
"payload"}], "image"}``, where the text is plain lines (``bot/replies.py``): "• " bullets, "1. " numbered
lines, bare URLs. From that:

* ``widget_markdown(text)``  markdown for the website widget (rasa-webchat): line breaks kept, lists as
  markdown lists, links with a label, O*NET's asterisk escaped; buttons and images stay what they are.
* ``sms_body(messages, ...)`` the whole answer to one text message as one plain SMS of at most
  ``SMS_MAX_SEGMENTS`` segments: GSM-7 characters only where possible, buttons as numbered choices, report
  links in their short form, detail dropped (the report keeps it) when the answer is too long.
* ``slack_message(message)``  ``chat.postMessage`` arguments: Block Kit sections in Slack's mrkdwn, an
  image block, buttons as an actions block, and a plain ``text`` for notifications.
"""
from __future__ import annotations

import math
import re
import unicodedata
from urllib.parse import parse_qs, urlsplit

URL = re.compile(r"https?://[^\s<>()]+[^\s<>().,;:!?'\"]")
REPORT_URL = re.compile(r"^(?P<base>https?://[^\s]+?)/reports/(?P<source>[\w.-]+)/(?P<target>[\w.-]+)\.(?:html|pdf)"
                        r"(?:\?(?P<query>\S*))?$")
BULLET = re.compile(r"^(?:•|-|\*)\s+(.*)$")
NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(.*)$")


def links(text: str) -> list[str]:
    return URL.findall(text or "")


def is_report_link(url: str) -> bool:
    return bool(REPORT_URL.match(url))


def link_label(url: str) -> str:
    """What a link is called where a channel shows labels instead of URLs."""
    if is_report_link(url):
        return "your full report (PDF)" if ".pdf" in url else "your full report"
    if "/charts/" in url:
        return "the gap chart"
    return urlsplit(url).netloc or url


def short_report_url(url: str) -> str:
    """http://host/reports/43-4051.00/43-4031.03.html?state=ME -> http://host/r/43405100-43403103-ME
    (bot/web.py redirects it to the report); any other URL is returned as it is."""
    match = REPORT_URL.match(url)
    if not match or url.endswith(".pdf") or ".pdf?" in url:
        return url
    codes = [re.sub(r"\D", "", match[k]) for k in ("source", "target")]
    state = (parse_qs(match["query"] or "").get("state") or [""])[0].upper()
    return f"{match['base']}/r/{codes[0]}-{codes[1]}" + (f"-{state}" if re.fullmatch(r"[A-Z]{2}", state) else "")


# -- the website widget (rasa-webchat renders markdown with react-markdown) -------------------------------

def _escape_markdown(text: str) -> str:
    # "O*NET 30.0 ... O*NET 29.3" would otherwise turn everything between the asterisks into italics.
    return re.sub(r"([\\*_`\[\]<>])", r"\\\1", text)


def _markdown_inline(line: str) -> str:
    out, last = [], 0
    for match in URL.finditer(line):
        out.append(_escape_markdown(line[last:match.start()]))
        out.append(f"[{link_label(match[0])}]({match[0]})")
        last = match.end()
    out.append(_escape_markdown(line[last:]))
    return "".join(out)


def widget_markdown(text: str) -> str:
    """The reply's plain lines as markdown: lines stay lines (hard breaks), runs of "• " or "1. " lines become
    markdown lists, URLs become labelled links."""
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append("  \n".join(paragraph))
            paragraph.clear()
        if items:
            blocks.append("\n".join(items))
            items.clear()

    for raw in (text or "").strip().splitlines():
        line = raw.strip()
        bullet, numbered = BULLET.match(line), NUMBERED.match(line)
        if bullet or numbered:
            if paragraph:
                flush()
            items.append(f"- {_markdown_inline(bullet[1])}" if bullet else f"{numbered[1]}. {_markdown_inline(numbered[2])}")
        elif not line:
            flush()
        else:
            if items:
                flush()
            paragraph.append(_markdown_inline(line))
    flush()
    return "\n\n".join(blocks)


# -- SMS ------------------------------------------------------------------------------------------------

SMS_MAX_SEGMENTS = 3
GSM7 = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
           "abcdefghijklmnopqrstuvwxyzäöñüà")
GSM7_EXTENDED = set("^{}\\[~]|€\f")  # two septets each (an escape, then the character)
# Characters the replies use that GSM-7 lacks: one of them would make the whole SMS UCS-2 (70 a segment).
PLAIN = {"→": "->", "•": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "×": "x",
         "≈": "~", "≥": ">=", "≤": "<=", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "·": "-", "½": "1/2"}


def sms_units(text: str) -> tuple[int, int, int]:
    """(units, units in a single SMS, units per segment of a longer one) for ``text``: GSM-7 septets when
    every character has one, else UTF-16 code units (UCS-2)."""
    if all(ch in GSM7 or ch in GSM7_EXTENDED for ch in text):
        return sum(2 if ch in GSM7_EXTENDED else 1 for ch in text), 160, 153
    return len(text.encode("utf-16-le")) // 2, 70, 67


def sms_segments(text: str) -> int:
    """How many SMS segments ``text`` takes: one up to 160 GSM-7 characters (70 UCS-2), else the message
    is split in parts of 153 (67), each carrying a concatenation header."""
    units, single, part = sms_units(text)
    return 1 if units <= single else math.ceil(units / part)


def sms_plain(text: str) -> str:
    """Markdown and typography flattened to plain GSM-7 text where a plain equivalent exists."""
    text = re.sub(r"\[([^\]]+)\]\((https?://[^)\s]+)\)", r"\1: \2", text or "")
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = "".join(PLAIN.get(ch, ch) for ch in text)
    out = []
    for ch in text:
        if ch in GSM7 or ch in GSM7_EXTENDED:
            out.append(ch)
        else:  # é is GSM-7 but ê is not: drop the accent rather than switch the whole SMS to UCS-2
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            out.append(base if base and all(c in GSM7 for c in base) else ch)
    return "".join(out)


def sms_choices(buttons: list[dict]) -> str:
    if not buttons:
        return ""
    return "Reply with a number:\n" + "\n".join(f"{n} {sms_plain(b['title'])}" for n, b in enumerate(buttons, 1))


def _first_sentence(line: str) -> str:
    """The line's first sentence (a list marker kept); "U.S. Bureau" is not a sentence end."""
    marker = re.match(r"^(?:\d{1,2}[.)]|[-*]|•)\s+", line)
    head, rest = (marker[0], line[marker.end():]) if marker else ("", line)
    match = re.match(r"^(.{20,}?[a-z0-9)%][.!?])\s+[A-Z]", rest)
    return head + (match[1] if match else rest)


def _without_asides(line: str) -> str:
    """The line without its parenthesised asides: "the job (Court Clerks) asks for" -> "the job asks for"."""
    return re.sub(r"\s*\([^()]*\)", "", line)


def _fits(text: str, limit: int) -> bool:
    return sms_segments(text) <= limit


def sms_body(messages: list[dict], max_segments: int = SMS_MAX_SEGMENTS) -> str:
    """All of one turn's replies as one plain SMS of at most ``max_segments`` segments. Buttons of every
    reply become one numbered list, in order (``sms_buttons`` gives the same list, for reading the answer).
    When the whole answer is too long, detail goes first (a line keeps its first sentence), then whole
    lines from the end, and the SMS ends with the short link to the full report when there is one."""
    buttons = sms_buttons(messages)
    lines: list[str] = []
    report = None
    for message in messages:
        text = message.get("text") or ""
        for url in links(text):
            short = short_report_url(url)
            report = report or (short if is_report_link(url) else None)
            text = text.replace(url, short)
        if text.strip():
            if lines:
                lines.append("")
            lines += [sms_plain(line.rstrip()) for line in text.strip().splitlines()]
    choices = sms_choices(buttons)

    def join(body: list[str], more: str | None) -> str:
        parts = ["\n".join(body).strip()]
        if more:
            parts.append(more)
        if choices:
            parts.append(choices)
        return "\n\n".join(p for p in parts if p)

    whole = join(lines, None)
    if _fits(whole, max_segments):
        return whole
    # Too long: the report link, if the answer had one, stays and says where the rest is.
    more = f"Full report: {report}" if report else None
    lines = [line for line in lines if not (report and report in line)]
    for shorten in (_first_sentence, lambda line: _without_asides(_first_sentence(line))):
        short_lines = [shorten(line) for line in lines]
        if _fits(join(short_lines, more), max_segments):
            return join(short_lines, more)
    # Still too long: the first lines stay, in order (a numbered list is never left with holes).
    kept: list[str] = []
    for line in short_lines:
        if not _fits(join(kept + [line], more), max_segments):
            break
        kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    if not kept:  # even the first line is too long: cut it at a word
        words = short_lines[0].split() if short_lines else []
        while words and not _fits(join([" ".join(words) + "..."], more), max_segments):
            words.pop()
        kept = [" ".join(words) + "..."] if words else []
    body = join(kept, more)
    if not _fits(body, max_segments):  # only choices and link left and still too long: the link goes
        body = join(kept, None)
    return body


def sms_buttons(messages: list[dict]) -> list[dict]:
    """The buttons of one turn's replies in the order ``sms_body`` numbers them."""
    return [b for m in messages for b in (m.get("buttons") or []) if b.get("payload")]


CHOICE = re.compile(r"^\s*#?(\d{1,2})\s*[.)]?\s*$")


def chosen_payload(text: str, buttons: list[dict]) -> str | None:
    """The payload of the button whose number the user texted ("2", " 2. "), else None."""
    match = CHOICE.match(text or "")
    if not match or not buttons:
        return None
    number = int(match[1])
    return buttons[number - 1]["payload"] if 1 <= number <= len(buttons) else None


# -- Slack (Block Kit) ------------------------------------------------------------------------------------

SLACK_SECTION_LIMIT = 3000  # characters of text in one section block
SLACK_BUTTON_TEXT_LIMIT = 75


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_mrkdwn(text: str) -> str:
    """Slack's mrkdwn: &, < and > escaped, URLs as labelled links; "• " and "1. " lines read well as they are."""
    out, last = [], 0
    for match in URL.finditer(text or ""):
        out.append(_slack_escape(text[last:match.start()]))
        out.append(f"<{match[0]}|{link_label(match[0])}>")
        last = match.end()
    out.append(_slack_escape((text or "")[last:]))
    return "".join(out).strip()


def _chunks(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at line ends where possible."""
    pieces, current = [], ""
    for line in text.splitlines():
        while len(line) > limit:  # one line longer than a block: cut it
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    pieces.append(current)
    return [p for p in pieces if p.strip()]


def slack_message(message: dict) -> dict:
    """``chat.postMessage`` arguments (without channel and thread) for one reply."""
    text = message.get("text") or ""
    blocks: list[dict] = []
    for piece in _chunks(slack_mrkdwn(text), SLACK_SECTION_LIMIT):
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": piece}})
    if message.get("image"):
        blocks.append({"type": "image", "image_url": message["image"],
                       "alt_text": "Bar chart: your current level and the level the new job needs, the gaps that matter most first"
                       if "/charts/gaps/" in message["image"] else "picture"})
    buttons = [b for b in message.get("buttons") or [] if b.get("payload")]
    if buttons:
        blocks.append({"type": "actions", "elements": [
            {"type": "button", "action_id": f"choice-{n}", "value": b["payload"],
             "text": {"type": "plain_text", "text": b["title"][:SLACK_BUTTON_TEXT_LIMIT], "emoji": True}}
            for n, b in enumerate(buttons[:25], 1)]})
    fallback = text.strip() or ("Choose: " + ", ".join(b["title"] for b in buttons) if buttons else "")
    return {"text": fallback[:SLACK_SECTION_LIMIT] or "(picture)", "blocks": blocks}
