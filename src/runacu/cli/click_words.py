"""Click's and Typer's words, and every help text, in the reader's language.

Typer marks its own few strings for gettext (`from gettext import gettext as _`: the process-global
domain); `speaking` points that domain at runacu's catalogs for one run. The Click that Typer 0.29
vendors (`typer._click`) marks none of its own: its usage line, its usage errors and its help
option's text are said again here, from the same catalog, the English as it writes it being the
message id (Click's own id where upstream Click says the same). The help texts runacu declares are
marked with `N_` and said on the built Click command, through Click's public attributes, before it
parses or formats anything (`say_command`).

Typer exports one of Click's usage errors (`typer.BadParameter`) and no name for the others: they are
known here by what Click documents of each (a usage error's exit status 2 and its context, a missing
parameter's `param_type`, an unknown option's `possibilities`), never by a private import. A newer Typer
whose errors say something else leaves that message in English, never wrong;
tests/cli/test_spanish_help.py says which changed.
"""

from __future__ import annotations

import functools
import gettext
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any

import typer

from runacu import words
from runacu.command_table import GLOBAL_OPTIONS
from runacu.words import N_

if TYPE_CHECKING:
    from typer.core import TyperCommand as _Command
else:
    _Command = object

#: What Typer's completion options say, which Typer does not mark for translation: marked here, so the
#: catalogs carry them (`say_command` says each option's help from the catalog).
TYPER_UNMARKED_HELP = (
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Click's and Typer's words, for the length of one run, from runacu's catalog of `language`.

    Why the process's gettext state: Typer calls the module-level `gettext.gettext`, which looks a
    message up in the global text domain, in the language that LANGUAGE (else LC_ALL, LC_MESSAGES,
    LANG) names in `os.environ` at each call. runacu's reader may choose another with --lang, so
    both are set here for the run and put back after it: two runs in one process (tests) in two
    languages each hear their own. Not for two runs at once in two threads.
    """
    domain, folder, language_before = (
        gettext.textdomain(),
        gettext.bindtextdomain(words.DOMAIN),
        os.environ.get("LANGUAGE"),
    )
    gettext.bindtextdomain(words.DOMAIN, words.LOCALE_DIR)
    gettext.textdomain(words.DOMAIN)
    os.environ["LANGUAGE"] = language
    try:
        yield
    finally:
        gettext.textdomain(domain)
        gettext.bindtextdomain(words.DOMAIN, folder)
        if language_before is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = language_before


def _(message: str) -> str:
    """`message` as `gettext.gettext` says it, as Typer's own calls hear it (see `speaking`)."""
    return _catalog().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form `gettext.ngettext` gives for `count`."""
    return _catalog().ngettext(singular, plural, count)


#: Where gettext looks for the languages to speak when it is given none, first set first.
_LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def _catalog() -> gettext.NullTranslations:
    """The process's text domain, in the languages the environment names, as `gettext.gettext` finds them.

    gettext looks for the catalog files again at each message (two dozen file lookups a run); here what it
    finds for one domain, folder and list of languages is looked up once."""
    domain = gettext.textdomain()
    named = next((value for name in _LANGUAGE_VARIABLES if (value := os.environ.get(name))), "")
    return _found(domain, gettext.bindtextdomain(domain), tuple(named.split(":")) if named else ())


@functools.cache
def _found(domain: str, folder: str, languages: tuple[str, ...]) -> gettext.NullTranslations:
    return gettext.translation(domain, folder, [*languages, "C"], fallback=True)


def said(text: str) -> str:
    """`text` in the run's language: as it is when the catalog has no translation (or outside a run)."""
    return _(text) if text else text  # gettext("") is the catalog's header


def say_command(command: Any) -> None:
    """Say a built Click command's texts, and those of its parameters, in the run's language.

    Always from the English the code declared (kept on each object the first time), so a command built once
    and run again, in this language or another, says each text in the language of the run."""
    if _declared(command, "help"):
        command.help = said(_declared(command, "help"))
    if _declared(command, "short_help"):
        command.short_help = said(_declared(command, "short_help"))
    if epilog := _declared(command, "epilog"):
        # Line by line: "Examples:", and each example with words in it, are messages of their own.
        command.epilog = "\n".join(_say_line(line) for line in epilog.split("\n"))
    if command.options_metavar:
        command.options_metavar = _("[OPTIONS]")
    if getattr(command, "subcommand_metavar", None):
        command.subcommand_metavar = _("COMMAND [ARGS]...")
    for param in command.params:
        if help_text := _declared(param, "help"):
            param.help = said(help_text)
        if metavar := _declared(param, "metavar"):
            param.metavar = said(metavar)


_DECLARED = "_runacu_declared"


def _declared(thing: Any, attribute: str) -> Any:
    """What the code declared for `attribute` of a command or parameter, before any run said it."""
    declared: dict[str, Any] = thing.__dict__.setdefault(_DECLARED, {})
    if attribute not in declared:
        declared[attribute] = getattr(thing, attribute)
    return declared[attribute]


def _say_line(line: str) -> str:
    text = line.lstrip()
    return line[: len(line) - len(text)] + said(text)


class SaidHelp(_Command):
    """A command whose help and usage line are in the run's language, and which lists the global options
    (those of the root taken after the command too) in its help."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        # Click's own, but for the prefix, which the vendored Click writes in English.
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), _("Usage:") + " ")

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    def format_options(self, ctx: Any, formatter: Any) -> None:
        super().format_options(ctx, formatter)
        root = ctx.find_root()
        if root is ctx:
            return
        # As the root's help shows them: the command's own copies are hidden (`cli/options.py`).
        records = [
            param.get_help_record(root)
            for param in root.command.get_params(root)
            if GLOBAL_OPTIONS.intersection(getattr(param, "opts", ()))
        ]
        if rows := [record for record in records if record is not None]:
            with formatter.section(_("Global options")):
                formatter.write_dl(rows)


class SaidUsageError(typer.BadParameter):
    """A usage error in the reader's words, shown as Click shows one: the usage line, where to find help, the error."""

    def format_message(self) -> str:
        return self.message

    def show(self, file: IO[Any] | None = None) -> None:
        ctx, color = self.ctx, None
        if ctx is not None:
            color = ctx.color
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                command, option = ctx.command_path, ctx.help_option_names[0]
                hint = _("Try '{command} {option}' for help.").format(command=command, option=option) + "\n"
            typer.echo(f"{ctx.get_usage()}\n{hint}", file=file, err=file is None, color=color)
        typer.echo(_("Error: {message}").format(message=self.message), file=file, err=file is None, color=color)


def said_usage_error(error: Exception) -> Exception:
    """Click's usage `error` in the reader's words; any other error as it is."""
    if not is_usage_error(error) or isinstance(error, SaidUsageError):
        return error
    said = SaidUsageError(_said_message(error), ctx=getattr(error, "ctx", None))
    said.exit_code = USAGE_ERROR
    return said


#: The exit status of Click's usage errors (UsageError.exit_code, as Click documents it).
USAGE_ERROR = 2


def is_usage_error(error: Exception) -> bool:
    """Whether `error` is one of Click's usage errors shown as every one is (the usage line, then the message):
    an error with Click's exit status for one, its context and message, and `show` as `typer.BadParameter`
    (a usage error itself) has it. One that shows itself its own way (NoArgsIsHelpError: the help) is not."""
    return (
        getattr(error, "exit_code", None) == USAGE_ERROR
        and hasattr(error, "ctx")
        and isinstance(getattr(error, "message", None), str)
        and getattr(type(error), "show", None) is typer.BadParameter.show
    )


_EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra argument\(s\) \((?P<arguments>.*)\)", re.DOTALL)
_NO_SUCH_OPTION = "No such option: "
_CHOOSE_FROM = "Choose from:\n\t"


def _said_message(error: Any) -> str:
    """The message of a usage error of the vendored Click, said in the reader's words."""
    message: str = error.message
    if isinstance(error, typer.BadParameter) and hasattr(error, "param_type"):  # Click's MissingParameter
        return _missing(error)
    if isinstance(error, typer.BadParameter):
        hint = _hint(error)
        if hint is None:
            return _("Invalid value: {message}").format(message=message)
        return _("Invalid value for {param_hint}: {message}").format(param_hint=hint, message=message)
    if hasattr(error, "possibilities") and message.startswith(_NO_SUCH_OPTION):  # Click's NoSuchOption
        said = _("No such option: {name}").format(name=message.removeprefix(_NO_SUCH_OPTION))
        if error.possibilities:
            options = ", ".join(sorted(error.possibilities))
            said += " " + _("(Possible options: {options})").format(options=options)
        return said
    option_name = getattr(error, "option_name", None)  # Click's BadOptionUsage
    if option_name is not None and message == f"Option {option_name!r} does not take a value.":
        return _("Option {name!r} does not take a value.").format(name=option_name)
    if option_name is not None and message == f"Option {option_name!r} requires an argument.":
        return ngettext(
            "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1
        ).format(name=option_name, nargs=1)
    if found := _EXTRA_ARGUMENTS.fullmatch(message):
        arguments = found["arguments"]
        # Translators: said of one extra argument or of several; the English says "argument(s)" for both.
        return ngettext(
            "Got unexpected extra argument(s) ({args})",
            "Got unexpected extra argument(s) ({args})",
            len(arguments.split()),
        ).format(args=arguments)
    return message  # Typer's own ("No such command 'x'."), said already, or one not known: as it is


def _missing(error: Any) -> str:
    """`Missing argument 'GUIDE'.`, and what to choose from, as the vendored Click builds it."""
    param_type = str(error.param_type or (error.param.param_type_name if error.param is not None else None))
    missing = {"argument": _("Missing argument"), "option": _("Missing option"), "parameter": _("Missing parameter")}
    said = missing.get(param_type) or _("Missing {param_type}").format(param_type=param_type)
    hint = _hint(error)
    said += f" {hint}." if hint else "."
    extra = [error.message] if error.message else []
    get_missing_message = getattr(error.param, "get_missing_message", None)
    if get_missing_message is not None and (choices := get_missing_message(error.ctx)):
        if choices.startswith(_CHOOSE_FROM):
            choices = _("Choose from:\n\t{choices}").format(choices=choices.removeprefix(_CHOOSE_FROM))
        extra.append(choices)
    return f"{said} {'. '.join(extra)}" if extra else said


def _hint(error: Any) -> str | None:
    """What a parameter error names: `'--format' / '-f'`, `'GUIDE'` (in the reader's words: the metavars are)."""
    hint = error.param_hint
    if hint is None and error.param is not None:
        try:
            hint = error.param.get_error_hint()
        except TypeError:  # Click's own signature
            hint = error.param.get_error_hint(error.ctx)
    if hint is None or isinstance(hint, str):
        return hint
    return " / ".join(repr(part) for part in hint)
