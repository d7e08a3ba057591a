"""The language of posts and threads, detected among the community's languages."""

from __future__ import annotations

import pytest

from tertulia.accounts.models import Member
from tertulia.forums import languages
from tertulia.forums.languages import DEFAULT_LANGUAGE, detect_language
from tertulia.forums.models import Forum, Thread
from tertulia.forums.services.posts import post_reply
from tertulia.forums.services.threads import start_thread


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Hello everyone, how do you open your training workshops with new groups?", "en"),
        ("Hola a todas, ¿cómo organizan sus talleres de formación con grupos nuevos?", "es"),
        ("Bonjour à toutes, comment organisez-vous vos ateliers avec de nouveaux groupes ?", "fr"),
        ("Olá a todas, como vocês organizam as oficinas de formação com grupos novos?", "pt"),
        ("مرحبا بالجميع، كيف تنظمون ورشات التدريب مع المجموعات الجديدة؟", "ar"),
    ],
)
def test_the_language_is_detected(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["Merci !", "ok", "👍👍", "", "12345 678"])
def test_short_texts_fall_back_to_english(text: str) -> None:
    assert detect_language(text) == DEFAULT_LANGUAGE


def test_the_detector_is_built_once() -> None:
    detect_language("Bonjour à toutes, comment allez-vous aujourd'hui ?")
    detect_language("Hola a todas, ¿cómo están hoy en el taller?")

    assert languages._detector.cache_info().currsize == 1


@pytest.mark.django_db
def test_a_thread_and_its_replies_get_their_language(
    member: Member, forum: Forum, thread: Thread
) -> None:
    started = start_thread(
        member,
        forum,
        title="Evaluación",
        body="¿Alguien tiene una herramienta sencilla para medir cambios en la práctica?",
    )
    reply = post_reply(
        member, thread, body="Le théâtre-forum marche très bien chez nous avec les jeunes."
    )

    assert started.language == "es"
    assert reply.language == "fr"


@pytest.mark.django_db
def test_an_unknown_language_choice_falls_back_to_detection(member: Member, forum: Forum) -> None:
    thread = start_thread(
        member,
        forum,
        title="Outils",
        body="Je cherche des outils simples pour parler des violences avec les jeunes.",
        language="xx",
    )

    assert thread.language == "fr"
