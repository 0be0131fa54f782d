from __future__ import annotations

import dataclasses

import pytest

from audits.layout.form_inputs import form_inputs, infer_purpose
from checker.model.dom_facts import FormInput, Tag
from checker.model.elements import Box, Element
from checker.model.snapshot import PageSnapshot

ANDROID_UA = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 Chrome/120 Mobile"


def _field(
    *,
    type: str | None = "text",
    tag: str = "input",
    font_size: float = 16,
    box: Box | None = None,
    selector: str = "#field",
    **attrs: str | None,
) -> FormInput:
    values: dict[str, str | None] = {
        "inputmode": None,
        "autocomplete": None,
        "name": None,
        "id": None,
        "placeholder": None,
        "aria_label": None,
        "label": None,
        "pattern": None,
    }
    values.update(attrs)
    return FormInput(
        tag=tag,
        type=type if tag == "input" else None,
        font_size=font_size,
        element=Element(selector, box or Box(16, 300, 300, 44), f"<{tag}>"),
        **values,
    )


def _with_fields(snapshot: PageSnapshot, *fields: FormInput, ua: str | None = None):
    snapshot = dataclasses.replace(
        snapshot, dom=dataclasses.replace(snapshot.dom, inputs=list(fields), truncated={})
    )
    if ua:
        snapshot = dataclasses.replace(
            snapshot, device=dataclasses.replace(snapshot.device, user_agent=ua)
        )
    return snapshot


def _run(saved_snapshot, *fields: FormInput, ua: str | None = None):
    return form_inputs(_with_fields(saved_snapshot("mobile-ready"), *fields, ua=ua))


def test_form_inputs_passes_a_page_without_forms(saved_snapshot):
    outcome = form_inputs(saved_snapshot("ietf-1"))
    assert outcome.score == 1
    assert outcome.display == "No form fields to type in."


def test_form_inputs_does_not_apply_to_desktop(saved_snapshot):
    assert form_inputs(saved_snapshot("salon-1", "desktop")).score is None


def test_form_inputs_flags_the_default_13px_text_that_makes_ios_zoom(saved_snapshot):
    # mobile-ready's email field (16px there) with the right type and autocomplete, put back
    # to Chromium's default 13.33px for form fields.
    snapshot = saved_snapshot("mobile-ready")
    (email,) = snapshot.dom.inputs
    assert form_inputs(snapshot).score == 1
    outcome = form_inputs(_with_fields(snapshot, dataclasses.replace(email, font_size=13.3333)))
    assert outcome.score == 0
    (finding,) = outcome.findings
    assert finding.selector == "#email"
    assert finding.details["problems"] == ["font-size"]
    assert finding.message.startswith("Its text is 13.3 px, so iOS zooms the page in")
    assert finding.box is not None and finding.snippet.startswith("<input")


def test_form_inputs_flags_the_email_field_of_salon_typed_as_text(saved_snapshot):
    outcome = form_inputs(saved_snapshot("salon-1"))
    (email,) = [f for f in outcome.findings if "keyboard" in f.details["problems"]]
    assert email.details["evidence"] == 'name="contact[email]"'
    assert 'use type="email"' in email.message
    assert email.details["suggested_autocomplete"] == "email"
    assert "1 opens the wrong keyboard" in outcome.display


def test_form_inputs_passes_16px_and_fails_15px(saved_snapshot):
    assert _run(saved_snapshot, _field(font_size=16)).score == 1
    assert _run(saved_snapshot, _field(font_size=15.999)).score == 1
    assert _run(saved_snapshot, _field(font_size=15)).score == 0


def test_form_inputs_checks_the_text_of_selects_and_textareas(saved_snapshot):
    outcome = _run(
        saved_snapshot,
        _field(tag="select", font_size=13.3333, selector="select"),
        _field(tag="textarea", font_size=14, selector="textarea"),
    )
    assert [f.selector for f in outcome.findings] == ["select", "textarea"]


def test_form_inputs_ignores_checkboxes_and_buttons(saved_snapshot):
    outcome = _run(
        saved_snapshot,
        _field(type="checkbox", font_size=10, name="email_optin"),
        _field(type="submit", font_size=10),
    )
    assert outcome.score == 1
    assert outcome.details["fields"] == 0


def test_form_inputs_scores_the_share_of_fields_without_problems(saved_snapshot):
    outcome = _run(
        saved_snapshot,
        _field(type="email", name="email"),
        _field(name="city", font_size=14, selector="#city"),
        _field(name="company"),
    )
    assert outcome.score == pytest.approx(2 / 3)
    assert outcome.value == 1
    assert outcome.display.startswith("1 of 3 form fields")


