"""What audits share: helpers that judge nothing and register nothing.

Every module here is named by what it holds. It may import the model (checker.model) and the
pure libraries (checker.social), and other modules here; never an audit (import-linter checks
it, pyproject.toml). The registry does not walk this package: it is no category.
"""
