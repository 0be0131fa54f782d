"""plugins: no Flash, Java applets, Silverlight or other plugin content that browsers dropped.

After Lighthouse's former plugins audit (core/audits/seo/plugins.js, removed in v12): an
<applet> always counts; an <object> or <embed> counts when its MIME type, the file extension of
what it loads, or a <param> naming its source points at a plugin. Added here: ActiveX classids
(Lighthouse ignored `classid`), a few more plugin types and extensions of the same era, and the
type of a data: URL. A PDF or an image in an <object> is not plugin content.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from audits import audit
from checker.model.dom_facts import Embed
from checker.model.elements import Box, Element
from checker.model.results import Finding, Outcome
from checker.model.snapshot import PageSnapshot

# Lighthouse plugins.js TYPE_BLOCKLIST, then types of other NPAPI/ActiveX players that no
# browser runs any more (Chrome dropped NPAPI in 2015, Flash reached its end of life in 2020).
PLUGIN_TYPES = {
    "application/x-shockwave-flash": "Flash",
    "application/futuresplash": "Flash",
    "application/x-silverlight": "Silverlight",
    "application/x-silverlight-2": "Silverlight",
    "application/x-director": "Shockwave",
    "application/x-mplayer2": "Windows Media Player",
    "application/x-ms-wmp": "Windows Media Player",
    "audio/x-pn-realaudio-plugin": "RealPlayer",
    "application/x-vlc-plugin": "VLC",
    "application/vnd.unity": "Unity Web Player",
    "application/x-oleobject": "ActiveX",
}
# Lighthouse plugins.js isPluginType: Java types carry parameters
# ("application/x-java-applet;jpi-version=1.4"), so they are matched by prefix.
JAVA_TYPE_PREFIXES = (
    "application/x-java-applet",
    "application/x-java-bean",
    "application/x-java-vm",
)
# Lighthouse plugins.js FILE_EXTENSION_BLOCKLIST (swf, flv, class, xap), then Java archives,
# Shockwave Director movies, FutureSplash movies and Unity Web Player files.
PLUGIN_EXTENSIONS = {
    "swf": "Flash",
    "flv": "Flash",
    "spl": "Flash",
    "class": "Java",
    "jar": "Java",
    "xap": "Silverlight",
    "dcr": "Shockwave",
    "unity3d": "Unity Web Player",
}
# Lighthouse plugins.js SOURCE_PARAMS, plus `url`, which Windows Media and RealPlayer read
# (WebKit's HTMLObjectElement took the plugin's URL from src, movie, code or url).
SOURCE_PARAMS = {"code", "movie", "source", "src", "url"}
# ActiveX controls, which only Internet Explorer ever ran; WebKit's HTMLObjectElement mapped
# the same classids to plugin types. Java's versioned classids all start with CAFEEFAC.
KNOWN_CLASSIDS = {
    "d27cdb6e-ae6d-11cf-96b8-444553540000": "Flash",
    "dfeaf541-f3e1-4c24-acac-99c30715084a": "Silverlight",
    "8ad9c840-044e-11d1-b3e9-00805f499d93": "Java",
    "166b1bca-3f9c-11cf-8075-444553540000": "Shockwave",
    "6bf52a52-394a-11d3-b153-00c04f79faa6": "Windows Media Player",
    "22d6f312-b0f6-11d0-94ab-0080c74c7e95": "Windows Media Player",
    "02bf25d5-8c17-4b23-bc80-d3488abddc6b": "QuickTime",
    "cfcdaa03-8be4-11cf-b84b-0020afbbccfa": "RealPlayer",
}
JAVA_CLASSID_PREFIX = "cafeefac-"
MAX_FINDINGS = 50

FIX = (
    "Replace Flash, Java, Silverlight and other plugin content with HTML: <video> and "
    "<audio> for media, images or HTML and JavaScript for the rest."
)


@audit(
    id="plugins",
    title="Avoids plugins",
    failure_title="Uses plugins that phones cannot show",
    description=(
        "Checks that the page holds no Flash, Java applet, Silverlight or other plugin content. "
        "No phone browser runs plugins, so that content is simply missing."
    ),
    help_url="https://developer.chrome.com/docs/lighthouse/seo/plugins/",
    category="layout",
    requires=("dom",),
    weight=5,
    impact="critical",
    fix=FIX,
)
def plugins(snapshot: PageSnapshot) -> Outcome:
    # Applies on every device, as Lighthouse's did: no current browser, desktop or phone,
    # runs plugins, so the content is missing everywhere.
    embeds = snapshot.dom.embeds
    found = [(embed, reason) for embed in embeds if (reason := plugin_reason(embed))]
    total_embeds = snapshot.dom.truncated.get("embeds", len(embeds))
    details = {"embeds": total_embeds, "plugins": len(found)}
    if not found:
        return Outcome(
            score=1,
            display="No Flash, Java, Silverlight or other plugin content.",
            value=0,
            unit="elements",
            details=details,
        )
    kinds = sorted({kind for _, (kind, _) in found})
    count = len(found)
    subject = "element needs a plugin" if count == 1 else "elements need plugins"
    display = (
        f"{count} {subject} ({', '.join(kinds)}) that no phone or current browser runs, "
        "so visitors never see that content."
    )
    if "embeds" in snapshot.dom.truncated:
        details["note"] = "The page has more <object>, <embed> and <applet> than were gathered."
    return Outcome(
        score=0,
        display=display,
        value=count,
        unit="elements",
        findings=[_finding(embed, kind, why) for embed, (kind, why) in found[:MAX_FINDINGS]],
        details=details,
    )


def plugin_reason(embed: Embed) -> tuple[str, str] | None:
    """(the plugin, what gave it away) when the element is plugin content, else None."""
    if embed.tag == "applet":
        return "Java", "an <applet> is always a Java applet"
    if embed.type and (kind := plugin_type(embed.type)):
        return kind, f'type="{embed.type}"'
    if embed.classid and (kind := classid_plugin(embed.classid)):
        return kind, f'classid="{embed.classid}"'
    for attribute, url in (("data", embed.data), ("src", embed.src), ("code", embed.code)):
        if url and (kind := url_plugin(url)):
            return kind, f'{attribute}="{url}"'
    for param in embed.params:
        if param.name.strip().lower() in SOURCE_PARAMS and (kind := url_plugin(param.value)):
            return kind, f'<param name="{param.name}" value="{param.value}">'
        # <param name="type"> sets the type when the element has none (WebKit read it too).
        if param.name.strip().lower() == "type" and (kind := plugin_type(param.value)):
            return kind, f'<param name="type" value="{param.value}">'
    return None


def plugin_type(mime_type: str) -> str | None:
    base = mime_type.split(";", 1)[0].strip().lower()
    if base.startswith(JAVA_TYPE_PREFIXES) or base in ("application/java", "application/java-vm"):
        return "Java"
    return PLUGIN_TYPES.get(base)


def classid_plugin(classid: str) -> str | None:
    """Any clsid: is an ActiveX control, which only Internet Explorer ran; current browsers
    show the <object>'s fallback content instead. java: is the HTML 4 way to name an applet."""
    value = classid.strip().lower()
    if value.startswith("java:"):
        return "Java"
    if not value.startswith("clsid:"):
        return None
    uuid = value.removeprefix("clsid:").strip("{} ")
    if uuid.startswith(JAVA_CLASSID_PREFIX):
        return "Java"
    return KNOWN_CLASSIDS.get(uuid, "ActiveX")


def url_plugin(url: str) -> str | None:
    url = url.strip()
    if url[:5].lower() == "data:":
        return plugin_type(url[5:].split(",", 1)[0])
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    name = path.rsplit("/", 1)[-1]
    if "." not in name:
        return None
    return PLUGIN_EXTENSIONS.get(name.rsplit(".", 1)[-1].strip().lower())


def _finding(embed: Embed, kind: str, why: str) -> Finding:
    return Finding(
        message=f"<{embed.tag}> holds {kind} content, which phones cannot show ({why}).",
        element=Element(embed.selector, _box(embed.box), embed.snippet),
        details={"plugin": kind, "matched": why},
    )


def _box(box: Box) -> Box | None:
    """An element with no area (a hidden plugin) has no place to outline."""
    return box if box.width > 0 and box.height > 0 else None
