"""Fix text typed in the wrong keyboard layout (Russian ЙЦУКЕН <-> English QWERTY).

Example: "Michelin" typed with the Russian layout active comes out as "Ьшсрудшт".

Rules:

* Letters are switched one by one, both ways, keeping case.
* Keys that are punctuation in QWERTY but letters in ЙЦУКЕН (`` ` [ ] ; ' , . `` and their
  shifted forms) are switched to Russian letters only inside a word whose letters are
  mostly Latin, i.e. a word being converted to Russian ("k.,jq" -> "любой").
* Russian-layout punctuation is left as is, and words without letters ("205/55") are
  never changed, so sizes and numbers survive the switch.
"""

import re
import string

_QWERTY = "`qwertyuiop[]asdfghjkl;'zxcvbnm,." + '~QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>'
_JCUKEN = "ёйцукенгшщзхъфывапролджэячсмитьбю" + "ЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ"

_TO_RUSSIAN = dict(zip(_QWERTY, _JCUKEN, strict=True))
_TO_ENGLISH = dict(zip(_JCUKEN, _QWERTY, strict=True))
_WORD_RE = re.compile(r"\S+")
_LATIN_LETTERS = frozenset(string.ascii_letters)


def _is_latin_letter(char):
    return char in _LATIN_LETTERS


def _is_cyrillic_letter(char):
    return char in _TO_ENGLISH


def _switch_word(word):
    latin = sum(1 for char in word if _is_latin_letter(char))
    cyrillic = sum(1 for char in word if _is_cyrillic_letter(char))
    if not latin and not cyrillic:
        return word
    to_russian_keys = latin > cyrillic
    switched = []
    for char in word:
        if _is_cyrillic_letter(char):
            switched.append(_TO_ENGLISH[char])
        elif _is_latin_letter(char) or (to_russian_keys and char in _TO_RUSSIAN):
            switched.append(_TO_RUSSIAN[char])
        else:
            switched.append(char)
    return "".join(switched)


def switch_layout(text):
    """Return ``text`` as if typed with the other layout (direction found per word)."""
    return _WORD_RE.sub(lambda match: _switch_word(match.group(0)), text)


def layout_variants(query):
    """Return the distinct search candidates ``[query, switched query]``."""
    switched = switch_layout(query)
    return [query] if switched == query else [query, switched]
