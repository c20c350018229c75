"""One message checked for types and turned into what the native layer takes."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Mapping

from .errors import InvalidRequestError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# What the native layer takes for one message, read there by attribute (`extra` as a dict;
# no `case_id` for a send whose case is looked up).
_Parts = namedtuple("_Parts", "case_id text type translate_lang_key channel as_contact_id extra")

_I64_MIN, _I64_MAX = -(2**63), 2**63 - 1


def _type_name(value: object) -> str:
    return type(value).__name__


def _parts(message: tuple[Any, ...], where: str = "", *, case: bool = True) -> _Parts:
    """A message checked for types, as the native layer takes it (the values themselves
    are checked by the core, which names the field in an ``InvalidRequestError``); with
    ``case=False`` it has no case id (its case is looked up)."""
    case_id, text, kind, lang, channel, as_contact_id, extra = message
    if case and (isinstance(case_id, bool) or not isinstance(case_id, int)):
        raise TypeError(f"{where}case_id must be an int, not {_type_name(case_id)}")
    if as_contact_id is not None and (isinstance(as_contact_id, bool) or not isinstance(as_contact_id, int)):
        raise TypeError(f"{where}as_contact_id must be an int, not {_type_name(as_contact_id)}")
    if not isinstance(text, str):
        raise TypeError(f"{where}message must be a str, not {_type_name(text)}")
    for name, value in (("type", kind), ("translate_lang_key", lang), ("channel", channel)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{where}{name} must be a str, not {_type_name(value)}")
    if extra is not None and not isinstance(extra, Mapping):
        raise TypeError(f"{where}extra must be a mapping, not {_type_name(extra)}")
    for field, number in (("caseId", case_id), ("contactId", as_contact_id)):
        if number is not None and not _I64_MIN <= number <= _I64_MAX:
            raise InvalidRequestError(
                f"invalid request: `{field}` must be a positive integer below 2**63",
                field=field,
                code="invalid_request",
            )
    return _Parts(case_id, text, kind, lang, channel, as_contact_id, None if extra is None else dict(extra))
