"""The request's draft: the RFC 5322 message (.eml) saved for the reader, the lines to read out when calling,
and where the draft is saved. No terminal I/O here; the form is in `runacu.clinic.request`."""

from __future__ import annotations

from datetime import datetime
from email import policy
from email.charset import Charset
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING

from runacu.clinic.mailto import mailto
from runacu.clinic.request import DEFAULT_REGION
from runacu.errors import RunacuError

if TYPE_CHECKING:
    from runacu.clinic.request import AppointmentRequest, RequestForm
    from runacu.content.models import Clinic
    from runacu.words import Words

#: The draft's own headers are written exactly as built here, never refolded: Python's folder writes a display
#: name or subject that merely looks like an RFC 2047 encoded word (`=?utf-8?b?...?=`) as the word's decoded
#: text, which can be another address or a line break. UTF-8 is allowed for an address with no ASCII form.
DRAFT_POLICY = policy.default.clone(refold_source="none", utf8=True)


def _plain(text: str) -> bool:
    """Header text that can be written as it is: ASCII, and nothing a reader would decode as an encoded word."""
    return text.isascii() and "=?" not in text


def _mailbox(display_name: str, email: str) -> str:
    """`name <address>`, the name quoted or encoded so that it reads back as itself and never as an address."""
    local, _, domain = email.rpartition("@")
    if _plain(display_name):
        return str(Address(display_name=display_name, username=local, domain=domain))
    # One encoded word, as email.utils.formataddr writes it: a reader puts a space between two of them in a name.
    return f"{Charset('utf-8').header_encode(display_name)} <{Address(username=local, domain=domain).addr_spec}>"


def draft_message(request: AppointmentRequest, form: RequestForm, clinic: Clinic, now: datetime) -> EmailMessage:
    """The request as an unsent email, in the form's words, dated `now` (the writer's local time, with its offset:
    when they wrote it, by their own clock). Addresses are built as addresses: a display name can never become
    one."""
    words = form.words
    message = EmailMessage(policy=DRAFT_POLICY)
    # Stored as written (set_raw is the parser's way in; EmailMessage has no other) and never refolded.
    subject = words.say("Appointment request: {topic}", topic=form.title_of(request.topic))
    message.set_raw("Subject", Header(subject, "us-ascii" if _plain(subject) else "utf-8").encode())
    message.set_raw("From", _mailbox(request.name, request.email))
    if clinic.email:
        message.set_raw("To", _mailbox(clinic.name, clinic.email))
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain="runacu.invalid")
    message["X-Unsent"] = "1"  # mail programs open it as a draft to send
    method = dict(form.field("contact_method").choices)[request.contact_method]
    message.set_content(
        "".join(
            f"{label}: {value}\n"
            for label, value in (
                (words.say("Name"), request.name),
                (words.say("Phone"), request.phone),
                (words.say("Email"), request.email),
                (words.say("Preferred contact method"), method),
                (words.say("Topic of interest"), form.title_of(request.topic)),
                (words.say("Language"), words.say_in("the name of the language this is in", "English")),
            )
        )
        + f"\n{request.message}\n"
    )
    message["Content-Language"] = words.language  # after set_content, which clears every Content- header
    return message


def call_script(request: AppointmentRequest, form: RequestForm) -> tuple[tuple[str, str], ...]:
    """The request in a few lines to read out when calling the clinic: each a label and its value, in the form's
    words, the phone number as it is said (a US number without +1)."""
    words = form.words
    method = dict(form.field("contact_method").choices)[request.contact_method]
    if request.contact_method == "email":
        method = f"{method} ({request.email})"
    values = {
        "name": request.name,
        "phone": _spoken_phone(request.phone),
        "topic": form.title_of(request.topic),
        "contact_method": method,
        "message": request.message,
    }
    return tuple((words.say(form.field(name).label), value) for name, value in values.items())


def _spoken_phone(e164: str) -> str:
    import phonenumbers

    number = phonenumbers.parse(e164)
    national = phonenumbers.region_code_for_number(number) == DEFAULT_REGION
    style = phonenumbers.PhoneNumberFormat.NATIONAL if national else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style)


def draft_text(message: EmailMessage) -> str:
    """The draft as a person reads it: its own headers decoded, then its text (never base64 or quoted-printable)."""
    headers = "".join(f"{name}: {message[name]}\n" for name in ("Subject", "From", "To", "Date") if name in message)
    body = message.get_body(("plain",))
    return headers + "\n" + (body.get_content() if body is not None else "")


def mailto_link(message: EmailMessage, clinic: Clinic) -> str | None:
    """A mailto: link that opens the same message, addressed to the clinic; None without a clinic email."""
    if not clinic.email:
        return None
    body = message.get_body(("plain",))
    text = body.get_content() if body is not None else ""
    return mailto(clinic.email, subject=str(message["Subject"]), body=text)


class DraftExistsError(RunacuError):
    pass


def save_draft(message: EmailMessage, words: Words, directory: Path | None = None, path: Path | None = None) -> Path:
    """Write the draft atomically, readable by its owner only, never replacing an earlier file.

    With `path`, exactly there (an existing file, or a missing folder, is an error, told in `words`);
    otherwise a new name in `directory`, which is created if needed, named for the draft's date as its
    `Date:` says it (the writer's local time): `appointment-request-2026-12-05-183000.eml`.
    """
    from runacu.content.text import echo
    from runacu.new_file import check_output_path, write_new_file

    data = bytes(message)
    if path is not None:
        check_output_path(path, words)
        if not write_new_file(data, path):
            raise DraftExistsError(
                words.say("'{path}' already exists; choose another --output path", path=echo(str(path)))
            )
        return path
    assert directory is not None
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    written: datetime = message["Date"].datetime
    stamp = written.strftime("%Y-%m-%d-%H%M%S")
    for attempt in range(1, 1000):
        name = f"appointment-request-{stamp}" + (f"-{attempt}" if attempt > 1 else "")
        candidate = directory / f"{name}.eml"
        if write_new_file(data, candidate):
            return candidate
    raise DraftExistsError(
        words.say("could not find a free file name in '{directory}'", directory=echo(str(directory)))
    )


def default_directory() -> Path:
    """`requests/` under the user data directory (honours XDG_DATA_HOME)."""
    from runacu.cache.dirs import data_dir

    return Path(data_dir()) / "requests"
