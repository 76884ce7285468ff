"""Base class for the user-facing errors raised by this library.

Same class as in b2b_portal/lib/errors.py: each addon's lib stays self-contained.
"""


class LocalizedError(ValueError):
    """An error shown to users, kept as a format string plus named parameters.

    The Odoo layer translates ``message`` and then applies ``params`` (see
    :meth:`render`); ``str()`` gives the untranslated English text. A parameter
    may itself be a ``LocalizedError``, which is rendered the same way, so that
    every message stays a single literal string.
    """

    def __init__(self, message, **params):
        super().__init__(message)
        self.message = message
        self.params = params

    def render(self, translate=None):
        """Return the message with its parameters applied, translated by ``translate``."""
        params = {
            name: value.render(translate) if isinstance(value, LocalizedError) else value
            for name, value in self.params.items()
        }
        template = translate(self.message) if translate else self.message
        # Always format, even without parameters, so that "%%" renders as "%".
        return template % params

    def __str__(self):
        return self.render()


def _lt(message):
    """Mark ``message`` for Odoo's term extraction (it looks for ``_lt("...")``): it goes to
    the addon's i18n/ru.po and is translated when the Odoo layer renders the message."""
    return message
