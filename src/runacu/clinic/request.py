"""The appointment request form: its fields, choices and checks, and the RFC 5322 draft (.eml) it saves.

One structure holds the form, as the clinic's web form has it; the CLI only asks the questions
(`RequestForm.fields`, each with its prompt) and hands the answers back. No terminal I/O here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
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
from runacu.errors import RunacuError, UsageError
from runacu.words import N_

if TYPE_CHECKING:
    from runacu.content.models import Clinic
    from runacu.words import Words

CONTACT_METHODS = ("phone", "email")
OTHER_TOPIC = "other"
DEFAULT_REGION = "US"
MAX_NAME_CHARS = 200
MAX_MESSAGE_CHARS = 5000
#: The draft's own headers are written exactly as built here, never refolded: Python's folder writes a display
#: name or subject that merely looks like an RFC 2047 encoded word (`=?utf-8?b?...?=`) as the word's decoded
#: text, which can be another address or a line break. UTF-8 is allowed for an address with no ASCII form.
DRAFT_POLICY = policy.default.clone(refold_source="none", utf8=True)


@dataclass(frozen=True)
class FormField:
    """One question of the form. The texts are messages for `runacu.words` (marked, said in the reader's
    language): the web form's own messages."""

    name: str
    prompt: str
    missing: str
    invalid: str
    #: (value, label) pairs for a choice; empty for free text.
    choices: tuple[tuple[str, str], ...] = ()

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


class FieldError(ValueError):
    """An answer the form does not accept; `str()` is the form's message for it, in `words`."""

    def __init__(self, form_field: FormField, key: str, words: Words) -> None:
        super().__init__(words.say(key))
        self.field = form_field


@dataclass(frozen=True)
class AppointmentRequest:
    name: str
    phone: str  # E.164
    email: str
    contact_method: str
    topic: str
    message: str


class InvalidRequestError(UsageError):
    """Some answers are wrong: each named by its option, in the form's own words."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("\n".join(f"--{name.replace('_', '-')}: {text}" for name, text in problems.items()))


@dataclass(frozen=True)
class RequestForm:
    """The clinic's appointment form, with the topics of the active guides as choices, in the reader's words."""

    words: Words
    topics: tuple[tuple[str, str], ...]
    #: Other names each topic answers to, as in the guides (`sleep` for stress-and-sleep).
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    fields: tuple[FormField, ...] = field(init=False)

    def __post_init__(self) -> None:
        topics = (*self.topics, (OTHER_TOPIC, self.words.say("Other")))
        said = {
            "phone": self.words.say_in("contact method", "phone"),
            "email": self.words.say_in("contact method", "email"),
        }
        methods = tuple((method, said[method]) for method in CONTACT_METHODS)
        select = N_("Please make a selection.")
        fields = (
            FormField(
                "name", N_("Your name"), N_("Please enter your name."), N_("Please enter your name on one line.")
            ),
            FormField(
                "phone",
                N_("Your phone number"),
                N_("Please enter your phone number."),
                N_("This isn't a valid phone number."),
            ),
            FormField(
                "email",
                N_("Your email address"),
                N_("Please enter your email address."),
                N_("This isn't a valid email address."),
            ),
            FormField("contact_method", N_("How should the clinic contact you?"), select, select, methods),
            FormField("topic", N_("What is it about?"), select, select, topics),
            FormField(
                "message",
                N_("Your message"),
                N_("Please enter a message."),
                N_("Please keep the message under 5,000 characters."),
            ),
        )
        object.__setattr__(self, "fields", fields)

    def field(self, name: str) -> FormField:
        return next(form_field for form_field in self.fields if form_field.name == name)

    def title_of(self, topic: str) -> str:
        return dict(self.field("topic").choices)[topic]

    def clean(self, form_field: FormField, raw: str | None) -> str:
        """The answer made canonical, or FieldError with the form's message ("missing" or "not valid")."""
        value = (raw or "").strip()
        if not value:
            raise FieldError(form_field, form_field.missing, self.words)
        if form_field.choices:
            return _choice(form_field, value, self.aliases, self.words)
        if form_field.name == "name":
            if "\n" in value or "\r" in value or len(value) > MAX_NAME_CHARS or not value.isprintable():
                raise FieldError(form_field, form_field.invalid, self.words)
            return " ".join(value.split())
        if form_field.name == "phone":
            return _phone(form_field, value, self.words)
        if form_field.name == "email":
            return _email(form_field, value, self.words)
        if len(value) > MAX_MESSAGE_CHARS:
            raise FieldError(form_field, form_field.invalid, self.words)
        return value

    def build(self, answers: Mapping[str, str | None]) -> AppointmentRequest:
        """Check every answer; raise InvalidRequestError listing all that are wrong."""
        cleaned: dict[str, str] = {}
        problems: dict[str, str] = {}
        for form_field in self.fields:
            try:
                cleaned[form_field.name] = self.clean(form_field, answers.get(form_field.name))
            except FieldError as error:
                problems[form_field.name] = str(error)
                if form_field.choices:  # with no one to ask, say what is allowed
                    choices = ", ".join(value for value, _ in form_field.choices)
                    problems[form_field.name] += " " + self.words.say("Choices: {choices}.", choices=choices)
        if problems:
            raise InvalidRequestError(problems)
        return AppointmentRequest(**cleaned)


def _choice(form_field: FormField, value: str, aliases: Mapping[str, tuple[str, ...]], words: Words) -> str:
    """A choice as the guides take a topic: its number, its name or title in any case, an alias, a unique prefix."""
    from runacu.content.lookup import Entry, resolve

    entries = [Entry(choice, (*aliases.get(choice, ()), label)) for choice, label in form_field.choices]
    try:
        return entries[resolve("topic", value, entries, words)].slug
    except UsageError:
        raise FieldError(form_field, form_field.invalid, words) from None


def _phone(form_field: FormField, value: str, words: Words) -> str:
    import phonenumbers

    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise FieldError(form_field, form_field.invalid, words) from None
    if not phonenumbers.is_valid_number(number):
        raise FieldError(form_field, form_field.invalid, words)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _email(form_field: FormField, value: str, words: Words) -> str:
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        raise FieldError(form_field, form_field.invalid, words) from None


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
    """The request as an unsent email, in the form's words. Addresses are built as addresses: a display name can
    never become one."""
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
    otherwise a new name in `directory`, which is created if needed.
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
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for attempt in range(1, 1000):
        candidate = directory / (f"request-{stamp}.eml" if attempt == 1 else f"request-{stamp}-{attempt}.eml")
        if write_new_file(data, candidate):
            return candidate
    raise DraftExistsError(
        words.say("could not find a free file name in '{directory}'", directory=echo(str(directory)))
    )


def default_directory() -> Path:
    """`requests/` under the user data directory (honours XDG_DATA_HOME)."""
    from runacu.cache.dirs import data_dir

    return Path(data_dir()) / "requests"
