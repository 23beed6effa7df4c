"""How a letter words a final diagnosis that is hedged, confirmed or excluded, around any of its names.

Hedged diagnoses ('?', 'query', 'likely', 'probable', 'suspected', 'in keeping with') are coded as if confirmed
(UK standard for an uncertain diagnosis stated at the end of the episode); the EXCLUDED forms say a diagnosis was
ruled out, which is not coded. By judgement, 'cannot exclude' and 'unlikely' are used in neither list: a coder would
have to ask the clinician about them.

`CONFIRMED` frames an unhedged diagnosis as a final-diagnosis field does ('{x} (confirmed)', '{x} [primary]'); it
is used only where the name itself carries no hedge or negation. `stated` draws the form a letter uses.
"""

from __future__ import annotations

import re

from .text import pick

HEDGES = ("Likely {x}", "Probable {x}", "?{x}", "{x} (presumed)", "Most likely {x}", "{x} - clinical diagnosis",
          "Query {x}", "? {x}", "{x}?", "Suspected {x}", "Possible {x}", "Presumed {x}", "{x} (provisional)",
          "In keeping with {x}", "Features consistent with {x}", "{x} - most likely", "Probably {x}",
          "{x} (working diagnosis)", "Clinically {x}", "{x} suspected", "Impression: {x}", "{x} - likely",
          "Likely dx {x}", "{x} (most likely)", "Provisional diagnosis of {x}", "{x} felt most likely",
          "Most consistent with {x}", "{x} (probable)", "Picture suggestive of {x}", "{x} - presumed", "?? {x}",
          "Favour {x}", "Presumptive {x}", "Working dx: {x}", "{x} considered most likely")
# a confirmed, unhedged diagnosis in the forms of a final-diagnosis field (coded as it stands)
CONFIRMED = ("{x} (confirmed)", "{x} - confirmed diagnosis", "{x} (final diagnosis)", "{x}, primary diagnosis",
             "{x} [primary]", "{x} - diagnosis made", "Main diagnosis - {x}", "{X}")
EXCLUDED = ("{x} excluded", "no evidence of {x}", "{x} ruled out", "not {x}", "{x} considered and excluded",
            "nothing to suggest {x}", "{x} has been excluded", "negative for {x}", "findings not in keeping with {x}",
            "no features of {x}", "{x} not supported by the investigations", "no radiological evidence of {x}",
            "{x} effectively excluded", "we have excluded {x}", "nil to suggest {x}", "{x} - excluded",
            "{x} was excluded", "{x} - ruled out", "investigations excluded {x}", "{x}: excluded",
            "no evidence to support {x}", "{x} considered but excluded", "no features to suggest {x}",
            "{x} was ruled out", "work-up negative for {x}", "{x} excluded on investigation")

_HEDGED = re.compile(r"\?|probable|likely|possible|presumed|suspected|query|not |no |excluded", re.I)


def stated(rng, text: str, hedgeable: bool) -> str:
    """`text` as the letter states it: hedged now and then, framed as confirmed now and then, else as it is;
    `hedgeable` is False for an outcome that refuted a query or codes a symptom (those stay as written)."""
    if not hedgeable:
        return text
    draw = rng.random()
    if draw < 0.15:
        return pick(rng, HEDGES).format(x=text)
    if draw < 0.27 and not _HEDGED.search(text):
        return pick(rng, CONFIRMED).format(x=text, X=text.upper())
    return text
