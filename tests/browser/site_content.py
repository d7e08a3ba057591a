"""Content for a served site (tests/browser/served_site.py), created inside its process.

`ServedSite.call("tests.browser.site_content:add_discussion")` runs a function here with
Django set up against the served site's database; each returns JSON.
"""

from __future__ import annotations

from django.urls import reverse

from tertulia.accounts.models import Member
from tertulia.dialogues.models import Dialogue
from tertulia.events.models import Event
from tertulia.forums.models import Forum, Thread
from tertulia.forums.services.posts import post_reply
from tertulia.forums.services.threads import start_thread
from tests.factories import make_member

DISCUSSION_TITLE = "How do you open a first session on gender with a mixed group?"
DISCUSSION_POSTS = 45  # more than two pages of 20

PEOPLE = [
    ("Ana María Quispe", "PE"),
    ("Wanjiru Kamau", "KE"),
    ("Nadège Mamas Mavoungou", "CG"),
    ("Ruya Leghari", "PK"),
    ("Thandiwe Ndlovu-Mokoena", "ZA"),
    ("Camille Lefèvre", "FR"),
    ("Rosa Quintero", "CO"),
    ("Amina Diallo", "SN"),
    ("Lucía Fernández", "ES"),
    ("Priya Raman", "IN"),
    ("Jean-Baptiste Mukendi", "CD"),
    ("Sofía Herrera", "MX"),
]

OPENING = """\
I am preparing a two-day workshop for a municipal team: thirty people, mostly men, most of
whom did not choose to come. The first hour worries me most.

What has worked for you to **open a first session on gender** without putting people on
the defensive? I am thinking of:

- an icebreaker that gets people talking about their own work, not about "gender";
- a short exercise on everyday examples (who takes the minutes, who speaks first);
- ground rules agreed by the group rather than read out by us.

Any experience, in any language, is welcome.
"""

REPLIES = [
    """\
We start with the **power walk**: everyone gets a card with a character and steps forward
when a statement applies to them. Nobody has to talk about themselves, and the distances
at the end open the discussion by themselves. Give it 40 minutes, not 20.""",
    """\
En mis talleres con equipos municipales empiezo por el presupuesto: ¿quién usa cada
servicio? Con datos del propio municipio la conversación deja de ser abstracta. Después
hablamos de roles y normas, cuando ya hay confianza.""",
    """\
> ground rules agreed by the group rather than read out by us

Yes to this. I write the group's words on the flip chart, exactly as said, and we come
back to them on day two. People defend rules they wrote themselves.""",
    """\
Pour un public réticent, je commence par une question ouverte : « Qu'est-ce qui a changé
dans votre métier depuis dix ans ? ». Les inégalités apparaissent dans les réponses sans
que je prononce le mot *genre* pendant la première heure.""",
    """\
One caution about the power walk: with a mixed group of colleagues, some people may be
identified by their character card and feel exposed. We now let people pick cards face
down and never ask them to explain where they ended up.""",
    """\
A quick check-in that works even online: "one word for how you arrive today". It takes
five minutes for thirty people and tells you a lot about the room. Then the agenda, then
the first exercise.""",
    """\
We used the [gender equality glossary](https://trainingcentre.unwomen.org/) as a warm-up
quiz: teams match words and definitions, and the disagreements are the best part. It
sets a shared vocabulary for the two days.""",
    """\
Ce qui m'aide : annoncer dès le début ce que l'atelier **n'est pas** (un procès, un cours
magistral) et ce qu'il est (un échange entre professionnels). Les participants se
détendent visiblement.""",
    """\
Time matters too. After lunch is the worst moment for anything reflective; we put the
data exercise there and keep the personal reflection for the morning.""",
    """\
Una dinámica que me funciona: cada persona escribe en un papel una tarea que hace en casa
y otra que hace en el trabajo; las leemos en voz alta sin nombres. Los patrones aparecen
solos y nadie se siente señalado.""",
]


def _members() -> list[Member]:
    members = []
    for number, (name, country) in enumerate(PEOPLE):
        email = f"discussion{number}@example.org"
        member = Member.objects.filter(email=email).first()
        members.append(member or make_member(display_name=name, email=email, country=country))
    return members


def add_discussion() -> dict[str, str]:
    """A thread of DISCUSSION_POSTS posts by a dozen members in three languages."""
    forum = Forum.objects.filter(slug="general").first() or Forum.objects.create(
        title="General Discussion Forum", slug="general", languages=["en", "es", "fr"]
    )
    members = _members()
    thread = start_thread(members[0], forum, title=DISCUSSION_TITLE, body=OPENING, language="en")
    for number in range(1, DISCUSSION_POSTS):
        post_reply(members[number % len(members)], thread, body=REPLIES[number % len(REPLIES)])
    return {"thread": reverse("thread-detail", kwargs={"thread_id": thread.pk})}


def audit_pages() -> dict[str, str]:
    """The pages `make audit` checks, in a site with the demo community and the discussion."""
    thread = Thread.objects.get(title=DISCUSSION_TITLE)
    forum = thread.forum
    dialogue = Dialogue.objects.order_by("-number").first()
    event = Event.objects.order_by("starts_at").first()
    if dialogue is None or event is None:
        raise LookupError("load the demo community first (tertulia demo-data)")
    return {
        "home": reverse("home"),
        "forum": reverse("forum-detail", kwargs={"forum_slug": forum.slug}),
        "thread": reverse("thread-detail", kwargs={"thread_id": thread.pk}),
        "dialogue": reverse(
            "dialogue-detail", kwargs={"number": dialogue.number, "slug": dialogue.slug}
        ),
        "event": reverse("event-detail", kwargs={"event_id": event.pk, "slug": event.slug}),
        "resources": reverse("resource-list"),
        "trainings": reverse("training-list"),
        "search": reverse("search") + "?q=gender",
    }
