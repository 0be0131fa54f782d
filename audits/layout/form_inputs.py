"""form-inputs: form fields open the keyboard they need and do not make iOS zoom in.

Two problems make a form fight a phone. A field whose text is under 16 px makes iOS Safari
zoom the page in when it gets focus (and leaves it zoomed). A viewport whose maximum-scale is 1
or less stops that zoom (iOS 10+ ignores maximum-scale for pinch zoom, but not for the zoom on
focus; Android Chrome never zooms on focus), so there small text is only noted in the details:
zoom-allowed fails the zoom lock itself. A field clearly meant for an email
address, a phone number, a web address, a number or a birth date that keeps type="text" opens
the letter keyboard, so people hunt for @, digits or a date on the wrong layout.

What a field is for is read from its autocomplete token (the author's own words) or else from
its name, id, label, placeholder and aria-label, in English and a few major languages. Only a
clear, single signal counts: a field that could be two things ("Email or phone", "Username or
email") or a search box is never failed for its keyboard. A missing autocomplete token is
suggested in the details but never fails a field: it does not change the keyboard, and
browsers already guess most fields from their names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audits import audit
from audits.common.viewport_tag import parse_viewport
from checker.model.dom_facts import FormInput
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot

# iOS Safari zooms in on a focused field whose font-size is under 16 CSS px (WebKit).
MIN_FONT_PX = 16
# Computed sizes such as 0.9999rem land a hair under 16 px: not a real difference.
_FONT_TOLERANCE_PX = 0.01
MAX_FINDINGS = 50

# A viewport whose maximum-scale is at most this keeps iOS Safari from zooming in on a focused
# field (tested in a11yproject/a11yproject.com#745); Android Chrome never zooms on focus.
NO_FOCUS_ZOOM_MAXIMUM_SCALE = 1.0
# WebKit's and Chromium's viewport parsers read a scale alike: these keywords stand for these
# scales, a value by its leading number ("1.0px" is 1), anything unreadable as 0, and a
# negative number as auto (no limit); a maximum-scale under minimum-scale is raised to it.
_SCALE_KEYWORDS = {"yes": 1.0, "no": 0.0, "device-width": 10.0, "device-height": 10.0}
_LEADING_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?")
SMALL_TEXT_NOTE = (
    "small text field, though this viewport keeps iOS from zooming in; zoom-allowed covers "
    "the zoom lock"
)

# Input types with no text to type or read: no keyboard, no zoom on focus.
NO_TEXT_TYPES = {
    "checkbox", "radio", "submit", "button", "reset", "image", "range", "color", "file",
    "hidden",
}  # fmt: skip
KNOWN_TYPES = NO_TEXT_TYPES | {
    "text", "search", "email", "tel", "url", "number", "password", "date", "datetime-local",
    "month", "week", "time",
}  # fmt: skip
# type="search" is a search box whatever it searches for, so it is not judged by purpose.
_SEARCH_NAMES = {"q", "s", "query"}
# WebKit on iOS opens the number pad for exactly these patterns on a text field.
_IOS_DIGIT_PATTERNS = {r"[0-9]*", r"\d*"}

FIX = (
    'Give each field the type or inputmode that matches it (type="email", type="tel", '
    'type="url", inputmode="numeric"), and a font size of 16px or more.'
)


@dataclass(frozen=True)
class Kind:
    """What a field asks for, the keyboard it needs and its autocomplete token."""

    what: str
    keyboard: str | None
    autocomplete: str | None


KINDS = {
    "email": Kind("an email address", "email", "email"),
    "tel": Kind("a phone number", "tel", "tel"),
    "url": Kind("a web address", "url", "url"),
    "one-time-code": Kind("a one-time code", "numeric", "one-time-code"),
    "cc-number": Kind("a card number", "numeric", "cc-number"),
    "cc-csc": Kind("a card security code", "numeric", "cc-csc"),
    "quantity": Kind("a quantity", "numeric", None),
    "bday": Kind("a birth date", "date", "bday"),
    # Postcodes have letters in the UK, Canada or the Netherlands: no keyboard is demanded.
    "postal-code": Kind("a postal code", None, "postal-code"),
    "name": Kind("a full name", None, "name"),
    "given-name": Kind("a first name", None, "given-name"),
    "family-name": Kind("a last name", None, "family-name"),
}
# Autofill field names (HTML Standard, "autofill field name"): the ones that name a kind
# above; any other valid one names a purpose we have no keyboard rule for.
AUTOCOMPLETE_KINDS = {
    "email": "email", "url": "url", "one-time-code": "one-time-code", "cc-number": "cc-number",
    "cc-csc": "cc-csc", "postal-code": "postal-code", "name": "name",
    "given-name": "given-name", "family-name": "family-name", "bday": "bday",
    "bday-day": "bday", "bday-month": "bday", "bday-year": "bday", "tel": "tel",
    "tel-country-code": "tel", "tel-national": "tel", "tel-area-code": "tel",
    "tel-local": "tel", "tel-local-prefix": "tel", "tel-local-suffix": "tel",
    "tel-extension": "tel",
}  # fmt: skip
OTHER_AUTOFILL_FIELDS = {
    "honorific-prefix", "additional-name", "honorific-suffix", "nickname", "username",
    "new-password", "current-password", "organization-title", "organization",
    "street-address", "address-line1", "address-line2", "address-line3", "address-level4",
    "address-level3", "address-level2", "address-level1", "country", "country-name",
    "cc-name", "cc-given-name", "cc-additional-name", "cc-family-name", "cc-exp",
    "cc-exp-month", "cc-exp-year", "cc-type", "transaction-currency", "transaction-amount",
    "language", "sex", "photo", "impp",
}  # fmt: skip
# Words that give a field's purpose away, matched in its normalised name, id, label,
# placeholder and aria-label. "username", "search" and "other" name things that are typed as
# text: they only make a field ambiguous. CJK scripts have no word boundaries.
_WORDS = {
    "email": r"email|courriel|\bcorreo\b(?! postal)|posta elettronica|\bпочта\b|メール|邮箱|"
    r"电子邮件|電子郵件|이메일",
    "tel": r"phone|\btel[eé]f|\bt[eé]l\b|\bmobil|\bcell\b|\bcellular\b|\bcelular\b|"
    r"\bm[oó]vil\b|handynummer|電話|电话|手机|телефон|전화",
    "url": r"\burl\b|\bwebsite|\bweb site\b|\bhome ?page\b|\bwebseite\b|\bsite web\b|"
    r"\bsite internet\b|\bsitio web\b|\bsito web\b",
    "one-time-code": r"\botp\b|\bone time (code|password|passcode|pin)\b",
    "cc-number": r"\bcard ?number\b|\bcredit card\b|\bcc ?num(ber)?\b|\bkartennummer\b|"
    r"\bnum[eé]ro de (la )?carte\b|\bn[uú]mero de (la )?tarjeta\b",
    "cc-csc": r"\bcvv2?\b|\bcvc2?\b|\bcsc\b|\bcard (security|verification) code\b",
    "quantity": r"\bqty\b|\bquantit[yéà]|\bcantidad\b|\bmenge\b|\banzahl\b",
    "bday": r"\bbirth ?(day|date)\b|\bdate of birth\b|\bdob\b|geburtsdatum|geburtstag|"
    r"date de naissance|fecha de nacimiento|data di nascita|data de nascimento|生年月日|"
    r"出生日期|дата рождения",
    "postal-code": r"\bzip|\bpost ?code\b|\bpostal\b|\bplz\b|postleitzahl|\bcode postal\b|"
    r"\bc[oó]digo postal\b",
    "given-name": r"\bfirst ?name\b|\bgiven ?name\b|\bfname\b|\bforename\b|\bvorname\b|"
    r"\bpr[ée]nom\b",
    "family-name": r"\blast ?name\b|\bsurname\b|\bfamily ?name\b|\blname\b|\bnachname\b|"
    r"\bnom de famille\b|\bapellidos?\b",
    # The whole text, not a word in it: "name" alone is a person's name, "file name" is not.
    "name": r"^ (full ?name|your (full )?name|name|nom( complet)?|nombre( completo)?) $",
    "username": r"\buser ?(name|id)\b|\blogin\b|benutzername|\busuario\b|identifiant|"
    r"\bnom d utilisateur\b",
    "search": r"\bsearch|\brecherch|\bbuscar\b|\bsuche|\bcerca\b|\bpesquis|検索|搜索|поиск",
    "other": r"\bgift\b|\bcoupon\b|\bpromo\b|\bvoucher\b|\bdiscount\b",
}
_PATTERNS = {kind: re.compile(words) for kind, words in _WORDS.items()}
_EXAMPLE_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.\w")

_KEYBOARD_FIXES = {
    "email": ('use type="email"', "the letter keyboard, without its @ key"),
    "tel": ('use type="tel"', "the letter keyboard instead of the phone keypad"),
    "url": ('use type="url"', "the letter keyboard, without its / and .com keys"),
    "numeric": ('add inputmode="numeric"', "the letter keyboard instead of the number pad"),
    "date": (
        'use type="date", or add autocomplete="bday" so it can be filled in',
        "the letter keyboard instead of a date picker",
    ),
}


@dataclass(frozen=True)
class Purpose:
    kind: str
    evidence: str


@dataclass(frozen=True)
class Problem:
    kind: str  # "font-size" or "keyboard"
    message: str


@audit(
    id="form-inputs",
    title="Form fields suit phone keyboards",
    failure_title="Form fields fight the phone keyboard",
    description=(
        "Checks that form fields open the keyboard their content needs (email, phone, number, "
        "web address) and have text of at least 16 px. The wrong keyboard makes people hunt for "
        "@ or digits, and smaller text makes an iPhone zoom in on the field."
    ),
    help_url="https://developer.mozilla.org/docs/Web/HTML/Global_attributes/inputmode",
    category="layout",
    requires=("dom",),
    weight=5,
    impact="moderate",
    fix=FIX,
)
def form_inputs(snapshot: PageSnapshot) -> Outcome:
    if not snapshot.device.is_mobile:
        return Outcome(score=None, display="Desktop keyboards and browsers are not affected.")
    ios = _is_ios(snapshot.device.user_agent)
    fields = [f for f in snapshot.dom.inputs if takes_text(f)]
    on_page = [f for f in fields if not _off_screen(f)]
    purposes = [(field, infer_purpose(field)) for field in on_page]
    checked = [(field, purpose, problems(field, purpose, ios)) for field, purpose in purposes]
    zoom_lock = focus_zoom_lock(snapshot)
    noted: list[FormInput] = []
    if zoom_lock is not None:
        # No zoom on focus, so small text harms nothing this audit can name: a note, not a
        # failure. The keyboard is still judged.
        noted = [f for f, _, found in checked if any(p.kind == "font-size" for p in found)]
        checked = [
            (f, purpose, [p for p in found if p.kind != "font-size"])
            for f, purpose, found in checked
        ]
    failing = [(field, purpose, found) for field, purpose, found in checked if found]
    suggestions = [
        {"selector": field.selector, "autocomplete": token}
        for field, purpose, _ in checked
        if (token := suggested_autocomplete(field, purpose))
    ]
    details: dict[str, object] = {
        "fields": len(on_page),
        "with_problems": len(failing),
        "off_screen": len(fields) - len(on_page),
        "autocomplete_suggestions": suggestions[:MAX_FINDINGS],
    }
    if noted:
        details["maximum_scale"] = zoom_lock
        details["notes"] = [
            {"selector": f.selector, "font_size": f.font_size, "note": SMALL_TEXT_NOTE}
            for f in noted[:MAX_FINDINGS]
        ]
    if "inputs" in snapshot.dom.truncated:
        details["fields_on_page"] = snapshot.dom.truncated["inputs"]
    if not on_page:
        return Outcome(
            score=1, display="No form fields to type in.", value=0, unit="fields", details=details
        )
    score = 1 - len(failing) / len(on_page)
    findings = [_finding(*entry) for entry in failing[:MAX_FINDINGS]]
    return Outcome(
        score=score,
        display=_display(len(on_page), [found for _, _, found in failing], len(noted), zoom_lock),
        value=len(failing),
        unit="fields",
        findings=findings,
        details=details,
    )


def focus_zoom_lock(snapshot: PageSnapshot) -> str | None:
    """The maximum-scale of the viewport when it keeps iOS from zooming in on a focused field
    (1 or less), as written; None when the page can zoom. Browsers apply the last tag."""
    tags = snapshot.dom.head.metas_named("viewport")
    if not tags:
        return None
    properties = parse_viewport(tags[-1].attr("content") or "")
    maximum = _scale(properties.get("maximum-scale"))
    if maximum is None:
        return None
    minimum = _scale(properties.get("minimum-scale"))
    if minimum is not None:
        maximum = max(maximum, minimum)
    return properties["maximum-scale"] if maximum <= NO_FOCUS_ZOOM_MAXIMUM_SCALE else None


def _scale(value: str | None) -> float | None:
    """A viewport scale as browsers read it; None when absent or negative (auto)."""
    if value is None:
        return None
    if value in _SCALE_KEYWORDS:
        return _SCALE_KEYWORDS[value]
    match = _LEADING_NUMBER.match(value)
    number = float(match.group()) if match else 0.0
    return None if number < 0 else number


def takes_text(field: FormInput) -> bool:
    """Fields people type in or pick from: the ones a keyboard or a zoom on focus affects.
    Read-only and disabled fields open no keyboard (date pickers often are read-only)."""
    if field.readonly or field.disabled:
        return False
    return field.tag in ("select", "textarea") or (field.type or "text") not in NO_TEXT_TYPES


def problems(field: FormInput, purpose: Purpose | None, ios: bool) -> list[Problem]:
    found = []
    if field.font_size + _FONT_TOLERANCE_PX < MIN_FONT_PX:
        found.append(
            Problem(
                "font-size",
                f"Its text is {_px(field.font_size)} px, so iOS zooms the page in when it is "
                f"tapped: set its font-size to {MIN_FONT_PX}px or more.",
            )
        )
    keyboard = KINDS[purpose.kind].keyboard if purpose else None
    if purpose and keyboard and _judged_by_purpose(field) and not keyboard_ok(field, keyboard, ios):
        fix, shown = _KEYBOARD_FIXES[keyboard]
        found.append(
            Problem(
                "keyboard",
                f"It asks for {KINDS[purpose.kind].what} ({purpose.evidence}) but "
                f'type="{field.type}" opens {shown}: {fix}.',
            )
        )
    return found


def infer_purpose(field: FormInput) -> Purpose | None:
    """The one thing the field is clearly for, or None when unclear or more than one."""
    token = _autocomplete_field(field.autocomplete)
    if token is not None:
        kind = AUTOCOMPLETE_KINDS.get(token)
        return Purpose(kind, f'autocomplete="{field.autocomplete}"') if kind else None
    if field.type in ("email", "tel", "url"):
        return Purpose(field.type, f'type="{field.type}"')
    found: dict[str, str] = {}
    for evidence, text in _sources(field):
        normalised = _normalise(text)
        for kind, pattern in _PATTERNS.items():
            if kind not in found and pattern.search(normalised):
                found[kind] = evidence
        if evidence.startswith("placeholder") and _EXAMPLE_EMAIL.search(text):
            found.setdefault("email", evidence)
    if (field.name or "").strip().lower() in _SEARCH_NAMES:
        found.setdefault("search", f'name="{field.name}"')
    if len(found) != 1:
        return None
    kind, evidence = found.popitem()
    return Purpose(kind, evidence) if kind in KINDS else None


def keyboard_ok(field: FormInput, keyboard: str, ios: bool) -> bool:
    mode = (field.inputmode or "").strip().lower()
    digits = mode in ("numeric", "decimal") or (
        ios and (field.pattern or "").strip() in _IOS_DIGIT_PATTERNS
    )
    if keyboard in ("email", "tel", "url"):
        return keyboard in (field.type, mode)
    if keyboard == "numeric":
        return field.type in ("number", "tel") or mode == "tel" or digits
    # A birth date: a date picker, autofill, or the number pad for typing it.
    autofill = (_autocomplete_field(field.autocomplete) or "").startswith("bday")
    return field.type in ("date", "datetime-local", "month", "week") or autofill or digits


def suggested_autocomplete(field: FormInput, purpose: Purpose | None) -> str | None:
    """The autocomplete token worth adding to an <input>, when its purpose is clear and it
    has none. (A <select> of days for a birth date would want bday-day, not bday.)"""
    if purpose is None or field.tag != "input":
        return None
    if (field.autocomplete or "").strip().lower() not in ("", "on"):
        return None
    return KINDS[purpose.kind].autocomplete


def _judged_by_purpose(field: FormInput) -> bool:
    """Only text fields on the generic keyboard, and not those with a keyboard of their own
    (inputmode="none"); unknown types are text fields to the browser."""
    if field.tag != "input" or (field.inputmode or "").strip().lower() == "none":
        return False
    return field.type == "text" or field.type not in KNOWN_TYPES


def _autocomplete_field(value: str | None) -> str | None:
    """The autofill field name of an autocomplete attribute ("shipping tel" -> "tel"), or
    None when it has none (absent, on, off, or a made-up value that browsers ignore)."""
    tokens = [t for t in (value or "").lower().split() if t != "webauthn"]
    if not tokens:
        return None
    name = tokens[-1]
    return name if name in AUTOCOMPLETE_KINDS or name in OTHER_AUTOFILL_FIELDS else None


def _sources(field: FormInput) -> list[tuple[str, str]]:
    named = [("name", field.name), ("id", field.id)]
    texts = [("label", field.label), ("placeholder", field.placeholder)]
    texts.append(("aria-label", field.aria_label))
    return [(f'{key}="{value}"', value) for key, value in named + texts if value]


def _normalise(text: str) -> str:
    """Words in lower case between spaces: "contactEmail", "e_mail" and "E-Mail" all give
    " contact email " or " email "."""
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text[:200]).lower()
    text = re.sub(r"\be[\s_.-]?mail", "email", text)
    return " " + " ".join(re.split(r"[\W_]+", text)).strip() + " "


def _off_screen(field: FormInput) -> bool:
    """Left or above the page, where nobody can reach it: a honeypot for spam bots."""
    return field.box.right <= 0 or field.box.bottom <= 0


def _is_ios(user_agent: str) -> bool:
    return any(device in user_agent for device in ("iPhone", "iPad", "iPod"))


def _finding(field: FormInput, purpose: Purpose | None, found: list[Problem]) -> Finding:
    details: dict[str, object] = {
        "problems": [p.kind for p in found],
        "font_size": field.font_size,
        "type": field.type,
        "inputmode": field.inputmode,
    }
    if purpose:
        details["purpose"] = purpose.kind
        details["evidence"] = purpose.evidence
        if token := suggested_autocomplete(field, purpose):
            details["suggested_autocomplete"] = token
    return Finding(
        message=" ".join(p.message for p in found),
        element=field.element,
        details=details,
    )


def _display(
    total: int, failing: list[list[Problem]], noted: int = 0, zoom_lock: str | None = None
) -> str:
    if not failing:
        fields = "form field" if total == 1 else "form fields"
        if noted:
            verb = "has" if noted == 1 else "have"
            return (
                f"{total} {fields} checked: each opens the right keyboard; {noted} {verb} text "
                f"under {MIN_FONT_PX} px, though maximum-scale={zoom_lock} keeps iOS from "
                "zooming in."
            )
        return (
            f"{total} {fields} checked: each opens the right keyboard, at {MIN_FONT_PX} px or more."
        )
    small = sum(any(p.kind == "font-size" for p in found) for found in failing)
    keyboard = sum(any(p.kind == "keyboard" for p in found) for found in failing)
    parts = []
    if small:
        verb = "has" if small == 1 else "have"
        parts.append(f"{small} {verb} text under {MIN_FONT_PX} px, which makes iOS zoom in")
    if keyboard:
        parts.append(f"{keyboard} {'opens' if keyboard == 1 else 'open'} the wrong keyboard")
    return f"{len(failing)} of {total} form fields fight the phone: {'; '.join(parts)}."


def _px(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")
