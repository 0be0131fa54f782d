from __future__ import annotations

import pytest

from checker.model.results import AuditResult, PageResult

DEVICES = ("iphone-se", "pixel-7")


def _audit(page: PageResult, device: str) -> AuditResult:
    (result,) = [d for d in page.devices if d.device == device]
    return result.audits["form-inputs"]


@pytest.mark.parametrize("device", DEVICES)
def test_form_inputs_passes_typed_16px_fields_and_ignores_hidden_ones(layout_run, device):
    audit = _audit(layout_run["form-inputs-pass"], device)
    assert audit.score == 1
    # Eight fields to type in or pick from; the checkbox, the button, type=hidden and the
    # display:none and visibility:hidden fields (11 px, named email and phone) are not.
    assert audit.details["fields"] == 8
    # A date picker needs no keyboard, but autofill could still fill in the birth date.
    assert audit.details["autocomplete_suggestions"] == [
        {"selector": "#dob", "autocomplete": "bday"}
    ]


@pytest.mark.parametrize("device", DEVICES)
def test_form_inputs_flags_an_email_field_typed_as_text_and_15px_text(layout_run, device):
    audit = _audit(layout_run["form-inputs-fail"], device)
    assert audit.score == 0
    email, phone, country = audit.findings
    assert email.selector == "#email"
    assert email.details["problems"] == ["keyboard"]
    assert 'use type="email"' in email.message
    assert (email.box.x, email.box.y) == pytest.approx((16, 115), abs=2)
    assert email.snippet == '<input id="email" name="email" type="text">'
    assert phone.selector == "#phone"
    assert phone.details["problems"] == ["font-size"]
    assert phone.details["font_size"] == 15
    assert country.selector == "#country"
    assert country.details["font_size"] == pytest.approx(13.33, abs=0.01)


@pytest.mark.parametrize("device", DEVICES)
def test_form_inputs_passes_1rem_text_ambiguous_fields_and_skips_an_off_page_trap(
    layout_run, device
):
    audit = _audit(layout_run["form-inputs-borderline"], device)
    assert audit.score == 1
    assert audit.details["fields"] == 3
    assert audit.details["off_screen"] == 1
    assert audit.details["autocomplete_suggestions"] == [
        {"selector": "#zip", "autocomplete": "postal-code"}
    ]


def test_form_inputs_accepts_the_ios_digit_pattern_on_iphone_only(layout_run):
    page = layout_run["form-inputs-ios-pattern"]
    assert _audit(page, "iphone-se").score == 1
    android = _audit(page, "pixel-7")
    assert android.score == 0
    assert 'add inputmode="numeric"' in android.findings[0].message


@pytest.mark.parametrize("device", DEVICES)
def test_form_inputs_notes_small_text_under_maximum_scale_1_but_fails_the_keyboard(
    layout_run, device
):
    # maximum-scale=1 keeps iOS from zooming in on a focused field (Android never does), so
    # the 13.3 px search box and the 14 px email field only get a note; the email field
    # typed as text still opens the wrong keyboard.
    audit = _audit(layout_run["form-inputs-maximum-scale-1"], device)
    assert audit.score == pytest.approx(2 / 3, abs=1e-3)
    (email,) = audit.findings
    assert email.selector == "#email"
    assert email.details["problems"] == ["keyboard"]
    assert audit.details["maximum_scale"] == "1"
    notes = [(n["selector"], round(n["font_size"], 2)) for n in audit.details["notes"]]
    assert notes == [("#q", 13.33), ("#email", 14)]
    assert all("keeps iOS from zooming in" in n["note"] for n in audit.details["notes"])
    assert audit.display == "1 of 3 form fields fight the phone: 1 opens the wrong keyboard."
