"""The page builders: each screen runacu shows, built once as blocks, for every format to write.

The only code in the view layer that walks the content models. Every word it adds comes from
the `runacu.words.Words` a builder is given (the reader's language); dates and times come from
`views/dates.py`, in that language too.

One module per screen (`guide.py`, `clinic.py`, `search.py`, `check.py`, `validate.py`, `receipt.py`,
`card.py`), and what several screens show: the commands a reader types (`commands.py`) and the warning
signs (`red_flags.py`). The builders the commands call are taken from here.
"""

from runacu.views.pages.card import CardCommand, overview_page
from runacu.views.pages.check import check_result_page, checklist_page
from runacu.views.pages.clinic import ClinicView, clinic_page, status_sentence
from runacu.views.pages.guide import guide_page, guides_page, paragraphs, slugs_page
from runacu.views.pages.receipt import Receipt, receipt_page
from runacu.views.pages.search import SEARCH_SHOWN, search_nothing_line, search_page, search_warning_line
from runacu.views.pages.validate import validate_page

__all__ = [
    "SEARCH_SHOWN",
    "CardCommand",
    "ClinicView",
    "Receipt",
    "check_result_page",
    "checklist_page",
    "clinic_page",
    "guide_page",
    "guides_page",
    "overview_page",
    "paragraphs",
    "receipt_page",
    "search_nothing_line",
    "search_page",
    "search_warning_line",
    "slugs_page",
    "status_sentence",
    "validate_page",
]
