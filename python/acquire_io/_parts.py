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
_Parts = namedtuple("_Parts", "case_id text type translate_lang_key channel as_contact_id extra mail")

# The keys of a send's ``mail`` (an e-mail's fields), as :class:`~acquire_io.MailFields`.
_MAIL_TEXT = ("subject", "html_body")
_MAIL_LISTS = ("to", "cc", "bcc")

_I64_MIN, _I64_MAX = -(2**63), 2**63 - 1


def _type_name(value: object) -> str:
    return type(value).__name__


def _mail(mail: object, where: str) -> dict[str, Any] | None:
    """An e-mail's fields checked for types: a mapping of ``to``/``cc``/``bcc`` (lists of
    addresses) and ``subject``/``html_body`` (text)."""
    if mail is None:
        return None
    if not isinstance(mail, Mapping):
        raise TypeError(f"{where}mail must be a mapping, not {_type_name(mail)}")
    unknown = set(mail) - set(_MAIL_TEXT) - set(_MAIL_LISTS)
    if unknown:
        raise TypeError(f"{where}mail has unknown key(s): {', '.join(sorted(map(str, unknown)))}")
    out: dict[str, Any] = {}
    for key in _MAIL_TEXT:
        value = mail.get(key)
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{where}mail[{key!r}] must be a str, not {_type_name(value)}")
        out[key] = value
    for key in _MAIL_LISTS:
        value = mail.get(key)
        if isinstance(value, str):
            value = [value]
        if value is not None:
            value = list(value)
            if not all(isinstance(address, str) for address in value):
                raise TypeError(f"{where}mail[{key!r}] must be a list of str")
        out[key] = value
    return out


def _parts(message: tuple[Any, ...], where: str = "", *, case: bool = True) -> _Parts:
    """A message checked for types, as the native layer takes it (the values themselves
    are checked by the core, which names the field in an ``InvalidRequestError``); with
    ``case=False`` it has no case id (its case is looked up)."""
    case_id, text, kind, lang, channel, as_contact_id, extra, *rest = message
    mail = _mail(rest[0] if rest else None, where)
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
    return _Parts(case_id, text, kind, lang, channel, as_contact_id, None if extra is None else dict(extra), mail)
