"""One place that turns the bot's replies into what each channel shows best.

The actions stay channel-agnostic: a reply is Rasa's message dict, ``{"text", "buttons": [{"title",
"payload"}], "image"}``, where the text is plain lines (``bot/replies/``): "• " bullets, "1. " numbered
lines, bare URLs. From that:

* ``widget_markdown(text)``  markdown for the website widget (rasa-webchat): line breaks kept, lists as
  markdown lists, links with a label, O*NET's asterisk escaped; buttons and images stay what they are.
* ``sms_body(messages, ...)`` the whole answer to one text message as one plain SMS of at most
  ``SMS_MAX_SEGMENTS`` segments: GSM-7 characters only where possible, buttons as numbered choices, report
  links in their short form, detail dropped when the answer is too long, and then a last line that says
  where the rest is (the report's link, or "Text MORE for the rest": ``sms_pages`` gives MORE's pages);
  no SMS asks people to type a carrier keyword (``sms_wording``).
* Slack's Block Kit: ``bot/channels/render_slack.py``.
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
    """http://host/reports/43-4051.00/43-4031.03.html?state=ME -> http://host/r/43405100-43403103-ME, the
    person's story kept in short (bot/channels/short_links.py; bot/channels/site.py redirects it to the report);
    any other URL is returned as it is."""
    from bot.channels.short_links import story_part

    match = REPORT_URL.match(url)
    if not match or url.endswith(".pdf") or ".pdf?" in url:
        return url
    codes = [re.sub(r"\D", "", match[k]) for k in ("source", "target")]
    state = (parse_qs(match["query"] or "").get("state") or [""])[0].upper()
    story = story_part(match["query"] or "")
    return (f"{match['base']}/r/{codes[0]}-{codes[1]}" + (f"-{state}" if re.fullmatch(r"[A-Z]{2}", state) else "")
            + (f"_{story}" if story else ""))


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
         "≈": "~", "≥": ">=", "≤": "<=", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "·": "-", "½": "1/2",
         # GSM-7 has these two, at the codes ASCII gives "@" and "`": a gateway that reads the SMS as ASCII
         # shows "@Hola". Plain marks instead
         "¡": "!", "¿": "?"}


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


# Words an SMS must never ask people to type for anything but their carrier meaning (they opt the number out
# of every message: bot/channels/sms.py), and what the SMS says instead ("never mind" ends a form too).
CARRIER_WORDS = r"stop|stopall|unsubscribe|cancel|end|quit|revoke|optout"
_TYPE_A_CARRIER_WORD = re.compile(rf"\b(say|type|text|send|reply|write|enter)(\s+with)?\s+\"({CARRIER_WORDS})\"", re.I)


def sms_wording(text: str) -> str:
    """The reply's words for SMS: 'or say "stop"' becomes 'or say "never mind"'."""
    return _TYPE_A_CARRIER_WORD.sub(lambda m: f"{m[1]}{m[2] or ''} \"never mind\"", text or "")


def sms_input(text: str) -> str:
    """An incoming SMS as the bot reads it: "¡" and "¿" are plain "!" and "?", except a "¡" inside a word,
    which is an "@" some carriers deliver as "¡" (GSM-7 puts both at code 0): "jane¡example.org"."""
    text = re.sub(r"(?<=[\w.])¡(?=\w)", "@", text or "")
    return text.replace("¡", "!").replace("¿", "?")


def sms_reshow(number: str, buttons: list[dict]) -> str:
    """The answer to a number that is not one of the choices: the choices again."""
    return f"There is no choice {number.strip().lstrip('#').rstrip('.)').strip()}.\n\n" + sms_choices(buttons)


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


def _is_heading(line: str) -> bool:
    """A line that introduces the lines under it ("Outlook:", "Study programs for X with schools in Texas:")."""
    line = line.strip()
    return line.endswith(":") and not BULLET.match(line) and not NUMBERED.match(line)


MORE_WORD = "MORE"
MORE_LINE = "Text MORE for the rest."


def _sms_lines(messages: list[dict]) -> tuple[list[str], str | None]:
    """The turn's replies as plain SMS lines (a blank line between two replies), and the short link of the
    report one of them names, if any."""
    lines: list[str] = []
    report = None
    for message in messages:
        text = sms_wording(message.get("text") or "")
        for url in links(text):
            short = short_report_url(url)
            report = report or (short if is_report_link(url) else None)
            text = text.replace(url, short)
        if text.strip():
            if lines:
                lines.append("")
            lines += [sms_plain(line.rstrip()) for line in text.strip().splitlines()]
    return lines, report


