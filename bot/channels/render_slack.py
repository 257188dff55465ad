"""A reply as Slack shows it best, from the same plain lines as every channel (bot/channels/render.py).

* ``slack_message(message)``  ``chat.postMessage`` arguments: Block Kit sections in Slack's mrkdwn, an
  image block, buttons as an actions block, and a plain ``text`` for notifications; ``slack_fallbacks``
  the simpler forms posted when Slack refuses the blocks.
"""
from __future__ import annotations

from bot.channels.render import URL, link_label

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


def slack_fallbacks(message: dict) -> list[dict]:
    """``chat.postMessage`` arguments for one reply, best first, for when Slack refuses one (invalid_blocks:
    a picture Slack cannot fetch, a block it will not take): the Block Kit message; the same without the
    picture, linked instead; plain mrkdwn text with the links and the choices written out."""
    full = slack_message(message)
    variants = [full]
    image = message.get("image")
    if image:
        blocks = [b for b in full["blocks"] if b["type"] != "image"]
        link = {"type": "section", "text": {"type": "mrkdwn", "text": f"<{image}|{link_label(image)}>"}}
        at = next((i for i, b in enumerate(blocks) if b["type"] == "actions"), len(blocks))
        variants.append({"text": full["text"], "blocks": blocks[:at] + [link] + blocks[at:]})
    lines = [slack_mrkdwn(message.get("text") or "")]
    if image:
        lines.append(f"<{image}|{link_label(image)}>")
    titles = [b["title"] for b in message.get("buttons") or [] if b.get("payload")]
    if titles:
        lines.append("You can ask: " + "; ".join(_slack_escape(t) for t in titles))
    text = "\n".join(line for line in lines if line)
    variants.append({"text": text[:SLACK_TEXT_LIMIT] or "(picture)"})
    return variants


SLACK_TEXT_LIMIT = 40000  # characters of a message's text (Slack truncates longer ones)
