"""The demo community: invented members from every inhabited continent, and their logins.

Everything goes through the profile service, so a demo profile is rendered, folded for
search and tagged exactly as one a member saved. Loading twice gives the same data.
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.management.base import OutputWrapper
from django.db import transaction

from tertulia.accounts.models import Member, Role, Visibility
from tertulia.accounts.services import ProfileChanges, update_profile
from tertulia.core.models import SiteSettings

COMMUNITY_NAME = "Tertulia — Training for Gender Equality"
TAGLINE = (
    "A worldwide community of practice where trainers and specialists in gender equality "
    "discuss, learn from experts and share resources, in English, Spanish and French."
)

# Printed by the command for anyone to use: demo logins, not secrets.
FACILITATOR_PASSWORD = "lantern-orchard-tide-compass"  # noqa: S105
STAFF_PASSWORD = "quiet-harbour-maple-kite"  # noqa: S105
MEMBER_PASSWORD = "green-window-river-song"  # noqa: S105

Login = tuple[str, str, str]  # (role label, email, password)


@dataclass(frozen=True)
class DemoMember:
    email: str
    display_name: str
    country: str  # ISO 3166-1 alpha-2
    city: str
    time_zone: str  # IANA
    organisation: str
    job_title: str
    languages: tuple[str, ...]  # ISO 639-1, as in tertulia.core.languages
    expertise: tuple[str, ...]
    interface_language: str  # en, es or fr; the bio is written in it
    bio: str  # Markdown
    show_email: bool = False
    profile_visibility: str = Visibility.EVERYONE
    role: str = Role.MEMBER
    is_staff: bool = False

    @property
    def role_label(self) -> str:
        if self.is_staff:
            return "Staff"
        return "Facilitator" if self.role == Role.FACILITATOR else "Member"

    @property
    def password(self) -> str:
        return {"Staff": STAFF_PASSWORD, "Facilitator": FACILITATOR_PASSWORD}.get(
            self.role_label, MEMBER_PASSWORD
        )


def _email(local: str) -> str:
    return f"{local}@demo.tertulia.example"


DEMO_MEMBERS: tuple[DemoMember, ...] = (
    # --- The people who run the community ------------------------------------------------
    DemoMember(
        email=_email("facilitator"), display_name="Camila Reyes Santana", country="DO",
        city="Santo Domingo", time_zone="America/Santo_Domingo",
        organisation="Tertulia community team", job_title="Community facilitator",
        languages=("es", "en", "fr"),
        expertise=("online facilitation", "feminist pedagogy", "evaluation of training"),
        interface_language="en", show_email=True, role=Role.FACILITATOR,
        bio="I look after the forums and the **virtual dialogues**. Write to me with ideas "
        "for a dialogue topic, or if anything here gets in your way.",
    ),
    DemoMember(
        email=_email("staff"), display_name="Tomás Lindqvist Ortega", country="SE",
        city="Malmö", time_zone="Europe/Stockholm",
        organisation="Tertulia community team", job_title="Platform administrator",
        languages=("sv", "en", "es"), expertise=("accessibility", "knowledge management"),
        interface_language="en", is_staff=True,
        bio="I keep the platform running. Found a bug or a page that is hard to use on a "
        "slow connection? Tell me in the *Site feedback* forum.",
    ),
    # --- Africa --------------------------------------------------------------------------
    DemoMember(
        email=_email("chiamaka.eze"), display_name="Chiamaka Eze-Balogun", country="NG",
        city="Enugu", time_zone="Africa/Lagos",
        organisation="Women's Voice Learning Hub", job_title="Training coordinator",
        languages=("en", "ig"), expertise=("GBV prevention", "community mobilisation"),
        interface_language="en", show_email=True,
        bio="I design **community dialogues** on violence prevention with market women and "
        "faith leaders in south-east Nigeria.",
    ),
    DemoMember(
        email=_email("wanjiru.kamau"), display_name="Wanjiru Kamau Otieno", country="KE",
        city="Nairobi", time_zone="Africa/Nairobi",
        organisation="Pamoja Gender Institute", job_title="Lead trainer",
        languages=("en", "sw"), expertise=("gender-responsive budgeting", "care economy"),
        interface_language="en",
        bio="Fifteen years training county officials to read a budget with a gender lens. "
        "Ask me about *unpaid care* indicators.",
    ),
    DemoMember(
        email=_email("aissatou.fall"), display_name="Aïssatou Ndiaye FALL", country="SN",
        city="Dakar", time_zone="Africa/Dakar",
        organisation="Réseau Genre et Développement du Sahel",
        job_title="Chargée de formation", languages=("fr", "wo", "en"),
        expertise=("feminist pedagogy", "gender mainstreaming"), interface_language="fr",
        bio="Je forme des équipes de projets ruraux à l'**intégration du genre**. "
        "J'aime les méthodes participatives et le théâtre-forum.",
    ),
    DemoMember(
        email=_email("prudence.ngoma"), display_name="Prudence Loubaki NGOMA", country="CG",
        city="Pointe-Noire", time_zone="Africa/Brazzaville",
        organisation="Association Femmes et Droits du Kouilou",
        job_title="Formatrice en droits humains", languages=("fr", "ln", "kg"),
        expertise=("GBV prevention", "women's leadership"), interface_language="fr",
        show_email=True,
        bio="Formatrice bénévole auprès des associations de quartier. Je cherche des "
        "*outils simples* pour parler des violences avec les jeunes.",
    ),
    DemoMember(
        email=_email("salma.bennani"), display_name="سلمى بنّاني", country="MA",
        city="Rabat", time_zone="Africa/Casablanca",
        organisation="Observatoire marocain de l'égalité",
        job_title="Chercheuse et formatrice", languages=("ar", "fr", "en"),
        expertise=("intersectionality", "gender statistics"), interface_language="fr",
        bio="Chercheuse en sociologie, je prépare des modules sur les **statistiques "
        "genrées** pour les administrations publiques.",
    ),
    DemoMember(
        email=_email("thandiwe.mokoena"), display_name="Thandiwe Mokoena", country="ZA",
        city="Johannesburg", time_zone="Africa/Johannesburg",
        organisation="Ubuntu Training Collective", job_title="Facilitator and coach",
        languages=("en", "zu", "af"), expertise=("masculinities", "GBV prevention"),
        interface_language="en",
        bio="I run workshops with young men on **masculinities** and consent, in schools "
        "and football clubs.",
    ),
    DemoMember(
        email=_email("hiwot.tesfaye"), display_name="Hiwot Tesfaye Alemu", country="ET",
        city="Addis Ababa", time_zone="Africa/Addis_Ababa",
        organisation="African Women's Policy Network", job_title="Programme officer",
        languages=("am", "en"),
        expertise=("gender-responsive budgeting", "evaluation of training"),
        interface_language="en",
        bio="I evaluate trainings for ministries. My question: what changes *six months* "
        "after the workshop?",
    ),
    # --- Asia ----------------------------------------------------------------------------
    DemoMember(
        email=_email("anuradha.verma"), display_name="अनुराधा वर्मा", country="IN",
        city="Lucknow", time_zone="Asia/Kolkata",
        organisation="Sakhi Learning Centre", job_title="Founder and trainer",
        languages=("hi", "en", "ur"),
        expertise=("feminist pedagogy", "intersectionality", "adult learning"),
        interface_language="en", show_email=True,
        bio="Founder of a small centre that trains self-help groups. Caste, class and "
        "gender are never separate in our sessions.",
    ),
    DemoMember(
        email=_email("rohan.deshpande"), display_name="Rohan Deshpande", country="IN",
        city="Pune", time_zone="Asia/Kolkata",
        organisation="Centre for Gender and Public Policy", job_title="Research fellow",
        languages=("mr", "hi", "en"), expertise=("masculinities", "evaluation of training"),
        interface_language="en",
        bio="Researching how gender trainings for police officers change (or do not "
        "change) practice.",
    ),
    DemoMember(
        email=_email("misaki.sato"), display_name="佐藤 美咲", country="JP",
        city="Osaka", time_zone="Asia/Tokyo",
        organisation="Kansai Gender Equality Centre", job_title="Training officer",
        languages=("ja", "en"), expertise=("workplace equality", "evaluation of training"),
        interface_language="en",
        bio="I organise trainings for small companies on **work-life balance** and "
        "parental leave for fathers.",
    ),
    DemoMember(
        email=_email("huiling.chen"), display_name="陈慧玲", country="SG",
        city="Singapore", time_zone="Asia/Singapore",
        organisation="Inclusive Workplaces Singapore", job_title="Diversity and inclusion lead",
        languages=("zh", "en", "ms"), expertise=("workplace equality", "unconscious bias"),
        interface_language="en",
        bio="HR practitioner turned trainer. Interested in what makes *bias training* "
        "more than a tick-box exercise.",
    ),
    DemoMember(
        email=_email("jiyeon.kim"), display_name="김지연", country="KR",
        city="Seoul", time_zone="Asia/Seoul",
        organisation="Seoul Centre for Equality Education", job_title="Senior trainer",
        languages=("ko", "en"), expertise=("gender mainstreaming", "e-learning design"),
        interface_language="en",
        bio="I build **online courses** for civil servants and test them on mobile phones "
        "first.",
    ),
    DemoMember(
        email=_email("sana.qureshi"), display_name="Sana Qureshi", country="PK",
        city="Lahore", time_zone="Asia/Karachi",
        organisation="Aurat Learning Network", job_title="Gender specialist",
        languages=("ur", "pa", "en"),
        expertise=("women's political participation", "GBV prevention"),
        interface_language="en", profile_visibility=Visibility.MEMBERS,
        bio="Training women candidates for local elections. Happy to share our "
        "*campaign school* curriculum.",
    ),
    DemoMember(
        email=_email("lourdes.dizon"), display_name="Ma. Lourdes Dizon-Villanueva",
        country="PH", city="Quezon City", time_zone="Asia/Manila",
        organisation="Bayanihan Women's Training Network",
        job_title="Trainer and disaster-risk specialist", languages=("tl", "en"),
        expertise=("gender in humanitarian action", "climate justice"),
        interface_language="en",
        bio="After every typhoon we see the same gaps. I train local responders to plan "
        "**with** women, not only for them.",
    ),
    DemoMember(
        email=_email("thu.ha.nguyen"), display_name="Nguyễn Thị Thu Hà", country="VN",
        city="Hà Nội", time_zone="Asia/Ho_Chi_Minh",
        organisation="Centre for Women and Development Studies", job_title="Lecturer",
        languages=("vi", "en", "fr"), expertise=("gender statistics", "care economy"),
        interface_language="en",
        bio="Lecturer in development studies; I co-write training materials on time-use "
        "surveys.",
    ),
    DemoMember(
        email=_email("reem.khatib"), display_name="ريم الخطيب", country="LB",
        city="Beirut", time_zone="Asia/Beirut",
        organisation="Mashreq Gender Training Forum", job_title="Regional trainer",
        languages=("ar", "en", "fr"),
        expertise=("women, peace and security", "gender in humanitarian action"),
        interface_language="en", show_email=True,
        bio="I train humanitarian staff across the region on **gender analysis** in "
        "crisis settings.",
    ),
    DemoMember(
        email=_email("sita.gurung"), display_name="सीता गुरुङ", country="NP",
        city="Kathmandu", time_zone="Asia/Kathmandu",
        organisation="Himalayan Women's Resource Centre", job_title="Programme manager",
        languages=("ne", "hi", "en"),
        expertise=("women's economic empowerment", "popular education"),
        interface_language="en",
        bio="Working with mountain cooperatives. Our trainings run on radio when the roads "
        "are closed.",
    ),
    # --- Europe --------------------------------------------------------------------------
    DemoMember(
        email=_email("helene.marchand"), display_name="Hélène Marchand-Dubois", country="FR",
        city="Lyon", time_zone="Europe/Paris",
        organisation="Université Lumière Lyon 2",
        job_title="Maîtresse de conférences en sociologie", languages=("fr", "en", "es"),
        expertise=("intersectionality", "feminist pedagogy"), interface_language="fr",
        bio="J'enseigne la sociologie du genre et j'accompagne des formatrices qui veulent "
        "intégrer l'**intersectionnalité** à leurs ateliers.",
    ),
    DemoMember(
        email=_email("begona.etxeberria"), display_name="Begoña Etxeberria Ruiz", country="ES",
        city="Bilbao", time_zone="Europe/Madrid",
        organisation="Colectivo Berdintasuna", job_title="Consultora en igualdad",
        languages=("es", "eu", "en"),
        expertise=("gender-responsive budgeting", "gender mainstreaming"),
        interface_language="es",
        bio="Acompaño a ayuntamientos en sus **planes de igualdad** y en la elaboración de "
        "presupuestos con enfoque de género.",
    ),
    DemoMember(
        email=_email("giulia.ferraro"), display_name="Giulia Ferraro", country="IT",
        city="Torino", time_zone="Europe/Rome",
        organisation="Scuola di Formazione per l'Equità", job_title="Course designer",
        languages=("it", "en", "fr"),
        expertise=("e-learning design", "evaluation of training"), interface_language="en",
        bio="I design blended courses and I am slightly obsessed with *pre- and post-test* "
        "questionnaires that actually tell you something.",
    ),
    DemoMember(
        email=_email("fiona.macleod"), display_name="Fiona MacLeod", country="GB",
        city="Glasgow", time_zone="Europe/London",
        organisation="Equal Voices Scotland", job_title="Learning and development manager",
        languages=("en", "gd"), expertise=("workplace equality", "care economy"),
        interface_language="en",
        bio="I run equal-pay workshops for employers and unions.",
    ),
    DemoMember(
        email=_email("agnieszka.wisniewska"), display_name="Agnieszka Wiśniewska",
        country="PL", city="Kraków", time_zone="Europe/Warsaw",
        organisation="Fundacja Równe Szanse", job_title="Trainer",
        languages=("pl", "en", "de"),
        expertise=("anti-discrimination training", "intersectionality"),
        interface_language="en",
        bio="Anti-discrimination trainer for teachers and school heads.",
    ),
    # --- North America and the Caribbean -------------------------------------------------
    DemoMember(
        email=_email("xochitl.ramirez"), display_name="Xóchitl Ramírez Cruz", country="MX",
        city="Oaxaca", time_zone="America/Mexico_City",
        organisation="Colectiva Mujeres del Sur", job_title="Educadora popular",
        languages=("es", "en"), expertise=("popular education", "indigenous women's rights"),
        interface_language="es", show_email=True,
        bio="Educadora popular. Trabajo con promotoras comunitarias en la **Sierra Sur** "
        "usando metodologías de educación popular feminista.",
    ),
    DemoMember(
        email=_email("ixchel.pop"), display_name="Ixchel Pop Caal", country="GT",
        city="Cobán", time_zone="America/Guatemala",
        organisation="Red de Mujeres Mayas Q'eqchi'", job_title="Coordinadora de formación",
        languages=("es",), expertise=("indigenous women's rights", "GBV prevention"),
        interface_language="es",
        bio="Coordino talleres bilingües sobre derechos de las mujeres indígenas y acceso a "
        "la justicia.",
    ),
    DemoMember(
        email=_email("rose-marie.jean-baptiste"), display_name="Rose-Marie Jean-Baptiste",
        country="HT", city="Port-au-Prince", time_zone="America/Port-au-Prince",
        organisation="Fanm Ansanm Formation", job_title="Formatrice communautaire",
        languages=("ht", "fr", "en"),
        expertise=("gender in humanitarian action", "GBV prevention"),
        interface_language="fr",
        bio="Je forme des agentes communautaires à l'accueil des survivantes. "
        "Nos formations se font souvent *sans électricité*.",
    ),
    DemoMember(
        email=_email("danielle.washington"), display_name="Danielle Washington-Reyes",
        country="US", city="Atlanta", time_zone="America/New_York",
        organisation="Southern Equity Learning Lab", job_title="Director of training",
        languages=("en", "es"), expertise=("intersectionality", "unconscious bias"),
        interface_language="en",
        bio="I lead a team of trainers working with public health departments on "
        "**racial and gender equity**.",
    ),
    DemoMember(
        email=_email("emilie.tremblay"), display_name="Émilie Tremblay", country="CA",
        city="Montréal", time_zone="America/Toronto",
        organisation="Collectif Égalité Québec", job_title="Conseillère en analyse de genre",
        languages=("fr", "en"), expertise=("gender analysis", "evaluation of training"),
        interface_language="fr",
        bio="J'accompagne des ministères dans l'**analyse différenciée selon les sexes** et "
        "j'évalue les formations qui l'accompagnent.",
    ),
    # --- South America -------------------------------------------------------------------
    DemoMember(
        email=_email("ana.conceicao"), display_name="Ana Beatriz Conceição", country="BR",
        city="Salvador", time_zone="America/Bahia",
        organisation="Rede Afro-Feminista de Formação", job_title="Educadora e pesquisadora",
        languages=("pt", "es", "en"), expertise=("intersectionality", "anti-racism"),
        interface_language="es",
        bio="Educadora afrobrasileña. Formo docentes en **feminismo negro** y pedagogías "
        "antirracistas.",
    ),
    DemoMember(
        email=_email("joao.albuquerque"), display_name="João Pedro Albuquerque", country="BR",
        city="Recife", time_zone="America/Recife",
        organisation="Núcleo Masculinidades Recife", job_title="Coordinator",
        languages=("pt", "en"), expertise=("masculinities", "GBV prevention"),
        interface_language="en",
        bio="We run reflection groups for men referred by the courts. Always looking for "
        "*evaluation tools* that work.",
    ),
    DemoMember(
        email=_email("maria-jose.ocampo"), display_name="María José Ocampo Vélez",
        country="CO", city="Medellín", time_zone="America/Bogota",
        organisation="Corporación Tejiendo Paz", job_title="Facilitadora",
        languages=("es", "en"),
        expertise=("women, peace and security", "feminist pedagogy"),
        interface_language="es",
        bio="Facilito procesos de formación con **mujeres constructoras de paz** en "
        "territorios afectados por el conflicto.",
    ),
    DemoMember(
        email=_email("rosa.mamani"), display_name="Rosa Mamani Quispe", country="PE",
        city="Cusco", time_zone="America/Lima",
        organisation="Asociación Warmi Yachay", job_title="Promotora de derechos",
        languages=("qu", "es"), expertise=("rural women", "popular education"),
        interface_language="es", show_email=True,
        bio="Promotora en comunidades altoandinas. Compartimos saberes en quechua y en "
        "castellano.",
    ),
    DemoMember(
        email=_email("lucia.sosa"), display_name="Lucía Belén Sosa", country="AR",
        city="Buenos Aires", time_zone="America/Argentina/Buenos_Aires",
        organisation="Observatorio de Cuidados del Sur", job_title="Investigadora",
        languages=("es", "pt", "en"),
        expertise=("care economy", "gender-responsive budgeting"),
        interface_language="es",
        bio="Investigo la **economía del cuidado** y diseño talleres para sindicatos y "
        "gobiernos locales.",
    ),
    DemoMember(
        email=_email("valentina.araya"), display_name="Valentina Araya Muñoz", country="CL",
        city="Valparaíso", time_zone="America/Santiago",
        organisation="Fundación Aprende Igualdad", job_title="Diseñadora instruccional",
        languages=("es", "en"), expertise=("e-learning design", "feminist pedagogy"),
        interface_language="es",
        bio="Diseño cursos en línea accesibles y livianos, pensados para conexiones lentas.",
    ),
    # --- Oceania -------------------------------------------------------------------------
    DemoMember(
        email=_email("grace.nguyen-walker"), display_name="Grace Nguyen-Walker",
        country="AU", city="Melbourne", time_zone="Australia/Melbourne",
        organisation="Respect Learning Australia", job_title="Prevention educator",
        languages=("en", "vi"),
        expertise=("GBV prevention", "respectful relationships education"),
        interface_language="en",
        bio="I train teachers to deliver **respectful relationships** education in "
        "primary and secondary schools.",
    ),
    DemoMember(
        email=_email("aroha.terangi"), display_name="Aroha Te Rangi", country="NZ",
        city="Te Whanganui-a-Tara Wellington", time_zone="Pacific/Auckland",
        organisation="Wāhine Leadership Trust", job_title="Leadership trainer",
        languages=("mi", "en"), expertise=("women's leadership", "indigenous women's rights"),
        interface_language="en",
        bio="Kaupapa Māori leadership programmes for wāhine in public service.",
    ),
    DemoMember(
        email=_email("litia.naivalu"), display_name="Litia Naivalu", country="FJ",
        city="Suva", time_zone="Pacific/Fiji",
        organisation="Pacific Women's Training Network", job_title="Regional programme officer",
        languages=("fj", "en"), expertise=("climate justice", "gender in humanitarian action"),
        interface_language="en",
        bio="Connecting trainers across the Pacific islands. Climate change is a "
        "**gender issue** here every day.",
    ),
)  # fmt: skip


def demo_logins() -> list[Login]:
    """The facilitator, the staff account and one ordinary member, with their passwords."""
    chosen: dict[str, DemoMember] = {}
    for spec in DEMO_MEMBERS:
        chosen.setdefault(spec.role_label, spec)
    return [
        (label, chosen[label].email, chosen[label].password)
        for label in ("Facilitator", "Staff", "Member")
    ]


def load_demo_community(stdout: OutputWrapper) -> list[Login]:
    """Create or reset every demo member and the site's name; return the printed logins."""
    # Hashing is slow on purpose (Argon2); the demo accounts share three printed
    # passwords, so each is hashed once rather than once per member.
    hashes = {p: make_password(p) for p in {spec.password for spec in DEMO_MEMBERS}}
    created = 0
    with transaction.atomic():
        for spec in DEMO_MEMBERS:
            created += _save_member(spec, hashes[spec.password])
        site = SiteSettings.current()
        site.community_name = COMMUNITY_NAME
        site.tagline = TAGLINE
        site.save()
    countries = {spec.country for spec in DEMO_MEMBERS}
    stdout.write(
        f"{len(DEMO_MEMBERS)} demo members ({created} new, {len(DEMO_MEMBERS) - created} "
        f"reset) from {len(countries)} countries."
    )
    return demo_logins()


