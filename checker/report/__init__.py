"""Reports: views of a RunResult (HTML, JSON, Markdown, JUnit). No report computes a verdict."""