@pytest.mark.parametrize(
    ("attrs", "fix"),
    [
        ({"name": "email"}, 'use type="email"'),
        ({"label": "E-Mail-Adresse"}, 'use type="email"'),
        ({"label": "Correo electrónico"}, 'use type="email"'),
        ({"name": "userEmail"}, 'use type="email"'),
        ({"placeholder": "jane@example.com"}, 'use type="email"'),
        ({"autocomplete": "shipping email"}, 'use type="email"'),
        ({"name": "phone"}, 'use type="tel"'),
        ({"label": "Téléphone"}, 'use type="tel"'),
        ({"label": "Telefonnummer"}, 'use type="tel"'),
        ({"aria_label": "Mobile number"}, 'use type="tel"'),
        ({"label": "Website"}, 'use type="url"'),
        ({"autocomplete": "one-time-code"}, 'add inputmode="numeric"'),
        ({"name": "cardNumber"}, 'add inputmode="numeric"'),
        ({"label": "CVV"}, 'add inputmode="numeric"'),
        ({"name": "qty"}, 'add inputmode="numeric"'),
        ({"label": "Date of birth"}, 'use type="date"'),
    ],
)
def test_form_inputs_flags_a_clear_purpose_on_the_letter_keyboard(saved_snapshot, attrs, fix):
    outcome = _run(saved_snapshot, _field(**attrs))
    assert outcome.score == 0
    assert fix in outcome.findings[0].message
    assert outcome.findings[0].details["problems"] == ["keyboard"]


@pytest.mark.parametrize(
    ("field", "why"),
    [
        (_field(type="email", name="email"), "type=email"),
        (_field(name="email", inputmode="email"), "inputmode=email"),
        (_field(name="phone", inputmode="tel"), "inputmode=tel"),
        (_field(name="otp", inputmode="numeric"), "numeric keypad"),
        (_field(name="otp", type="tel"), "type=tel shows the keypad"),
        (_field(label="Date of birth", autocomplete="bday"), "autofill fills it"),
        (_field(label="Email or phone"), "two purposes"),
        (_field(label="Username or email"), "could be a username"),
        (_field(name="email", autocomplete="username"), "the author said username"),
        (_field(type="search", label="Search emails"), "a search box"),
        (_field(name="q", placeholder="Phone"), "a search box by its name"),
        (_field(label="Gift card number"), "gift card numbers have letters"),
        (_field(name="zip"), "postcodes can have letters"),
        (_field(name="email", inputmode="none"), "the page brings its own keyboard"),
        (_field(label="Street address", autocomplete="street-address"), "no keyboard rule"),
        (_field(label="Mailing address"), "postal mail, not email"),
    ],
)
def test_form_inputs_does_not_demand_a_keyboard_without_a_clear_single_purpose(
    saved_snapshot, field, why
):
    assert _run(saved_snapshot, field).score == 1, why


def test_form_inputs_accepts_the_ios_digit_pattern_only_on_ios(saved_snapshot):
    otp = _field(autocomplete="one-time-code", pattern="[0-9]*")
    assert _run(saved_snapshot, otp).score == 1
    assert _run(saved_snapshot, otp, ua=ANDROID_UA).score == 0


def test_form_inputs_skips_honeypot_fields_off_the_page(saved_snapshot):
    # cnn's newsletter form has a field at x=-5000 that only spam bots fill in.
    outcome = form_inputs(saved_snapshot("cnn"))
    assert outcome.details["off_screen"] == 1
    assert all(f.box.x >= 0 for f in outcome.findings)


def test_form_inputs_suggests_autocomplete_without_failing_for_it(saved_snapshot):
    outcome = _run(
        saved_snapshot,
        _field(type="email", name="email", selector="#email"),
        _field(name="zip", selector="#zip"),
        _field(label="First name", selector="#first"),
        _field(name="name", selector="#name"),
        _field(type="tel", name="phone", autocomplete="tel", selector="#tel"),
        _field(name="email2", type="email", autocomplete="off", selector="#off"),
    )
    assert outcome.score == 1
    assert outcome.details["autocomplete_suggestions"] == [
        {"selector": "#email", "autocomplete": "email"},
        {"selector": "#zip", "autocomplete": "postal-code"},
        {"selector": "#first", "autocomplete": "given-name"},
        {"selector": "#name", "autocomplete": "name"},
    ]


def test_form_inputs_reports_both_problems_of_one_field_in_one_finding(saved_snapshot):
    outcome = _run(saved_snapshot, _field(name="phone", font_size=12))
    (finding,) = outcome.findings
    assert finding.details["problems"] == ["font-size", "keyboard"]
    assert "12 px" in finding.message and 'type="tel"' in finding.message


def test_form_inputs_keeps_its_findings_bounded(saved_snapshot):
    fields = [_field(font_size=12, selector=f"#f{i}") for i in range(70)]
    outcome = _run(saved_snapshot, *fields)
    assert len(outcome.findings) == 50
    assert outcome.value == 70
    assert outcome.score == 0


def test_infer_purpose_names_its_evidence():
    purpose = infer_purpose(_field(id="signup-e_mail", label="Newsletter"))
    assert purpose is not None
    assert (purpose.kind, purpose.evidence) == ("email", 'id="signup-e_mail"')