def _paginate(lines: list[str], max_segments: int) -> list[str]:
    """``lines`` as SMS pages of at most ``max_segments`` segments, each but the last ending with MORE_LINE;
    a heading is never left at the end of a page, a line too long for a page is cut at a word."""
    pages: list[str] = []
    current: list[str] = []

    def body(part: list[str], last: bool) -> str:
        text = "\n".join(part).strip()
        return text if last else f"{text}\n\n{MORE_LINE}"

    queue = list(lines)
    while queue:
        line = queue.pop(0)
        if _fits(body(current + [line], False), max_segments):
            current.append(line)
            continue
        if not current:  # one line longer than a page: its words, over as many pages as it takes
            words, head = line.split(), []
            while words and _fits(body(head + [words[0]], False), max_segments):
                head.append(words.pop(0))
            head = head or [words.pop(0)]
            current, queue = [" ".join(head)], [" ".join(words)] + queue if words else queue
            pages.append(body(current, False))
            current = []
            continue
        carried = []
        while current and _is_heading(current[-1]):  # the heading goes with its lines
            carried.insert(0, current.pop())
        if current:
            pages.append(body(current, False))
        current = carried + [line]
        while current and not current[0].strip():
            current.pop(0)
    if current and "\n".join(current).strip():
        pages.append(body(current, True))
    elif pages:  # the last page was closed with a MORE line: take it off
        pages[-1] = pages[-1].removesuffix(f"\n\n{MORE_LINE}")
    return [p for p in pages if p.strip()]


def sms_pages(messages: list[dict], max_segments: int = SMS_MAX_SEGMENTS, report_link: str | None = None) -> list[str]:
    """All of one turn's replies as SMS answers of at most ``max_segments`` segments each: the first is the
    answer to the person's text, the others what MORE sends. Buttons of every reply become one numbered list
    in the first, in order (``sms_buttons`` gives the same list, for reading the answer). When the whole
    answer is too long, detail goes first (a line keeps its first sentence), then whole lines from the end,
    and the SMS ends with where the rest is: the short link to the full report when the answer names one (or
    ``report_link``, the conversation's report, is given), else "Text MORE for the rest."; the rest is
    then the later pages: the lines the first left out (or, when it only shortened lines, the lines in full)."""
    buttons = sms_buttons(messages)
    lines, report = _sms_lines(messages)
    if not report and report_link:
        report = short_report_url(report_link)
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
        return [whole]
    # Too long: the report link, if there is one, stays and says where the rest is; else MORE sends it.
    more = f"Full report: {report}" if report else MORE_LINE
    lines = [line for line in lines if not (report and report in line)]
    kept = short_lines = []
    cut = False  # the first SMS shows only the start of the first line
    for shorten in (_first_sentence, lambda line: _without_asides(_first_sentence(line))):
        short_lines = [shorten(line) for line in lines]
        if _fits(join(short_lines, more), max_segments):
            kept = short_lines
            break
    else:  # still too long: the first lines stay, in order (a numbered list is never left with holes)
        for line in short_lines:
            if not _fits(join(kept + [line], more), max_segments):
                break
            kept = kept + [line]
        # no heading left without the lines it had ("Outlook:" and nothing under it)
        while kept and (not kept[-1].strip() or _is_heading(kept[-1]) and len(kept) < len(lines)
                        and lines[len(kept)].strip()):
            kept.pop()
        if not kept:  # even the first line is too long: cut it at a word
            words = short_lines[0].split() if short_lines else []
            while words and not _fits(join([" ".join(words) + "..."], more), max_segments):
                words.pop()
            kept, cut = ([" ".join(words) + "..."] if words else []), True
    first = join(kept, more)
    if not _fits(first, max_segments):  # only choices and link left and still too long: the link goes
        first = join(kept, None)
    if report:
        return [first]
    # The rest: the lines the first SMS left out; when it left out only detail, every line from the first
    # one it shortened.
    rest = lines if cut else lines[len(kept):] if any(line.strip() for line in lines[len(kept):]) else \
        lines[next((i for i, line in enumerate(lines) if i >= len(kept) or kept[i] != line), len(lines)):]
    while rest and not rest[0].strip():
        rest.pop(0)
    pages = _paginate(rest, max_segments)
    return [first] + pages if pages else [join(kept, None)]


def sms_body(messages: list[dict], max_segments: int = SMS_MAX_SEGMENTS, report_link: str | None = None) -> str:
    """The SMS that answers one turn: the first of ``sms_pages``."""
    return sms_pages(messages, max_segments, report_link)[0]


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
