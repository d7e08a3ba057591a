"""Published trainings are found by the one search box; suggestions and declined ones never."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from tertulia.accounts.models import Member
from tertulia.search.queries import SearchRequest, search
from tertulia.trainings.models import TrainingStatus
from tertulia.trainings.services.review import decline_training, publish_training
from tertulia.trainings.services.trainings import delete_training, suggest_training
from tests.trainings.factories import details, make_theme, make_training

pytestmark = pytest.mark.django_db


def _urls(text: str, kind: str = "training") -> list[str]:
    results = search(AnonymousUser(), SearchRequest(text=text, kind=kind))
    return [result.url for result in results[0:50]]


def test_a_published_training_is_found_by_title_provider_and_theme() -> None:
    theme = make_theme(slug="care", name_en="Care economy", name_es="Economía del cuidado")
    training = make_training(
        title="Participatory Gender Audit", provider="International Labour Organization"
    )
    training.themes.set([theme])
    url = f"/trainings/{training.pk}/participatory-gender-audit/"

    assert _urls("audit") == [url]
    assert _urls("labour organization") == [url]
    assert _urls("economia cuidado") == [url]


def test_suggestions_are_found_only_once_published(member: Member, facilitator: Member) -> None:
    training = suggest_training(member, details(title="Escuela de formación feminista"))

    assert _urls("formacion feminista") == []
    publish_training(facilitator, training)
    assert len(_urls("formacion feminista")) == 1


def test_a_declined_training_leaves_the_index(member: Member, facilitator: Member) -> None:
    training = suggest_training(member, details(title="Intersectionality in practice"))
    publish_training(facilitator, training)

    decline_training(facilitator, training, reason="Cancelled by the provider.")

    assert training.status == TrainingStatus.DECLINED
    assert _urls("intersectionality") == []


def test_a_deleted_training_leaves_the_index(facilitator: Member) -> None:
    training = make_training(title="Gender budgeting basics")
    assert len(_urls("budgeting")) == 1

    delete_training(facilitator, training)

    assert _urls("budgeting") == []


def test_renaming_a_theme_reindexes_its_trainings() -> None:
    theme = make_theme(slug="care", name_en="Care economy", name_fr="Économie des soins")
    training = make_training(title="Participatory Gender Audit")
    training.themes.set([theme])
    url = f"/trainings/{training.pk}/participatory-gender-audit/"
    assert _urls("soins") == [url]
    # A word in no other name or field: found only through the renamed theme.
    assert _urls("domestique") == []

    theme.name_fr = "Économie domestique"
    theme.save()

    assert _urls("domestique") == [url]
    assert _urls("soins") == []


def test_deleting_a_theme_takes_its_names_out_of_its_trainings() -> None:
    theme = make_theme(slug="care", name_en="Care economy", name_es="Economía del cuidado")
    training = make_training(title="Participatory Gender Audit")
    training.themes.set([theme])
    url = f"/trainings/{training.pk}/participatory-gender-audit/"
    assert _urls("cuidado") == [url]

    theme.delete()

    assert _urls("cuidado") == []
    assert _urls("audit") == [url]
