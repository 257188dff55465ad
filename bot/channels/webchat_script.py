"""The chat widget's script as the chat page serves it: rasa-webchat's build (bot/webchat/node_modules, the
version pinned by bot/webchat/package-lock.json) with a few exact text replacements.

rasa-webchat draws follow-up buttons as <div>s, gives the message list, the text box and the send button no
name, draws the gap chart without alt text and imports a web font from Google. Its options can't change
that, so each replacement below changes one spot of its built code; the page's own script
(bot/webchat/chat.js) does the rest through the hooks they add (``window.careerbot``).

Each replacement must match exactly once: after an upgrade of rasa-webchat, serving the script fails with
the name of the replacement that no longer fits (tests/test_widget.py serves it), never silently.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

WEBCHAT_JS = Path(__file__).resolve().parent.parent / "webchat" / "node_modules" / "rasa-webchat" / "lib" / "index.js"


class OutdatedPatch(RuntimeError):
    """A replacement no longer matches rasa-webchat's build (another version was installed)."""


@dataclass(frozen=True)
class Patch:
    why: str
    old: str
    new: str
    count: int = 1  # how many times ``old`` occurs in the build


PATCHES = [
    Patch("no web font from Google: a person's browser should not tell a third party that they use the bot "
          "(the page sets its own font)",
          "@import url(https://fonts.googleapis.com/css?family=Inter:400,500,700&display=swap);", "", count=11),
    Patch("follow-up buttons are real buttons: reached with Tab, pressed with Enter or Space, announced as buttons",
          'o.a.createElement("div",{key:t,className:"rw-reply",onClick:function(t){t.stopPropagation(),r.handleClick(e)}',
          'o.a.createElement("button",{key:t,type:"button",className:"rw-reply",onClick:function(t){t.stopPropagation(),'
          'r.handleClick(e)}'),
    Patch("the message list is a log: screen readers announce each new reply; Tab reaches it to scroll with the keys",
          'o.a.createElement("div",{id:"rw-messages",style:{backgroundColor:a},className:"rw-messages-container"}',
          'o.a.createElement("div",{id:"rw-messages",style:{backgroundColor:a},className:"rw-messages-container",'
          'role:"log","aria-live":"polite","aria-label":"Conversation",tabIndex:0}'),
    Patch("the text box has a name (its hint), not only a placeholder",
          'className:"rw-new-message",name:"message",placeholder:n,',
          'className:"rw-new-message",name:"message",placeholder:n,"aria-label":n,'),
    Patch("the send button has a name (it shows only an arrow)",
          'o.a.createElement("button",{type:"submit",className:"rw-send",disabled:',
          'o.a.createElement("button",{type:"submit",className:"rw-send","aria-label":"Send",disabled:'),
    Patch("a picture has alt text (the image message's title, see bot/channels/widget.py) and opens full size "
          "when tapped or clicked",
          'o.a.createElement("img",{className:"rw-image-frame",src:c})',
          'o.a.createElement("a",{className:"rw-image-link",href:c,target:"_blank",rel:"noopener"},'
          'o.a.createElement("img",{className:"rw-image-frame",src:c,alt:s||""}))'),
    Patch("the connection-lost bar is announced as soon as it shows",
          'o.a.createElement("span",{className:"rw-loading"},f)',
          'o.a.createElement("span",{className:"rw-loading",role:"alert"},f)'),
    Patch("a place between the conversation and the text box for 'working on it' (filled by chat.js)",
          'o.a.createElement(dn,{profileAvatar:e.profileAvatar,params:e.params,customComponent:e.customComponent,'
          'showMessageDate:e.showMessageDate}),',
          'o.a.createElement(dn,{profileAvatar:e.profileAvatar,params:e.params,customComponent:e.customComponent,'
          'showMessageDate:e.showMessageDate}),o.a.createElement("p",{id:"chat-status",role:"status"}),'),
    Patch("a new reply opens at its start, not at its end (chat.js decides where to scroll)",
          'fn=function(){var e=document.getElementById("rw-messages");e&&(e.scrollTop=e.scrollHeight)}',
          'fn=function(){var e=document.getElementById("rw-messages");e&&(window.careerbot&&window.careerbot.scroll?'
          'window.careerbot.scroll(e):e.scrollTop=e.scrollHeight)}'),
]


def patched(script: str, patches: list[Patch] = PATCHES) -> str:
    for patch in patches:
        found = script.count(patch.old)
        if found != patch.count:
            raise OutdatedPatch(f"rasa-webchat's build does not fit the change '{patch.why}': its code occurs "
                                f"{found} times, expected {patch.count}; was another version installed?")
        script = script.replace(patch.old, patch.new)
    return script


@lru_cache(maxsize=2)
def webchat_script(mtime: float) -> bytes:
    """The widget's script as served (``mtime`` of the build, so a reinstall is picked up)."""
    return patched(WEBCHAT_JS.read_text(encoding="utf-8")).encode("utf-8")
