"""What a person says they like, as Holland's interest areas (RIASEC), for the suggestions of someone with no job
to start from (``knowledge.interests``): "I like helping people and I like science" is Social and Investigative.

Only words said after a liking ("like", "love", "enjoy", "good at", "into") count: "I hate sales" is no interest.
"""
from __future__ import annotations

import re

LIKING = re.compile(r"\b(like|likes|love|loves|enjoy|enjoys|into|good at|interested in|passion(?:ate)? (?:about|for)"
                    r"|fan of|fascinated by|favorite)\b", re.I)
AREA_WORDS = {
    "R": r"hands|build(?:ing)?|fix(?:ing)?|repair(?:ing)?|tools|machines?|engines?|outdoors?|outside|physical|animals"
         r"|cars|construction|woodwork(?:ing)?|plants|nature|driving",
    "I": r"science|research|figur(?:e|ing) (?:things|stuff) out|solv(?:e|ing) problems|puzzles|math|biology|chemistry"
         r"|physics|analy[sz](?:e|ing)|labs?|investigat(?:e|ing)|medicine|how things work",
    "A": r"art|arts|creative|creating|design(?:ing)?|draw(?:ing)?|music|writ(?:e|ing)|photography|paint(?:ing)?"
         r"|acting|theater|theatre|fashion|cooking|baking",
    "S": r"help(?:ing)? (?:people|others|kids|folks)|helping|teach(?:ing)?|kids|children|car(?:e|ing) for"
         r"|people person|working with people|counsel(?:ing)?|volunteer(?:ing)?|coach(?:ing)?",
    "E": r"sell(?:ing)?|sales|lead(?:ing)?|business|persuad(?:e|ing)|manag(?:e|ing)|entrepreneur\w*|negotiat\w*"
         r"|being in charge|running things",
    "C": r"organiz(?:e|ing)|numbers|records|details|spreadsheets|paperwork|data entry|accounting|filing|office work"
         r"|keeping things in order|computers",
}
_AREAS = [(letter, re.compile(r"\b(?:" + words + r")\b", re.I)) for letter, words in AREA_WORDS.items()]


def letters_of(text: str) -> str:
    """The interest areas named after a liking, in the order said ("SI"); "" when none."""
    liking = LIKING.search(text)
    if not liking:
        return ""
    said = text[liking.start():]
    found = sorted((m.start(), letter) for letter, pattern in _AREAS for m in [pattern.search(said)] if m)
    return "".join(dict.fromkeys(letter for _, letter in found))