def _save_member(spec: DemoMember, password_hash: str) -> bool:
    """Create or reset one demo member; True when the member is new."""
    member = Member.objects.filter(email__iexact=spec.email).first()
    is_new = member is None
    if member is None:
        member = Member.objects.create_user(spec.email, None, display_name=spec.display_name)
    validate_password(spec.password, member)
    member.password = password_hash
    member.role = spec.role
    member.is_staff = member.is_superuser = spec.is_staff
    member.is_active = True
    member.deactivated_at = None
    member.save()
    # The member edits their own profile, as they would through the profile form.
    update_profile(
        member,
        member,
        ProfileChanges(
            display_name=spec.display_name,
            country=spec.country,
            city=spec.city,
            organisation=spec.organisation,
            job_title=spec.job_title,
            languages=spec.languages,
            expertise=spec.expertise,
            time_zone=spec.time_zone,
            interface_language=spec.interface_language,
            bio=spec.bio,
            show_email=spec.show_email,
            profile_visibility=spec.profile_visibility,
        ),
    )
    # Sign-in requires a verified address; demo addresses cannot receive mail.
    EmailAddress.objects.filter(user=member).exclude(email__iexact=member.email).update(
        primary=False
    )
    EmailAddress.objects.update_or_create(
        user=member, email=member.email, defaults={"verified": True, "primary": True}
    )
    return is_new
