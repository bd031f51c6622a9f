"""The people and records of the letters' and disclosure offices' tests, for the hostile requests' tests."""

from govsite.disclosure.tests.conftest import apply, office  # noqa: F401 (fixtures)
from govsite.interaction.tests.conftest import people, write_letter  # noqa: F401 (fixtures)
