from __future__ import annotations

import dataclasses

from audits.layout.plugins import plugin_reason, plugins
from checker.model.dom_facts import Embed, Param
from checker.model.elements import Box, Element
from checker.model.snapshot import PageSnapshot


def _embed(
    tag: str = "object",
    *,
    type: str | None = None,
    classid: str | None = None,
    data: str | None = None,
    src: str | None = None,
    code: str | None = None,
    params: list[Param] | None = None,
    box: Box | None = None,
    selector: str = "#player",
) -> Embed:
    return Embed(
        tag=tag,
        type=type,
        classid=classid,
        data=data,
        src=src,
        code=code,
        params=params or [],
        element=Element(selector, box or Box(10, 20, 300, 200), f"<{tag}>"),
    )


def _with_embeds(snapshot: PageSnapshot, *embeds: Embed, total: int | None = None) -> PageSnapshot:
    truncated = {"embeds": total} if total is not None else {}
    dom = dataclasses.replace(snapshot.dom, embeds=list(embeds), truncated=truncated)
    return dataclasses.replace(snapshot, dom=dom)


def test_plugins_passes_a_page_without_embedded_content(saved_snapshot):
    outcome = plugins(saved_snapshot("mobile-ready"))
    assert outcome.score == 1
    assert outcome.findings == []


def test_plugins_passes_an_object_with_nothing_to_load(saved_snapshot):
    # lemonde-1 has an <object> with no type, data or params.
    snapshot = saved_snapshot("lemonde-1")
    assert len(snapshot.dom.embeds) == 1
    assert plugins(snapshot).score == 1


def test_plugins_flags_the_flash_object_on_cnn(saved_snapshot):
    outcome = plugins(saved_snapshot("cnn"))
    assert outcome.score == 0
    assert outcome.value == 1
    (finding,) = outcome.findings
    assert finding.selector == "#cvpXhrFlash"
    assert finding.details["plugin"] == "Flash"
    assert 'type="application/x-shockwave-flash"' in finding.message
    assert "(Flash)" in outcome.display


def test_plugins_applies_on_desktop_too(saved_snapshot):
    # No current desktop browser runs plugins either.
    assert plugins(saved_snapshot("cnn", "desktop")).score == 0
    assert plugins(saved_snapshot("mobile-ready", "desktop")).score == 1


def test_plugins_passes_a_pdf_and_an_image_in_object(saved_snapshot):
    snapshot = _with_embeds(
        saved_snapshot("mobile-ready"),
        _embed(type="application/pdf", data="doc.pdf"),
        _embed(data="images/photo.png"),
        _embed("embed", type="video/mp4", src="clip.mp4"),
    )
    assert plugins(snapshot).score == 1


def test_plugins_flags_an_embed_by_its_swf_extension_whatever_the_query_or_case():
    kind, why = plugin_reason(_embed("embed", src="/media/Movie.SWF?autoplay=1#top"))
    assert kind == "Flash"
    assert why == 'src="/media/Movie.SWF?autoplay=1#top"'


def test_plugins_ignores_an_extension_in_the_query_string_or_host():
    assert plugin_reason(_embed("embed", src="player.html?file=movie.swf")) is None
    assert plugin_reason(_embed(data="https://swf.example/")) is None


def test_plugins_flags_activex_classids_lighthouse_ignored():
    flash = plugin_reason(_embed(classid="clsid:D27CDB6E-AE6D-11cf-96B8-444553540000"))
    silverlight = plugin_reason(_embed(classid="CLSID:DFEAF541-F3E1-4C24-ACAC-99C30715084A"))
    java = plugin_reason(_embed(classid="clsid:CAFEEFAC-0017-0000-FFFF-ABCDEFFEDCBA"))
    unknown = plugin_reason(_embed(classid="clsid:12345678-0000-0000-0000-000000000000"))
    assert (flash[0], silverlight[0], java[0], unknown[0]) == (
        "Flash",
        "Silverlight",
        "Java",
        "ActiveX",
    )


def test_plugins_flags_every_applet():
    assert plugin_reason(_embed("applet", code="Game.class"))[0] == "Java"
    assert plugin_reason(_embed("applet"))[0] == "Java"


def test_plugins_reads_java_types_with_parameters():
    kind, _ = plugin_reason(_embed(type="application/x-java-applet;jpi-version=1.6.0"))
    assert kind == "Java"


def test_plugins_flags_a_source_param_and_a_type_param():
    by_movie = plugin_reason(_embed(params=[Param("Movie", "intro.swf")]))
    by_type = plugin_reason(_embed(params=[Param("type", "application/x-silverlight-2")]))
    harmless = plugin_reason(_embed(params=[Param("quality", "high.swf")]))
    assert by_movie == ("Flash", '<param name="Movie" value="intro.swf">')
    assert by_type[0] == "Silverlight"
    assert harmless is None


def test_plugins_flags_a_flash_data_url():
    kind, _ = plugin_reason(_embed(data="data:application/x-shockwave-flash;base64,Q1dT"))
    assert kind == "Flash"
    assert plugin_reason(_embed(data="data:image/png;base64,iVBORw0")) is None


def test_plugins_reports_a_hidden_plugin_without_a_box(saved_snapshot):
    hidden = _embed("embed", src="tracker.swf", box=Box(0, 0, 0, 0))
    outcome = plugins(_with_embeds(saved_snapshot("mobile-ready"), hidden))
    assert outcome.score == 0
    assert outcome.findings[0].box is None


def test_plugins_keeps_its_findings_bounded_and_counts_them_all(saved_snapshot):
    many = [_embed("embed", src=f"m{i}.swf", selector=f"#m{i}") for i in range(80)]
    outcome = plugins(_with_embeds(saved_snapshot("mobile-ready"), *many, total=120))
    assert len(outcome.findings) == 50
    assert outcome.value == 80
    assert outcome.details["embeds"] == 120
    assert "note" in outcome.details
