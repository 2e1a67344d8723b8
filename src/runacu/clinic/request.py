"""An appointment request: validated as the clinic's web form does, saved as an RFC 5322 draft (.eml)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from pathlib import Path

from runacu.content.models import Clinic
from runacu.errors import RunacuError, UsageError
from runacu.new_file import write_new_file

FIELDS = ("name", "phone", "email", "contact_method", "topic", "message")
CONTACT_METHODS = ("phone", "email")
OTHER_TOPIC = "other"
# The clinic's web form says exactly these.
MESSAGES = {
    "name": "Please enter your name.",
    "phone": "This isn't a valid phone number.",
    "email": "This isn't a valid email address.",
    "contact_method": "Please make a selection.",
    "topic": "Please make a selection.",
    "message": "Please enter a message.",
}
DEFAULT_REGION = "US"
MAX_MESSAGE_CHARS = 5000


@dataclass(frozen=True)
class AppointmentRequest:
    name: str
    phone: str  # E.164
    email: str
    contact_method: str
    topic: str
    message: str


def clean_field(field: str, raw: str | None, topics: Sequence[str]) -> str:
    """The field's value made canonical, or ValueError with the web form's message."""
    value = (raw or "").strip()
    if field == "name" and value and "\n" not in value and "\r" not in value and len(value) <= 200:
        return " ".join(value.split())
    if field == "phone" and value:
        return _phone(value)
    if field == "email" and value:
        return _email(value)
    if field == "contact_method" and value.lower() in CONTACT_METHODS:
        return value.lower()
    if field == "topic" and value.lower() in (*topics, OTHER_TOPIC):
        return value.lower()
    if field == "message" and value and len(value) <= MAX_MESSAGE_CHARS:
        return value
    raise ValueError(MESSAGES[field])


def _phone(value: str) -> str:
    import phonenumbers

    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise ValueError(MESSAGES["phone"]) from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError(MESSAGES["phone"])
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _email(value: str) -> str:
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        raise ValueError(MESSAGES["email"]) from None


class InvalidRequestError(UsageError):
    """Some fields are wrong: each with the web form's message."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("\n".join(f"--{field.replace('_', '-')}: {text}" for field, text in problems.items()))


def build_request(values: Mapping[str, str | None], topics: Sequence[str]) -> AppointmentRequest:
    """Check every field; raise InvalidRequestError listing all that are wrong."""
    cleaned: dict[str, str] = {}
    problems: dict[str, str] = {}
    for field in FIELDS:
        try:
            cleaned[field] = clean_field(field, values.get(field), topics)
        except ValueError as error:
            problems[field] = str(error)
    if problems:
        raise InvalidRequestError(problems)
    return AppointmentRequest(**cleaned)


def draft_message(request: AppointmentRequest, clinic: Clinic, topic_title: str, now: datetime) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = f"Appointment request: {topic_title}"
    message["From"] = formataddr((request.name, request.email))
    if clinic.email:
        message["To"] = formataddr((clinic.name, clinic.email))
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain="runacu.invalid")
    message["X-Unsent"] = "1"  # mail programs open it as a draft to send
    message.set_content(
        f"Name: {request.name}\n"
        f"Phone: {request.phone}\n"
        f"Email: {request.email}\n"
        f"Preferred contact method: {request.contact_method}\n"
        f"Topic of interest: {topic_title}\n"
        f"\n{request.message}\n"
    )
    return message


class DraftExistsError(RunacuError):
    pass


def save_draft(message: EmailMessage, directory: Path | None = None, path: Path | None = None) -> Path:
    """Write the draft atomically, readable by its owner only, never replacing an earlier file.

    With `path`, exactly there (an existing file is an error); otherwise a new name in `directory`.
    """
    data = bytes(message)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not write_new_file(data, path):
            raise DraftExistsError(f"'{path}' already exists; choose another --output path")
        return path
    assert directory is not None
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for attempt in range(1, 1000):
        candidate = directory / (f"request-{stamp}.eml" if attempt == 1 else f"request-{stamp}-{attempt}.eml")
        if write_new_file(data, candidate):
            return candidate
    raise DraftExistsError(f"could not find a free file name in '{directory}'")


def default_directory() -> Path:
    """`requests/` under the user data directory (honours XDG_DATA_HOME)."""
    from platformdirs import user_data_path

    return user_data_path("runacu", appauthor=False) / "requests"
