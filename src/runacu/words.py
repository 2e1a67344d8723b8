"""Every word runacu writes itself, keyed, one table per language (the guides' text is data, in YAML).

A leaf module: every layer may use it, it imports nothing of runacu's. Nothing here knows a
"current" language: a run picks one (`for_language`) and hands the `Words` it gets to whatever
speaks, so two runs in one process (a test) cannot hear each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

ENGLISH: dict[str, str] = {
    # the quick card and help
    "tagline": "Acupuncture and running, from a sports-medicine clinic: what it may help, what the evidence shows,"
    " when back pain needs a doctor, and how to reach the clinic.",
    "for_runners": "For runners",
    "for_the_clinic": "For the clinic",
    "help_hint": "Options of a command:",
    "card_benefits": "how acupuncture may help runners",
    "card_back_pain": "running-induced back pain",
    "card_check": "warning signs that need a doctor",
    "card_first_visit": "what a first session involves",
    "card_contact": "phone, address, hours, open now",
    "card_request": "ask for an appointment",
    "card_search": "find a topic",
    "card_guides": "every guide, extra ones included",
    "card_validate": "check your edited data files",
    "card_schema": "JSON Schema for your editor",
    # guides
    "whole_guide": "The whole guide:",
    "last_reviewed": "Last reviewed {date}; next review due {next}.",
    "disclaimer_label": "Disclaimer:",
    "cta_call": "For questions about acupuncture, or to book a visit, call {name} at",
    "cta_or_run": "Run",
    "cta_for_hours": "for the address and opening hours.",
    "evidence_label": "Evidence: {kind}.",
    "evidence_review": "Systematic review of trials",
    "evidence_trial": "Randomized trials in people",
    "evidence_lab": "Animal or lab studies only",
    "evidence_study": "Observational studies in people",
    "evidence_guidance": "Public-health guidance",
    "evidence_practice": "Clinical experience; no controlled studies found",
    "evidence_note": "Evidence note:",
    "tips": "Tips",
    "sources": "Sources",
    "level_emergency": "Emergency",
    "level_today": "Today",
    "level_soon": "Soon",
    "if_any_sign": "If you have back pain and any of these:",
    "guides_title": "Guides",
    "guide": "Guide",
    "title": "Title",
    "topics": "Topics",
    "topic_count_one": "{count} topic",
    "topic_count_other": "{count} topics",
    "open_a_guide": "Open one with",
    # lookup
    "unknown_topic": "unknown topic '{name}'.",
    "unknown_guide": "unknown guide '{name}'.",
    "did_you_mean": "Did you mean {names}?",
    "or": " or ",
    "numbers_work": "Numbers 1 to {count} work too.",
    "valid_topics": "Topics: {names}.",
    "valid_guides": "Guides: {names}.",
    "ambiguous_topic": "'{name}' could be more than one topic: {names}. Type more of the name.",
    "ambiguous_guide": "'{name}' could be more than one guide: {names}. Type more of the name.",
    "not_a_slug": "'{name}' is not a guide name: use letters, digits and hyphens, as 'runacu guides' lists them.",
    # the clinic
    "phone": "Phone",
    "address": "Address",
    "email": "Email",
    "website": "Website",
    "opening_hours": "Opening hours ({zone})",
    "day": "Day",
    "hours": "Hours",
    "today": "today",
    "asked_day": "the day asked about",
    "closed": "Closed",
    "closed_for": "Closed: {reason}",
    "closures_ahead": "Closures in the next 30 days",
    "open_now": "Open now",
    "closed_now": "Closed now",
    "at_moment": "{date}, {at}",
    "open_at": "Open at {when}",
    "closed_at": "Closed at {when}",
    "closes_then": "{state}, closes {when}",
    "opens_then": "{state}, opens {when}",
    "at_time": "{time}",
    "at_time_one": "{time}",
    "tomorrow_at": "tomorrow {at}",
    "day_at": "{day} {at}",
    "date_at": "{date}, {at}",
    "at_ambiguous": "That time happens twice in the clinic's time zone (clocks go back): the first one is shown.",
    "at_not_iso": "--at: not a date and time in ISO 8601 form, like 2026-11-23T09:30",
    "at_out_of_range": "--at: the year must be from {first} to {last}",
    "at_does_not_exist": "--at: that time does not exist in {zone}: clocks jump forward an hour then",
    # search
    "search_title": "Search: {query}",
    "empty_query": "search needs at least one word",
    "query_too_long": "a search is at most {most} characters, and this one has {count}: ask one question at a time",
    "query_only_common_words": "'{query}' has only common words ('how', 'my', 'the'...): add a word that says what"
    " you want to know, such as 'sleep' or 'cost'",
    "search_more_one": "1 more topic answers it: search again with --all to see it, or with --json.",
    "search_more_other": "{count} more topics answer it: search again with --all to see them, or with --json.",
    "search_also": "Also",
    "search_unknown": "Not in the guides: {words}.",
    "search_nothing": "No topic answers \u201c{query}\u201d.",
    "search_did_you_mean": "Did you mean {words}?",
    "search_not_covered": "Not covered here: {words}. For that, see a clinician; the clinic's phone and hours:",
    "search_closest": "Closest topics",
    "search_guides": "The guides",
    "search_warning_sign": "Your search names a warning sign listed under \u201c{title}\u201d: {sign}.",
    "search_warning": "Your search names a warning sign: see \u201c{title}\u201d.",
    "search_warning_emergency": "For the most urgent signs:",
    "search_warning_check": "Go through the warning signs one by one:",
    "search_not_diagnosis": "A search is not a diagnosis.",
    "search_warning_line": "warning sign: {sign}: {action} (then run '{command}')",
    "search_read_as": "Searched for {words} instead.",
    "search_in_en": "Search in English:",
    "search_in_es": "Search in Spanish:",
    # validate
    "validate_title": "Data check",
    "problems": "Problems",
    "warnings": "Warnings",
    "n_files_one": "{count} file",
    "n_files_other": "{count} files",
    "all_valid": "All {files} valid.",
    "n_problems_one": "{count} problem in {files}.",
    "n_problems_other": "{count} problems in {files}.",
    "n_warnings_one": "{count} warning.",
    "n_warnings_other": "{count} warnings.",
    "run_validate": "run 'runacu validate' to list every problem in the data files",
    # the request form: the clinic's web form says the first five of these
    "form_missing_name": "Please enter your name.",
    "form_invalid_phone": "This isn't a valid phone number.",
    "form_invalid_email": "This isn't a valid email address.",
    "form_select": "Please make a selection.",
    "form_missing_message": "Please enter a message.",
    "form_invalid_name": "Please enter your name on one line.",
    "form_missing_phone": "Please enter your phone number.",
    "form_missing_email": "Please enter your email address.",
    "form_invalid_message": "Please keep the message under 5,000 characters.",
    "prompt_name": "Your name",
    "prompt_phone": "Your phone number",
    "prompt_email": "Your email address",
    "prompt_contact_method": "How should the clinic contact you?",
    "prompt_topic": "What is it about?",
    "prompt_message": "Your message",
    "prompt_choose": "Type a number or a name",
    "choices_are": "Choices: {choices}.",
    "method_phone": "phone",
    "method_email": "email",
    "other_topic": "Other",
    "request_title": "Appointment request",
    "request_no_email": "The clinic has no email address in runacu's data. Your request will be saved as a draft"
    " for you to send or read out when you call {name} at {phone}.",
    "saved_request": "Saved your request to",
    "send_it": "Send it from your mail program, or open:",
    "no_clinic_email": "The clinic has no email address: read the draft out when you call, or bring it with you.",
    "or_call": "Or call {name}:",
    "draft_subject": "Appointment request: {topic}",
    "draft_name": "Name",
    "draft_phone": "Phone",
    "draft_email": "Email",
    "draft_contact_method": "Preferred contact method",
    "draft_topic": "Topic of interest",
    "draft_language": "Language",
    "language_name": "English",
    "cancelled": "cancelled",
    "save_failed": "could not save the request ({reason}); here it is in full, so nothing is lost:",
    # validate: what it finds in the data files
    "review_due": "the review was due on {date}: check the facts against the sources",
    "reads_hard": "reads at grade {grade}, above the guide's reading grade {want}: use shorter sentences and words",
    "reads_hard_es": "reads harder than plain Spanish (Fernández-Huerta reading ease {ease}, want {want} or more):"
    " use shorter sentences and words",
    "differ_topics": "the topics differ from {english}: {here} here, {there} there",
    "differ_red_flags": "the red flags differ from the English guide: {here} here, {there} there",
    "source_unfindable": "this source has neither a DOI nor a web address (url): a reader cannot find it",
    "differ_dois": "the DOIs differ from the English guide: {here} here, {there} there",
    "data_dir_missing": "data directory '{folder}' does not exist",
    "data_dir_not_folder": "data directory '{folder}' is not a directory",
    "data_dir_unreadable": "cannot read data directory '{folder}': {reason}",
    "not_a_file": "a data file's name is taken by something that is not a file; rename or remove it",
    "bad_file_name": "a guide's file name is its slug: use lower-case letters, digits and hyphens",
    "no_guide_file": "no such guide file",
    "no_clinic_file": "no clinic file found in the data",
    "cannot_read": "cannot read the file: {reason}",
    "cannot_read_folder": "cannot read the folder: {reason}",
    "missing_key": "missing required key '{key}'",
    "unknown_key": "unknown key '{key}'",
    # files and errors
    "output_exists": "'{path}' already exists; choose another --output path",
    "output_no_folder": "the folder '{folder}' does not exist; create it or choose another --output path",
    "output_not_folder": "'{folder}' is not a folder; choose another --output path",
    "no_free_name": "could not find a free file name in '{directory}'",
    "saved_vcard": "saved the vCard to {path}",
    "saved_output": "saved to {path}",
    "interrupted": "interrupted",
    "conflict": "{first} and {second} cannot be used together",
    "bad_date": "{option}: not a date in the form YYYY-MM-DD",
    "guide_in_english": "the guide '{guide}' has no version in this language yet: showing it in English",
    "topics_in_english": "some topics of '{guide}' have no version in this language yet, shown in English: {topics}",
    # check
    "check_title": "Warning signs: {title}",
    "check_intro": "Yes-or-no questions about warning signs that need a doctor. Each asks: do you have back pain"
    " and this sign? This is not a diagnosis.",
    "check_answers": "Answer y (yes), n (no) or ? (not sure). Not sure counts as yes. Ctrl-D stops.",
    "check_question": "Question {number} of {total}: {sign}?",
    "check_prompt": "[y/n/?]",
    "check_again": "Please answer y, n or ? (not sure).",
    "check_not_diagnosis": "This check is not a diagnosis.",
    "check_result": "You answered yes to: {sign}",
    "check_none": "You reported none of these signs. This is not a diagnosis.",
    "check_prevention": "To help prevent back pain:",
    "check_result_not_sure": "You were not sure about: {sign} (not sure counts as yes)",
    "check_level_emergency": "Emergency signs: questions {first} to {last}",
    "check_level_today": "Signs that need a doctor today: questions {first} to {last}",
    "check_level_soon": "Signs that need a doctor soon: questions {first} to {last}",
    "check_bad_answer": "answer {number} ('{answer}') is not y, n or ? (not sure)",
    "check_too_few": "the answers ended before question {number} of {total}: give one answer (y, n or ?) per line",
    "warning_signs_pointer": "Warning signs that need a doctor: see topic {number}, {title}, or run",
    "check_not_text": "the answers on standard input are not text: give one answer (y, n or ?) per line",
    "check_no_flags": "the guide '{guide}' has no warning signs to check",
    "checklist": "Warning signs, most urgent first. If you have any, do what its level says.",
    "internal_error": "please report this; set RUNACU_DEBUG=1 to see the details",
    "internal_error_label": "internal error: ",
    "invalid_data": "invalid data:",
    "warning": "warning",
    "placeholder_word": "WORD",
    "placeholder_command": "COMMAND",
    "placeholder_guide": "GUIDE",
}

#: The languages runacu speaks; each but English has its table in a module of its own, loaded on use.
LANGUAGES = ("en", "es")


@dataclass(frozen=True, eq=False, slots=True)
class Words:
    """runacu's own words in one language: what a gettext translation object will be once the tables
    are catalogs (`say` its `gettext`, `say_count` its `ngettext`)."""

    #: The language code ("en", "es"), as the words are in it.
    language: str
    _table: Mapping[str, str] = field(repr=False)

    def say(self, key: str, /, **params: object) -> str:
        """The text for `key` in this language (English if it has none), with `params` filled in."""
        template = self._table.get(key) or ENGLISH[key]
        return template.format(**params) if params else template

    def say_count(self, key: str, /, count: int, **params: object) -> str:
        """The singular or plural form of `key` for `count` (`key_one`, `key_other`)."""
        return self.say(f"{key}_{'one' if count == 1 else 'other'}", count=count, **params)


@cache
def for_language(code: str) -> Words:
    """The words of the language `code`; one runacu does not speak gets the source words (English),
    as gettext's `translation(..., fallback=True)` would."""
    if code not in LANGUAGES:
        return for_language("en")
    if code == "en":
        return Words("en", MappingProxyType(ENGLISH))
    from importlib import import_module

    return Words(code, MappingProxyType(import_module(f"runacu.words_{code}").WORDS))