def test_form_inputs_skip_read_only_and_disabled_fields(saved_snapshot):
    # A read-only date picker and a disabled field open no keyboard: small text or the
    # letter keyboard cannot get in anyone's way there.
    picker = dataclasses.replace(
        _field(name="email", font_size=12, selector="#picker"), readonly=True
    )
    off = dataclasses.replace(_field(name="phone", font_size=12, selector="#off"), disabled=True)
    outcome = _run(saved_snapshot, picker, off)
    assert outcome.score == 1
    assert outcome.details["fields"] == 0
    live = _run(saved_snapshot, _field(name="email", font_size=12, selector="#live"))
    assert live.score == 0


def _with_viewport(snapshot: PageSnapshot, *contents: str) -> PageSnapshot:
    metas = [
        Tag(
            Element('meta[name="viewport"]', snippet=f'<meta content="{c}">'),
            {"name": "viewport", "content": c},
        )
        for c in contents
    ]
    head = dataclasses.replace(snapshot.dom.head, metas=metas)
    return dataclasses.replace(snapshot, dom=dataclasses.replace(snapshot.dom, head=head))


def _run_with_viewport(saved_snapshot, content: str, *fields: FormInput, ua: str | None = None):
    snapshot = _with_fields(saved_snapshot("mobile-ready"), *fields, ua=ua)
    return form_inputs(_with_viewport(snapshot, content))


LOCKED = "width=device-width, initial-scale=1, maximum-scale=1"


@pytest.mark.parametrize("ua", [None, ANDROID_UA])
def test_form_inputs_only_notes_small_text_when_maximum_scale_1_stops_the_focus_zoom(
    saved_snapshot, ua
):
    # nytimes-1's search box: 13.3 px under maximum-scale=1, which keeps iOS Safari from
    # zooming in on focus (and Android Chrome never does), so nothing the audit names happens.
    search = _field(type="search", name="q", font_size=13.3333, selector="#search-input")
    outcome = _run_with_viewport(saved_snapshot, LOCKED, search, ua=ua)
    assert outcome.score == 1
    assert outcome.findings == []
    assert outcome.value == 0
    assert outcome.details["with_problems"] == 0
    assert outcome.details["maximum_scale"] == "1"
    assert outcome.details["notes"] == [
        {
            "selector": "#search-input",
            "font_size": 13.3333,
            "note": "small text field, though this viewport keeps iOS from zooming in; "
            "zoom-allowed covers the zoom lock",
        }
    ]
    assert outcome.display == (
        "1 form field checked: each opens the right keyboard; 1 has text under 16 px, though "
        "maximum-scale=1 keeps iOS from zooming in."
    )


def test_form_inputs_still_fails_the_keyboard_of_a_small_field_under_maximum_scale_1(
    saved_snapshot,
):
    # tmz-1: maximum-scale=1.0, and an email field typed as text at 13.3 px. The wrong
    # keyboard still fails; the small text is a note, not a second problem.
    email = _field(name="email", font_size=13.3333, selector="#email")
    content = "width=device-width, initial-scale=1.0, maximum-scale=1.0, user-scalable=no"
    outcome = _run_with_viewport(saved_snapshot, content, email, _field(selector="#city"))
    assert outcome.score == 0.5
    (finding,) = outcome.findings
    assert finding.details["problems"] == ["keyboard"]
    assert finding.message.startswith("It asks for an email address")
    assert "iOS zooms" not in finding.message
    assert [n["selector"] for n in outcome.details["notes"]] == ["#email"]
    assert outcome.display == "1 of 2 form fields fight the phone: 1 opens the wrong keyboard."


@pytest.mark.parametrize("value", ["1", "1.0", "0.5", "1px", "yes", "no", "abc"])
def test_form_inputs_reads_maximum_scales_of_1_or_less_as_browsers_do(saved_snapshot, value):
    # "yes" is 1, "no" and an unreadable value 0, in WebKit and Chromium alike.
    content = f"width=device-width, maximum-scale={value}"
    outcome = _run_with_viewport(saved_snapshot, content, _field(font_size=12))
    assert outcome.score == 1
    assert outcome.details["maximum_scale"] == value


@pytest.mark.parametrize(
    "content",
    [
        "width=device-width, initial-scale=1",
        "width=device-width, maximum-scale=1.01",
        "width=device-width, maximum-scale=5",
        "width=device-width, maximum-scale=device-width",
        "width=device-width, maximum-scale=-1",
        # Browsers raise maximum-scale to minimum-scale, so this page can zoom to 2.
        "width=device-width, minimum-scale=2, maximum-scale=1",
    ],
)
def test_form_inputs_fails_small_text_when_the_viewport_lets_ios_zoom(saved_snapshot, content):
    outcome = _run_with_viewport(saved_snapshot, content, _field(font_size=12))
    assert outcome.score == 0
    assert outcome.findings[0].details["problems"] == ["font-size"]
    assert "notes" not in outcome.details


def test_form_inputs_reads_the_maximum_scale_of_the_last_viewport_tag(saved_snapshot):
    snapshot = _with_fields(saved_snapshot("mobile-ready"), _field(font_size=12))
    earlier_lock = _with_viewport(snapshot, LOCKED, "width=device-width, initial-scale=1")
    assert form_inputs(earlier_lock).score == 0
    later_lock = _with_viewport(snapshot, "width=device-width, initial-scale=1", LOCKED)
    assert form_inputs(later_lock).score == 1
