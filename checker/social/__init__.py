"""Social metadata of a page as link crawlers read it: Open Graph, Twitter/X cards, JSON-LD,
icons and oEmbed from the server's HTML (no scripts run), and the preview each platform builds
from them after its own fallbacks. Pure functions of text: no network, no browser."""
