"""Numbers from user input: ASCII digits only, bounded in length, then in value.

``str.isdigit()`` is true for ``²``, ``①`` and Arabic-Indic digits, and
``int()`` then fails or reads another script's number; ``int()`` of more than
4,300 digits raises ValueError (Python's digit limit) and ``float()`` of 310
nines is infinite.  Every number the extension reads from a source (options,
front matter, roles) or from ``conf.py`` goes through here: the text is
matched against ``[0-9]`` with a bounded length before anything converts it,
and the value is then checked against the range the caller allows.
"""

from __future__ import annotations

import re

#: The most digits read before the decimal point: nothing the guide counts is larger.
MAX_DIGITS = 9
_WHOLE = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")
#: A number with at most this many places after the point.
MAX_PLACES = 2
_DECIMAL = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}(?:\.[0-9]{{1,{MAX_PLACES}}})?")
#: The longest value a message repeats: a 4,000-digit number is cut.
SHOWN = 40


def whole_number(value: object, minimum: int, maximum: int) -> int | None:
    """*value* as a whole number from *minimum* to *maximum*, else ``None``.

    *value* is an ``int`` (not a ``bool``: YAML's ``yes``) or text of ASCII
    digits, with spaces around it allowed.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        return None
    return number if minimum <= number <= maximum else None


def decimal_number(value: object, minimum: float, maximum: float) -> float | None:
    """*value* as a number from *minimum* to *maximum* (at most two places), else ``None``.

    Text is ASCII digits with an optional ``.`` and one or two places
    (``7.5``); an ``int`` or ``float`` (YAML's ``runtime: 97``) is taken
    as it is when finite and in range.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number: float = value
    elif isinstance(value, float):
        number = value
    elif isinstance(value, str) and _DECIMAL.fullmatch(value.strip()):
        number = float(value.strip())
    else:
        return None
    # NaN fails both comparisons.
    return float(number) if minimum <= number <= maximum else None


def shown(value: object) -> str:
    """*value* as a message repeats it: at most :data:`SHOWN` characters."""
    if isinstance(value, int) and abs(value) >= 10**SHOWN:
        # str() of an int past 4,300 digits raises ValueError.
        return f"a number of more than {SHOWN} digits"
    text = str(value)
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"
