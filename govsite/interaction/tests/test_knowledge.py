"""The knowledge base in the back office (I6): approved public answers become entries, entries are
suggested to the unit drafting a similar reply, and only the hotline centre keeps them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from govsite.audit.models import AuditEntry
from govsite.interaction import handling
from govsite.interaction.models import KnowledgeEntry, LetterSettings
from govsite.interaction.rules import LetterKind
from govsite.review.roles import Role

from .test_admin import act, denied, open_letter, text

pytestmark = pytest.mark.django_db
ANSWER = "您好！缴存职工偿还自住住房贷款本息的，可以每年申请提取一次住房公积金，电话13912345678。"
SUGGESTED = "相似问题的答复口径"


def answered(write_letter, people, department, title: str):
    """A letter dispatched to the department and answered there, as the unit does it."""
    letter = write_letter(kind=LetterKind.CONSULTATION, title=title, content=title + "需要什么材料？")
    handling.dispatch(letter, people.hotline, department)
    handling.submit_reply(letter, people.handler, ANSWER)
    return letter


def test_an_approved_public_answer_is_suggested_for_the_next_similar_letter(client, people, department,
                                                                             write_letter):
    first = answered(write_letter, people, department, "住房公积金可以提取出来还房贷吗")
    client.force_login(people.approver)
    act(client, first, "approve")
    assert not KnowledgeEntry.objects.exists()  # publicity not decided yet: nothing leaves the letter

    client.force_login(people.hotline)
    act(client, first, "publicity", public="yes")
    entry = KnowledgeEntry.objects.get(source_letter=first)
    assert entry.question == "住房公积金可以提取出来还房贷吗" and entry.unit == department
    assert "13912345678" not in entry.answer and "139****5678" in entry.answer

    second = write_letter(kind=LetterKind.CONSULTATION, title="公积金能不能用来还房贷",
                          content="我想提取公积金还房贷，怎么办理？")
    handling.dispatch(second, people.hotline, department)
    client.force_login(people.handler)
    page = text(open_letter(client, second))
    assert SUGGESTED in page and "住房公积金可以提取出来还房贷吗" in page and "139****5678" in page

    client.force_login(people.hotline)
    act(client, first, "publicity", public="no", reason="privacy")  # withheld later: the entry goes
    assert not KnowledgeEntry.objects.exists()
    client.force_login(people.handler)
    assert SUGGESTED not in text(open_letter(client, second))


def test_the_hotline_keeps_the_knowledge_base_and_a_retired_answer_is_no_longer_suggested(
        client, people, department, write_letter):
    client.force_login(people.hotline)
    response = client.post(reverse("knowledgeentry:add"), {
        "question": "公积金能不能用来还房贷", "answer": ANSWER, "kind": "consultation", "unit": department.pk,
        "active": "on", "reviewed_at": "2026-06-01 09:00"})
    assert response.status_code == 302
    entry = KnowledgeEntry.objects.get()
    assert AuditEntry.objects.filter(action="wagtail.create", actor_name="hotline1",
                                     object_type="interaction.knowledgeentry", object_id=str(entry.pk)).exists()
    assert "公积金能不能用来还房贷" in text(client.get(reverse("knowledgeentry:index")))

    letter = write_letter(kind=LetterKind.CONSULTATION, title="住房公积金还房贷怎么提取")
    handling.dispatch(letter, people.hotline, department)
    client.force_login(people.handler)
    assert SUGGESTED in text(open_letter(client, letter))
    assert "公积金能不能用来还房贷" in text(client.get(reverse("knowledgeentry:index")))  # units read it
    assert denied(client.get(reverse("knowledgeentry:add")))
    assert denied(client.get(reverse("knowledgeentry:edit", args=[entry.pk])))

    client.force_login(people.hotline)
    client.post(reverse("knowledgeentry:edit", args=[entry.pk]), {
        "question": entry.question, "answer": entry.answer, "kind": "consultation", "unit": department.pk,
        "reviewed_at": "2026-06-02 09:00"})  # policy changed: no longer active
    assert KnowledgeEntry.objects.get().active is False
    client.force_login(people.handler)
    assert SUGGESTED not in text(open_letter(client, letter))


def test_menus_of_the_knowledge_base_and_deadline_profiles_follow_the_roles(client, people, department,
                                                                            make_user):
    knowledge, profiles = reverse("knowledgeentry:index"), reverse("lettersettings:index")
    editor = make_user("editor1", Role.EDITOR, department)
    for user, sees_knowledge, sees_profiles in (
        (people.hotline, True, True), (people.office, True, True), (people.handler, True, False),
        (editor, False, False),
    ):
        client.force_login(user)
        home = text(client.get(reverse("wagtailadmin_home")))
        assert (f'"{knowledge}"' in home, f'"{profiles}"' in home) == (sees_knowledge, sees_profiles), user
        assert denied(client.get(knowledge)) is not sees_knowledge, user
        assert denied(client.get(profiles)) is not sees_profiles, user

    client.force_login(people.hotline)
    assert denied(client.get(reverse("lettersettings:add")))  # the hotline reads the profiles only
    assert denied(client.get(reverse("knowledgeentry:add"))) is False
    client.force_login(people.office)
    assert denied(client.get(reverse("knowledgeentry:add")))
    response = client.post(reverse("lettersettings:add"), {"record": department.pk, "profile": "seed_003"})
    assert response.status_code == 302
    assert LetterSettings.objects.get(record=department).profile == "seed_003"
    assert handling.profile_of(department).key == "seed_003"
    assert AuditEntry.objects.filter(action="wagtail.create", actor_name="office1",
                                     object_type="interaction.lettersettings").exists()
