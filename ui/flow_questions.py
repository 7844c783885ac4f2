"""The customer flow's questions: the scenario chosen, its pages of questions one by one, and
the footprint they give (or the organisers' event footprint). Mixed into `ui.flow.CustomerFlow`,
whose state it uses."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.errors import InputError
from kiosk.session import Detour

if TYPE_CHECKING:
    from kiosk.footprint import Footprint
    from kiosk.session import CustomerSession
    from kiosk.venue_events import Running
    from ui.window import KioskWindow

EVENT = "event"  # the organisers' scenario (ui.screens.scenario: built after the first frame)
log = logging.getLogger("ui.flow")


class QuestionSteps:
    """The flow from the scenario screen to the result screen."""

    w: KioskWindow
    session: CustomerSession
    page: int
    invalid: bool
    footprint: Footprint | None
    running: Running | None

    # -- questions ----------------------------------------------------------------------------

    def choose_scenario(self, scenario_id: str) -> None:
        self.session.start(scenario_id)
        if scenario_id == EVENT:
            self.show_event_footprint()
        else:
            self.show_page(0)

    def show_event_footprint(self) -> None:
        """The organisers' card: the event's own footprint as recorded at the registry, worked
        out on this kiosk's factor table; there are no questions to answer here."""
        if self.running is None:
            self.w.go(self.w.scenario)
            return
        try:
            footprint = self.running.event.footprint(self.w.venue, self.session.factors)
        except InputError as exc:  # answers this kiosk's factor table cannot price
            log.error("event %s: %s", self.running.event.id, exc)
            self.w.go(self.w.scenario)
            return
        self.footprint = footprint
        self.w.result.show_result(footprint, self.session.offset, self.session.factors)
        self.w.go(self.w.result)

    def back_from_result(self) -> None:
        if self.session.scenario_id == EVENT:
            self.w.go(self.w.scenario)
        else:
            self.show_page(len(self.session.questions()) - 1)

    def show_page(self, index: int, problem: str = "") -> None:
        pages = self.session.questions()
        self.page = max(0, min(index, len(pages) - 1))
        question = pages[self.page]
        self.invalid = False
        self.w.question.show_question(
            question,
            self.session.value(question),
            self.page,
            len(pages),
            can_finish=not self.session.missing(),
            popular=self.w.venue.popular_origins,
            here=self.w.venue.city,
        )
        self.w.question.set_total(self.session.running_total())
        self.w.question.show_problem(problem)
        self.w.go(self.w.question)

    def edit(self, key: str, raw: object) -> None:
        """Every change on the page: keep it if valid and update the running total. A value
        refused here (out of range, or a way of travelling that does not fit the distance) is
        refused on this page, and the total never counts it (kiosk.session.edit)."""
        edit = self.session.edit(key, raw)
        self.invalid = bool(edit.problem)
        self.w.question.show_problem(edit.problem)
        self.w.question.set_total(None if edit.unparsed else self.session.running_total())

    def next(self) -> None:
        if self.w.current() is not self.w.question:
            return  # a late auto-advance after the customer already moved on
        pages = self.session.questions()
        question = pages[self.page]
        if self.invalid:
            return
        if question.required and question.key not in self.session.answers:
            self.w.question.show_problem("required")
            return
        if self.page + 1 < len(self.session.questions()):
            self.show_page(self.page + 1)
        else:
            self.finish()

    def back(self) -> None:
        if self.page == 0:
            self.w.go(self.w.scenario)
        else:
            self.show_page(self.page - 1)

    def finish(self) -> None:
        """Work out the footprint; a problem sends the customer to the page that can fix it."""
        result = self.session.result()
        if isinstance(result, Detour):
            self.show_page(result.page, result.problem)
            return
        self.footprint = result
        self.w.result.show_result(result, self.session.offset, self.session.factors)
        self.w.go(self.w.result)
