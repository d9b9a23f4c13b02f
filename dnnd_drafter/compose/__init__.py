"""Turn a draft into the letter's text: Jinja templates in a sandbox, their context and inline markup."""
