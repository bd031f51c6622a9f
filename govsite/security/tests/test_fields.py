"""`EncryptedTextField` (X7): text in Python, tokens in the database, no queries on the content."""

from __future__ import annotations

import pytest
from django.core.exceptions import FieldError
from django.db.migrations.writer import MigrationWriter
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govsite.security.envelope import MalformedToken, TamperedToken
from govsite.security.fields import EncryptedTextField, encrypted_fields
from govsite.security.models import DataKey
from govsite.security.tests.sample.models import Petition

from .conftest import raw_column, tampered, write_raw_column

pytestmark = pytest.mark.django_db


def test_text_round_trips_and_the_database_holds_only_ciphertext():
    petition = Petition.objects.create(name="张三丰", phone="13812345678", subject="路灯不亮")
    stored = raw_column(Petition, petition.pk, "name")
    active = DataKey.objects.get(active=True)
    assert stored.startswith(f"gs1:{active.pk}:") and "张三丰" not in stored
    assert "13812345678" not in raw_column(Petition, petition.pk, "phone")
    fresh = Petition.objects.get(pk=petition.pk)
    assert (fresh.name, fresh.phone, fresh.subject) == ("张三丰", "13812345678", "路灯不亮")
    assert list(Petition.objects.values_list("name", flat=True)) == ["张三丰"]


def test_empty_stays_empty_and_null_stays_null():
    petition = Petition.objects.create(name="", phone="", note=None)
    assert raw_column(Petition, petition.pk, "name") == ""
    assert raw_column(Petition, petition.pk, "note") is None
    fresh = Petition.objects.get(pk=petition.pk)
    assert (fresh.name, fresh.note) == ("", None)
    assert Petition.objects.filter(note__isnull=True).count() == 1


def test_a_token_copied_into_another_field_does_not_decrypt():
    petition = Petition.objects.create(name="张三丰", phone="13812345678")
    write_raw_column(Petition, petition.pk, "phone", raw_column(Petition, petition.pk, "name"))
    with pytest.raises(TamperedToken, match="不属于这个字段"):
        Petition.objects.get(pk=petition.pk)


def test_a_changed_token_in_the_database_is_refused():
    petition = Petition.objects.create(name="张三丰")
    token = raw_column(Petition, petition.pk, "name")
    write_raw_column(Petition, petition.pk, "name", tampered(token))
    with pytest.raises((TamperedToken, MalformedToken)):
        Petition.objects.get(pk=petition.pk)
    write_raw_column(Petition, petition.pk, "name", "张三丰")
    with pytest.raises(MalformedToken, match="不是有效的密文"):
        Petition.objects.get(pk=petition.pk)


@pytest.mark.parametrize("lookup", ["name", "name__exact", "name__icontains", "name__startswith", "name__in",
                                    "name__lower"])
def test_queries_on_the_content_are_refused(lookup):
    Petition.objects.create(name="张三丰")
    with pytest.raises(FieldError, match="是加密字段，不能按内容查询"):
        Petition.objects.filter(**{lookup: "张三丰"}).count()


def test_every_model_using_the_field_is_registered_and_migrations_serialise_it():
    labels = [f.qualified_name for fields in encrypted_fields().values() for f in fields]
    assert {f"security_sample.petition.{name}" for name in ("name", "phone", "note")} <= set(labels)
    assert all(isinstance(f, EncryptedTextField) for fields in encrypted_fields().values() for f in fields)
    text, imports = MigrationWriter.serialize(Petition._meta.get_field("name"))
    assert text == "govsite.security.fields.EncryptedTextField(blank=True, verbose_name='姓名')"
    assert imports == {"import govsite.security.fields"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text())
@example(text="")
@example(text="\x00 NUL 也能存：PostgreSQL 的 text 列只见到密文")
@example(text="长" * 200_000)
def test_any_text_a_citizen_types_is_stored_and_read_back(text):
    petition = Petition.objects.create(name=text)
    assert Petition.objects.get(pk=petition.pk).name == text
