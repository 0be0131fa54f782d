"""How often readiness's layout verdicts agree with Lighthouse 11's on the same pages.

Lighthouse 11 is the last version with the font-size, tap-targets, content-width and plugins
audits. This script installs it from npm (into .cache/lighthouse11, once), serves the shared
corpus of saved pages on 127.0.0.1 with every other host unresolvable, runs Lighthouse's
default mobile run (its moto g power profile) and readiness on the same profile
(`moto-g-power`), and prints, per audit, how many verdicts agree and which pages differ.

    .venv/bin/python benchmarks/lighthouse_agreement.py [--pages N] [--record FILE]

--record FILE saves Lighthouse's verdicts as JSON (tests/fixtures/lighthouse11_verdicts.json
is made this way and pins them for tests/corpus/test_corpus_audit.py); --lighthouse-verdicts FILE
compares with saved verdicts instead of running Lighthouse again.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lighthouse_install import chrome_flags, ensure_lighthouse  # noqa: E402

from checker import Config, audit_urls  # noqa: E402
from checker.demo.server import serve_directory  # noqa: E402
from checker.gather.browser import find_browser  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "pages"
AUDITS = ("viewport", "font-size", "tap-targets", "content-width", "plugins",
          "image-aspect-ratio")  # fmt: skip
PASS = 0.9
# Lighthouse 11 passes image-aspect-ratio when it measured no image; readiness says "not
# applicable" (nothing measured is no pass): the two agree that nothing is wrong.
PASSES_WITH_NOTHING_TO_CHECK = {"image-aspect-ratio"}


def run_lighthouse(binary: Path, url: str, chrome: str) -> dict[str, float | str | None]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "lh.json"
        result = subprocess.run(
            [str(binary), url, "--quiet", f"--only-audits={','.join(AUDITS)}",
             "--output=json", f"--output-path={out}", f"--chrome-flags={chrome_flags()}"],
            env={"CHROME_PATH": chrome, "PATH": "/usr/bin:/bin"}, timeout=180,
            capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode != 0 or not out.exists():
            return {"error": (result.stderr.strip().splitlines() or ["failed"])[-1][:200]}
        audits = json.loads(out.read_text())["audits"]
    return {a: audits[a]["score"] if a in audits else None for a in AUDITS}


def verdict(score: float | None) -> str:
    if score is None:
        return "n/a"
    return "pass" if score >= PASS else "fail"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=0, help="only the first N corpus pages")
    parser.add_argument("--record", type=Path, help="save Lighthouse's verdicts here")
    parser.add_argument("--lighthouse-verdicts", type=Path, help="use saved verdicts")
    args = parser.parse_args()

    names = sorted(p.name for p in CORPUS.iterdir() if (p / "index.html").is_file())
    names = names[: args.pages] if args.pages else names
    with serve_directory(CORPUS) as base_url:
        urls = {name: f"{base_url}{name}/" for name in names}
        if args.lighthouse_verdicts:
            lighthouse = json.loads(args.lighthouse_verdicts.read_text())
        else:
            if not shutil.which("npm"):
                sys.exit("npm is needed to install Lighthouse 11 (apt-get install -y npm).")
            binary = ensure_lighthouse(11)
            chrome = find_browser(None, None)
            lighthouse = {}
            for name in names:
                print(f"lighthouse {name}", file=sys.stderr)
                lighthouse[name] = run_lighthouse(binary, urls[name], chrome)
            if args.record:
                args.record.write_text(json.dumps(lighthouse, indent=1, sort_keys=True) + "\n")
        config = Config(
            devices=("moto-g-power",),
            block_external=True,
            speed_devices="none",
            output_dir=Path(tempfile.mkdtemp(prefix="readiness-agreement-")),
        )
        run = audit_urls(list(urls.values()), config)
    ours = {
        name: {a: page.devices[0].audits[a].score if a in page.devices[0].audits else None
               for a in AUDITS}
        for name, page in zip(names, run.pages, strict=True) if page.status == "ok"
    }  # fmt: skip

    failed = [n for n in ours if "error" in lighthouse[n]]
    for name in failed:
        print(f"lighthouse could not audit {name}: {lighthouse[name]['error']}")
        del ours[name]
    print(f"{'audit':20} {'agree':>7} {'differ':>7}  pages that differ (lighthouse -> readiness)")
    for audit in AUDITS:
        agree, differ = 0, []
        for name in ours:
            theirs, mine = verdict(lighthouse[name].get(audit)), verdict(ours[name][audit])
            nothing_checked = audit in PASSES_WITH_NOTHING_TO_CHECK and mine == "n/a"
            if theirs == mine or (nothing_checked and theirs == "pass"):
                agree += 1
            else:
                differ.append(f"{name} ({theirs} -> {mine})")
        print(f"{audit:20} {agree:7} {len(differ):7}  {', '.join(differ)}")


if __name__ == "__main__":
    main()
